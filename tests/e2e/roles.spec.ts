/**
 * Staff and organiser modes in the real screens against the real core (issue 6, requirements
 * 4 and 5): organiser screens closed in staff mode, the PIN dialog and its lock-out, the
 * settings panels (PIN, kiosk lock, audit log, purge). The core's clock is the test's, so the
 * lock-out and the idle fall back are reached by moving it, never by waiting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBridge, type Bridge } from '../../main/bridge/server';
import { openDataFolder } from '../../main/core/db/open';
import { createServices, type Services } from '../../main/core/services';
import { rendererIndex } from './global-setup';
import { axePage, seriousViolations } from './axe';
import { startHubProcess } from './hub-process';

interface ClockedKiosk {
  services: Services;
  bridge: Bridge;
  /** Moves the core's clock forward (the lock-out and the idle fall back read it). */
  advance(ms: number): void;
  open(page: Page): Promise<void>;
  /** Sets the organiser PIN through the core and goes back to staff mode, as an organiser leaving the desk would. */
  lockWithPin(pin: string): Promise<void>;
}

/** The fixtures.ts kiosk, with a clock the test moves. */
const test = base.extend<{ kiosk: ClockedKiosk }>({
  kiosk: async ({}, use) => {
    if (!fs.existsSync(rendererIndex)) throw new Error(`${rendererIndex} is missing: run "npm run build" before the browser tests.`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-roles-'));
    const db = openDataFolder(dataDir);
    let offset = 0;
    const services = createServices({ db, version: 'e2e', now: () => new Date(Date.now() + offset) });
    await services.handlers['demo:load']({});
    const bridge = await startBridge({ services, staticDir: path.dirname(rendererIndex) });
    await use({
      services,
      bridge,
      advance: (ms) => {
        offset += ms;
      },
      open: async (page) => {
        await page.goto(bridge.appUrl);
        await expect(page.getByRole('navigation')).toBeVisible();
      },
      lockWithPin: async (pin) => {
        await services.roles.setPin(pin);
        services.roles.lock();
      },
    });
    await bridge.close();
    await services.shutdown();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

const pin = '482916';

const nav = (page: Page) => page.getByRole('navigation');
const mode = (page: Page) => page.getByTestId('role-mode');
const dialog = (page: Page) => page.getByRole('dialog');

/** What the browser would send if a screen tried anyway: the core's own answer, not the UI's. */
async function callFromPage(page: Page, operation: string): Promise<{ ok: boolean; code?: string }> {
  // A string: the node tsconfig has no DOM types for a function body run in the page.
  return page.evaluate(`window.accueil[${JSON.stringify(operation)}]({})`);
}

/** The lock-out's end as the dialog writes it (hour and minute in the page's language and time zone). */
function lockTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

test.describe('roles: staff and organiser modes', () => {
  test('without a PIN everything is open; a PIN set in Settings closes the organiser screens in staff mode', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await expect(mode(page)).toHaveText('Organisateur');
    await expect(page.getByText('(aucun code PIN : tout est ouvert)')).toBeVisible();

    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();
    const pinPanel = page.getByRole('region', { name: 'Code PIN organisateur' });
    // Too short, then two different PINs: said in words, nothing saved.
    await pinPanel.getByLabel('Code PIN', { exact: true }).fill('12');
    await pinPanel.getByRole('button', { name: 'Définir le code PIN' }).click();
    await expect(pinPanel.getByText('Le code PIN doit compter de 4 à 12 chiffres.')).toBeVisible();
    await pinPanel.getByLabel('Code PIN', { exact: true }).fill(pin);
    await pinPanel.getByLabel('Le même code PIN, une seconde fois').fill('482917');
    await pinPanel.getByRole('button', { name: 'Définir le code PIN' }).click();
    await expect(pinPanel.getByText('Les deux codes PIN ne sont pas identiques.')).toBeVisible();
    expect(kiosk.services.roles.pinSet()).toBe(false);

    await pinPanel.getByLabel('Le même code PIN, une seconde fois').fill(pin);
    await pinPanel.getByRole('button', { name: 'Définir le code PIN' }).click();
    await expect(pinPanel.getByRole('status')).toContainText('Code PIN enregistré');
    expect(kiosk.services.roles.pinSet()).toBe(true);
    // Whoever set it stays organiser until "Verrouiller".
    await expect(mode(page)).toHaveText('Organisateur');
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await expect(mode(page)).toHaveText('Accueil');
    // Settings were open: staff land on the search screen.
    await expect(page.getByLabel('Rechercher un·e participant·e')).toBeVisible();

    // Staff: import, settings, exports and the dashboard are offered locked; a click asks for the PIN.
    for (const [name, heading] of [
      ['Réglages', 'Réglages'],
      ['Exports', 'Exports'],
      ['Importer', 'Importer des inscriptions'],
      ['Tableau de bord', 'Tableau de bord'],
    ] as const) {
      const button = nav(page).getByRole('button', { name: `${name} (code PIN organisateur requis)` });
      await button.click();
      await expect(dialog(page)).toBeVisible();
      await expect(dialog(page).getByLabel('Code PIN organisateur')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog(page)).toBeHidden();
      await expect(button).toBeFocused();
      await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toHaveCount(0);
    }
    // Staff work stays open.
    for (const name of ['Scanner', 'Rechercher', 'Sur place', 'Badges']) {
      await expect(nav(page).getByRole('button', { name, exact: true })).toBeVisible();
    }
    // And the core refuses the organiser operations whatever the screens show.
    for (const operation of ['audit:list', 'audit:export', 'dashboard:get']) {
      expect(await callFromPage(page, operation)).toMatchObject({ ok: false, code: 'role.organiser_required' });
    }
  });

  test('an organiser action refused on a staff screen says why and offers the PIN, then goes through', async ({ page, kiosk }) => {
    await kiosk.lockWithPin(pin);
    await kiosk.open(page);
    await nav(page).getByRole('button', { name: 'Badges', exact: true }).click();
    // Designing templates is organiser work; the Badges screen itself is the desk's (it opens on printing in staff mode).
    await page.getByRole('tab', { name: 'Modèle et aperçu' }).click();
    await page.getByLabel('Modèle de badge').selectOption('cr80');
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    await page.getByLabel('Identifiant (lettres minuscules, chiffres et tirets)').fill('carte-staff');
    await page.getByLabel('Nom affiché en français').fill('Carte accueil');
    await page.getByLabel('Nom affiché en anglais').fill('Desk card');
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    const refusal = page.locator('[data-error-code="role.organiser_required"]');
    await expect(refusal).toContainText('Réservé aux organisateurs');
    expect((await kiosk.services.handlers['badges:templates']({})).some((template) => template.name === 'carte-staff')).toBe(false);

    await refusal.getByRole('button', { name: 'Saisir le code PIN organisateur' }).click();
    await dialog(page).getByLabel('Code PIN organisateur').fill(pin);
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect(mode(page)).toHaveText('Organisateur');
    // Nothing typed was lost: saving again goes through.
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Modèle « Carte accueil » enregistré.' })).toBeVisible();
  });

  test('the PIN dialog: attempts left, the lock-out with its end, the right PIN refused until it ends, then organiser screens back', async ({ browser, kiosk }) => {
    await kiosk.lockWithPin(pin);
    const page = await axePage(browser);
    await kiosk.open(page);
    await expect(mode(page)).toHaveText('Accueil');

    await nav(page).getByRole('button', { name: 'Réglages (code PIN organisateur requis)' }).click();
    const box = dialog(page).getByLabel('Code PIN organisateur');
    await expect(box).toBeFocused();
    // Masked, digits only.
    await expect(box).toHaveAttribute('type', 'password');
    await box.pressSequentially('12ab');
    await expect(box).toHaveValue('12');
    await box.fill('');
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(dialog(page).getByText('Saisissez le code PIN (des chiffres).')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    for (const left of [4, 3, 2, 1]) {
      await box.fill('0000');
      await dialog(page).getByRole('button', { name: 'Valider' }).click();
      await expect(dialog(page).getByTestId('pin-wrong')).toHaveText(
        left === 1 ? 'Code PIN incorrect. Encore 1 essai avant le blocage.' : `Code PIN incorrect. Encore ${left} essais avant le blocage.`,
      );
      await expect(box).toBeFocused();
      await expect(box).toHaveValue('');
    }
    await box.fill('0000');
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(dialog(page).getByTestId('pin-locked')).toBeVisible();
    const status = kiosk.services.roles.status();
    expect(status.lockedUntil).not.toBeNull();
    await expect(dialog(page).getByTestId('pin-locked')).toHaveText(
      `Trop de codes PIN incorrects : aucun code n'est accepté avant ${lockTime(status.lockedUntil!, 'fr')}. Réessayez ensuite, ou demandez à un·e organisateur·rice.`,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The right PIN during the lock-out: refused, still staff.
    await box.fill(pin);
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(dialog(page).getByTestId('pin-locked')).toBeVisible();
    await expect(dialog(page)).toBeVisible();
    expect(kiosk.services.roles.mode()).toBe('staff');
    await expect(mode(page)).toHaveText('Accueil');

    // Closing and reopening the dialog still says so (the core keeps the count).
    await dialog(page).getByRole('button', { name: 'Annuler' }).click();
    await nav(page).getByRole('button', { name: 'Exports (code PIN organisateur requis)' }).click();
    await expect(dialog(page).getByTestId('pin-locked')).toBeVisible();

    // Once the lock-out is over (the core's clock), the right PIN opens the screen that asked for it.
    kiosk.advance(Date.parse(status.lockedUntil!) - kiosk.services.now().getTime() + 1000);
    await box.fill(pin);
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect(mode(page)).toHaveText('Organisateur');
    await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
    await expect(nav(page).getByRole('button', { name: 'Réglages', exact: true })).toBeVisible();
    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toBeVisible();

    // "Verrouiller": back to staff, off the organiser screen.
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await expect(mode(page)).toHaveText('Accueil');
    await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toHaveCount(0);
    await expect(nav(page).getByRole('button', { name: 'Réglages (code PIN organisateur requis)' })).toBeVisible();
    expect(kiosk.services.roles.mode()).toBe('staff');
  });

  test('organiser mode left idle falls back to staff: the next action is refused and the screen goes back to the desk', async ({ page, kiosk }) => {
    await kiosk.lockWithPin(pin);
    await kiosk.open(page);
    await page.getByRole('button', { name: 'Mode organisateur' }).click();
    await dialog(page).getByLabel('Code PIN organisateur').fill(pin);
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(mode(page)).toHaveText('Organisateur');
    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();
    const audit = page.getByRole('region', { name: 'Journal des actions', exact: true });
    await expect(audit.getByTestId('audit-table')).toBeVisible();
    // The header says when the mode will close by itself (the core's clock, 10 minutes after the last organiser action).
    await expect(page.getByTestId('role-until')).toHaveText(/^\s*\(se verrouille à \d\d:\d\d sans action d'organisateur\)$/);

    kiosk.advance(11 * 60_000);
    await audit.getByRole('button', { name: 'Actualiser' }).click();
    await expect(mode(page)).toHaveText('Accueil');
    await expect(page.getByText("Le mode organisateur s'est refermé : retour au mode accueil.")).toBeVisible();
    await expect(page.getByLabel('Rechercher un·e participant·e')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toHaveCount(0);
  });

  test('the audit log: newest first in plain words, older pages, CSV export; axe on the panels', async ({ browser, kiosk }) => {
    await kiosk.lockWithPin(pin);
    // Enough entries for a second page (the panel shows 50 at a time).
    for (let index = 0; index < 60; index += 1) kiosk.services.audit.record({ action: 'badge.reprint', target: `attendee-${index}`, details: { reason: 'lost' } });
    const page = await axePage(browser);
    await kiosk.open(page);
    await page.getByRole('button', { name: 'Mode organisateur' }).click();
    await dialog(page).getByLabel('Code PIN organisateur').fill(pin);
    await dialog(page).getByRole('button', { name: 'Valider' }).click();
    await expect(mode(page)).toHaveText('Organisateur');
    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();

    const table = page.getByTestId('audit-table');
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(50);
    // Newest first: the unlock just made, in words, by the organiser.
    await expect(rows.first()).toContainText('Mode organisateur ouvert');
    await expect(rows.first()).toContainText('Organisateur');
    await expect(rows.nth(1)).toContainText('Badge réimprimé');
    await expect(rows.nth(1)).toContainText('attendee-59');
    const total = kiosk.services.audit.count();
    expect(total).toBeGreaterThan(50);
    expect(total).toBeLessThan(100);
    await page.getByRole('button', { name: 'Plus anciennes' }).click();
    await expect(rows).toHaveCount(total);
    await expect(page.getByRole('button', { name: 'Plus anciennes' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter le journal (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^journal-.+\.csv$/);
    const text = fs.readFileSync(await file.path(), 'utf8');
    expect(text).toContain('attendee-59');
    await expect(page.getByText(`Journal enregistré : ${file.suggestedFilename()}.`)).toBeVisible();
  });

  test('purge: explained, confirmed by typing the event name, counts after, and logged', async ({ browser, kiosk }) => {
    const page = await axePage(browser);
    await kiosk.open(page);
    const info = await kiosk.services.handlers['app:info']({});
    const eventName = info.event!.name;
    const attendees = kiosk.services.db.prepare('SELECT count(*) FROM attendees WHERE event_id = ?').pluck().get(info.event!.id) as number;
    expect(attendees).toBeGreaterThan(500);
    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();
    const zone = page.getByRole('region', { name: 'Zone dangereuse : effacer les données personnelles' });
    await expect(zone).toContainText('exportez d\'abord');
    const submit = zone.getByRole('button', { name: 'Effacer les données personnelles' });
    await expect(submit).toBeDisabled();
    const confirm = zone.getByLabel(`Pour confirmer, tapez le nom de l'événement : « ${eventName} »`);
    await confirm.fill(eventName.slice(0, -1));
    await expect(submit).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);

    await confirm.fill(eventName);
    await submit.click();
    const report = page.getByTestId('purge-report');
    await expect(report).toContainText(`Données personnelles de « ${eventName} » effacées de ce poste :`);
    await expect(report).toContainText(`${attendees} participant·es`);
    await expect(page.getByTestId('event-name')).toContainText('0 participant·e');
    expect((await kiosk.services.handlers['app:info']({})).event!.attendeeCount).toBe(0);
    await page.getByRole('region', { name: 'Journal des actions', exact: true }).getByRole('button', { name: 'Actualiser' }).click();
    await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toContainText('Données personnelles effacées');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('purge on a kiosk whose arrivals never reached its hub: refused with the count, then a second consent purges', async ({ page, kiosk }) => {
    const hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-hub-'));
    const hubDb = openDataFolder(hubDir);
    await createServices({ db: hubDb }).handlers['demo:load']({});
    hubDb.close();
    const hub = await startHubProcess(hubDir);
    try {
      await kiosk.services.handlers['sync:pair']({ url: hub.url, code: hub.pairingCode });
    } finally {
      // Cut off for good: the arrival below will never reach it.
      await hub.stop();
      fs.rmSync(hubDir, { recursive: true, force: true });
    }
    const event = (await kiosk.services.handlers['app:info']({})).event!;
    const day = kiosk.services.db.prepare('SELECT date FROM event_days WHERE event_id = ? ORDER BY date LIMIT 1').pluck().get(event.id) as string;
    const someone = kiosk.services.db.prepare("SELECT id FROM attendees WHERE event_id = ? AND status = 'valid' LIMIT 1").pluck().get(event.id) as string;
    expect((await kiosk.services.handlers['checkin:scan']({ code: someone, method: 'search', at: `${day}T09:00:00` })).result).toBe('accepted');

    await kiosk.open(page);
    await nav(page).getByRole('button', { name: 'Réglages', exact: true }).click();
    const zone = page.getByRole('region', { name: 'Zone dangereuse : effacer les données personnelles' });
    await zone.getByLabel(`Pour confirmer, tapez le nom de l'événement : « ${event.name} »`).fill(event.name);
    const submit = zone.getByRole('button', { name: 'Effacer les données personnelles' });
    await submit.click();
    await expect(zone.getByRole('alert')).toContainText("1 changement(s) faits sur ce poste ne sont pas encore arrivés au serveur");
    expect((await kiosk.services.handlers['app:info']({})).event!.attendeeCount).toBe(event.attendeeCount);

    await zone.getByLabel('Ce poste ne rejoindra plus le serveur : effacer quand même et perdre 1 changement non envoyé.').check();
    await submit.click();
    await expect(page.getByTestId('purge-report')).toContainText(`${event.attendeeCount} participant·es`);
    expect((await kiosk.services.handlers['app:info']({})).event!.attendeeCount).toBe(0);
  });

  test("a volunteer's print failing for want of a printer leads to the Badges screen, where they choose this kiosk's printer", async ({ page, kiosk }) => {
    await kiosk.lockWithPin(pin);
    await kiosk.open(page);
    await nav(page).getByRole('button', { name: 'Sur place' }).click();
    await page.getByLabel(/^Prénom/).fill('Awa');
    await page.getByLabel(/^Nom/).fill('Sissoko-Nouvelle');
    await page.getByRole('checkbox', { name: /accepte l'utilisation de ses données/ }).check();
    await page.getByRole('button', { name: 'Inscrire et imprimer le badge' }).click();
    const done = page.getByTestId('walkin-done');
    await expect(done.getByRole('alert')).toContainText("Aucune imprimante n'est choisie pour ce poste");
    // Settings are locked in staff mode: no way there, but the way to the printer choice.
    await expect(done.getByRole('button', { name: 'Ouvrir les Réglages' })).toHaveCount(0);
    await done.getByRole('button', { name: 'Choisir une imprimante (écran Badges)' }).click();

    await expect(page.getByRole('tab', { name: 'Imprimer un badge' })).toHaveAttribute('aria-selected', 'true');
    await page.getByLabel('Imprimante', { exact: true }).selectOption('PDF');
    await page.getByRole('button', { name: "Faire de PDF l'imprimante de cette borne" }).click();
    await expect.poll(async () => (await kiosk.services.handlers['kiosk:get']({})).printer).toBe('PDF');
    await expect(mode(page)).toHaveAttribute('data-mode', 'staff');
  });

  test('in English: the mode, the locked screens and the PIN dialog', async ({ page, kiosk }) => {
    await kiosk.lockWithPin(pin);
    await kiosk.open(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(mode(page)).toHaveText('Welcome desk');
    await nav(page).getByRole('button', { name: 'Settings (organiser PIN needed)' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Organiser mode' })).toBeVisible();
    await dialog(page).getByLabel('Organiser PIN').fill('1111');
    await dialog(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog(page).getByTestId('pin-wrong')).toHaveText('Wrong PIN. 4 tries left before the lock-out.');
    await dialog(page).getByLabel('Organiser PIN').fill(pin);
    await dialog(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(mode(page)).toHaveText('Organiser');
    await expect(page.getByRole('region', { name: 'Kiosk lock' })).toBeVisible();
    await page.getByRole('switch', { name: 'Lock the desk in full screen' }).check();
    await expect(page.getByText('Lock on: full screen can only be left with the PIN.')).toBeVisible();
    expect(kiosk.services.roles.kioskLock()).toBe(true);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(mode(page)).toHaveText('Welcome desk');
  });
});

/**
 * Sync as staff see it: the header indicator, Settings › pairing with a hub (the real hub as a
 * child process on loopback), "this desk is the hub" and the supervisor's conflicts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Attendees } from '../../main/core/attendees/attendees';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { createServices, type Services } from '../../main/core/services';
import { test, expect, type Kiosk } from './fixtures';
import { launchWithCamera, makeCameraFile, removeCameraFile } from './scan-camera';
import { axePage, seriousViolations } from './axe';
import { startHubProcess, type HubProcess } from './hub-process';

/** A hub data folder with an event (any date accepted) and attendees T-0…T-(n-1). */
function seedHub(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-hub-'));
  const db = openDataFolder(dir);
  try {
    const services = createServices({ db });
    const event = services.handlers['events:create']({ name: 'Congrès synchro', checkpoints: [{ id: 'entrance', kind: 'entrance', name: 'Entrée' }], select: true });
    const attendees = new Attendees(db);
    for (let i = 0; i < count; i++) {
      attendees.insert({ eventId: (event as { id: string }).id, firstName: `Prénom${i}`, lastName: `Nom${i}`, organisation: 'Org', ticketCodes: [`T-${i}`] });
    }
  } finally {
    db.close();
  }
  return dir;
}

let hub: HubProcess | null = null;
const cleanups: (() => void)[] = [];
test.afterEach(async ({ kiosk }) => {
  // An in-app hub left running by a failed test would outlive the kiosk's database.
  await kiosk.services.handlers['hub:stop']({});
  await hub?.stop();
  hub = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function openSettings(kiosk: Kiosk, page: Page): Promise<void> {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
  await expect(page.getByRole('heading', { name: 'Synchronisation avec le hub' })).toBeVisible();
}

/** Pairs through the Settings form, with the pairing QR's text pasted. */
async function pairInSettings(page: Page, url: string, code: string): Promise<void> {
  await page.getByLabel("Contenu du QR d'appairage").fill(`accueil-pair:${url}#${code}`);
  await expect(page.getByLabel('Adresse du hub')).toHaveValue(url);
  await expect(page.getByLabel("Code d'appairage")).toHaveValue(code);
  await page.getByRole('button', { name: 'Appairer', exact: true }).click();
  await expect(page.getByTestId('sync-message')).toHaveText(`Poste appairé avec le hub ${url}.`);
}

/** A second kiosk core in this process (no window), paired with the same hub. */
async function secondKiosk(url: string, code: string): Promise<Services> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-k2-'));
  const db: Database = openDataFolder(dir);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('kiosk.name', ?)").run(JSON.stringify('Poste B'));
  cleanups.push(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const services = createServices({ db });
  const status = await services.handlers['sync:pair']({ url, code });
  expect(status.lastError).toBeNull();
  return services;
}

test.describe('Sync', () => {
  test.use({ demo: false });

  test('unpaired, the header says "poste autonome"', async ({ page, kiosk }) => {
    await kiosk.open(page);
    const indicator = page.getByTestId('sync-indicator');
    await expect(indicator).toHaveText('Poste autonome');
    await expect(indicator).toHaveAttribute('data-state', 'unpaired');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(indicator).toHaveText('Standalone desk');
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Sync with the hub' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'This desk is the hub' })).toBeVisible();
    await expect(page.getByTestId('conflicts-none')).toHaveText('Nothing to check.');
  });

  test('pair with a hub from Settings: online, the pending count drops to 0 after a check-in is synced; unpair', async ({ browser, kiosk }) => {
    const page = await axePage(browser);
    const hubDir = seedHub(5);
    cleanups.push(() => fs.rmSync(hubDir, { recursive: true, force: true }));
    hub = await startHubProcess(hubDir);

    await openSettings(kiosk, page);
    // A text that is not a pairing QR is said so.
    await page.getByLabel("Contenu du QR d'appairage").fill('https://example.org');
    await expect(page.getByText("Ce texte n'est pas un QR d'appairage Accueil")).toBeVisible();
    await pairInSettings(page, hub.url, hub.pairingCode);

    const indicator = page.getByTestId('sync-indicator');
    await expect(indicator).toHaveAttribute('data-state', 'online');
    await expect(page.getByTestId('sync-state')).toHaveText('En ligne');
    await expect(page.getByTestId('sync-pending')).toHaveText('0 en attente');
    await expect(page.getByTestId('sync-last')).toContainText('dernière synchro');
    // The hub's event came with the snapshot.
    await expect(page.getByTestId('event-name')).toContainText('Congrès synchro');
    await expect(page.getByTestId('sync-status-hub')).toHaveText(hub.url);
    expect(await seriousViolations(page)).toEqual([]);

    // A check-in here waits to be sent, then goes with "Synchroniser maintenant".
    expect((await kiosk.services.handlers['checkin:scan']({ code: 'T-1', method: 'wedge' })).result).toBe('accepted');
    await expect(page.getByTestId('sync-pending')).toHaveText('1 en attente');
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(page.getByTestId('sync-message')).toHaveText('Synchronisation terminée.');
    await expect(page.getByTestId('sync-pending')).toHaveText('0 en attente');
    await expect(page.getByTestId('sync-status-pending')).toHaveText('0');

    // The hub stopped: the next sync fails in plain words, the desk goes on.
    await hub.stop();
    hub = null;
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(page.getByTestId('sync-settings').getByRole('alert')).toContainText('ne répond pas');
    await expect(indicator).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('sync-state')).toHaveText('Hors ligne');

    await page.getByRole('button', { name: 'Ne plus synchroniser avec ce hub' }).click();
    await expect(page.getByTestId('sync-message')).toHaveText("Ce poste n'est plus relié au hub.");
    await expect(indicator).toHaveText('Poste autonome');
  });

  test("pair by scanning the hub's pairing QR with the camera", async ({ kiosk }) => {
    const hubDir = seedHub(1);
    cleanups.push(() => fs.rmSync(hubDir, { recursive: true, force: true }));
    hub = await startHubProcess(hubDir);
    const file = await makeCameraFile([
      { text: 'not a pairing code', seconds: 1 },
      { text: `accueil-pair:${hub.url}#${hub.pairingCode}`, seconds: 2 },
    ]);
    const browser = await launchWithCamera(file);
    cleanups.push(() => removeCameraFile(file));
    try {
      const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      await openSettings(kiosk, page);
      await page.getByRole('button', { name: 'Scanner le QR du hub' }).click();
      await expect(page.getByTestId('sync-message')).toHaveText("QR d'appairage lu : adresse et code remplis.", { timeout: 30_000 });
      await expect(page.getByTestId('pairing-scanner')).toHaveCount(0);
      await expect(page.getByLabel('Adresse du hub')).toHaveValue(hub.url);
      await expect(page.getByLabel("Code d'appairage")).toHaveValue(hub.pairingCode);
      await page.getByRole('button', { name: 'Appairer', exact: true }).click();
      await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online');
    } finally {
      await browser.close();
    }
  });

  test('a wrong code is said in plain words', async ({ page, kiosk }) => {
    const hubDir = seedHub(1);
    cleanups.push(() => fs.rmSync(hubDir, { recursive: true, force: true }));
    hub = await startHubProcess(hubDir);
    await openSettings(kiosk, page);
    await page.getByLabel('Adresse du hub').fill(hub.url);
    await page.getByLabel("Code d'appairage").fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Appairer', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText("Code d'appairage inconnu, expiré ou déjà utilisé : demandez-en un nouveau au hub.");
    await expect(page.getByTestId('sync-indicator')).toHaveText('Poste autonome');
  });

  test('this desk is the hub: start, the code large with its QR, a desk pairs and shows up, revoke, stop', async ({ browser, kiosk }) => {
    const page = await axePage(browser);
    await kiosk.services.handlers['demo:load']({});
    await openSettings(kiosk, page);
    const panel = page.getByTestId('hub-panel');
    await expect(panel.getByTestId('hub-state')).toHaveText('Le hub ne tourne pas.');
    await panel.getByLabel('Port').fill('0');
    await panel.getByRole('button', { name: 'Démarrer le hub' }).click();
    await expect(panel.getByTestId('hub-message')).toHaveText('Le hub tourne.');
    await expect(panel.getByTestId('hub-urls').locator('li').first()).toHaveText(/^http:\/\/[\d.]+:\d+$/);
    const code = (await panel.getByTestId('hub-code').textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const qr = panel.getByTestId('hub-qr');
    await expect(qr.locator('svg')).toBeVisible();
    const qrText = (await qr.getAttribute('data-qr-text'))!;
    expect(qrText).toMatch(new RegExp(`^accueil-pair:http://[\\d.]+:\\d+#${code}$`));
    await expect(page.getByTestId('sync-indicator')).toHaveText('Ce poste est le hub');
    expect(await seriousViolations(page)).toEqual([]);

    // Another desk pairs with the code shown (through the QR's URL); it shows up; the code moves on.
    const url = qrText.slice('accueil-pair:'.length, qrText.lastIndexOf('#'));
    const other = await secondKiosk(url, code);
    const device = panel.getByTestId('hub-device');
    await expect(device).toHaveCount(1);
    await expect(device).toContainText('Poste B');
    expect(await seriousViolations(page)).toEqual([]);
    await expect(panel.getByTestId('hub-code')).not.toHaveText(code);

    await panel.getByRole('button', { name: 'Nouveau code' }).click();
    await expect(panel.getByTestId('hub-message')).toHaveText("Nouveau code d'appairage affiché.");

    await device.getByRole('button', { name: 'Révoquer Poste B' }).click();
    await expect(panel.getByTestId('hub-message')).toHaveText('Poste B est révoqué : le hub refuse désormais ses envois.');
    await expect(device).toContainText('révoqué');
    await expect(other.handlers['sync:now']({})).rejects.toMatchObject({ code: 'sync.unauthorized' });

    await panel.getByRole('button', { name: 'Arrêter le hub' }).click();
    await expect(panel.getByTestId('hub-state')).toHaveText('Le hub ne tourne pas.');
    await expect(page.getByTestId('sync-indicator')).toHaveText('Poste autonome');
  });

  test('a double admission by two desks shows in the supervisor panel, first arrival marked', async ({ browser, kiosk }) => {
    const page = await axePage(browser);
    const hubDir = seedHub(3);
    cleanups.push(() => fs.rmSync(hubDir, { recursive: true, force: true }));
    hub = await startHubProcess(hubDir);
    kiosk.services.settings.set('kiosk.name', 'Poste A');
    await kiosk.services.handlers['sync:pair']({ url: hub.url, code: hub.pairingCode });
    const other = await secondKiosk(hub.url, hub.newCode());

    // Both desks admit T-2 before either syncs (the network was down between them).
    expect((await other.handlers['checkin:scan']({ code: 'T-2', method: 'wedge', at: '2026-06-10T08:00:00' })).result).toBe('accepted');
    expect((await kiosk.services.handlers['checkin:scan']({ code: 'T-2', method: 'wedge', at: '2026-06-10T08:05:00' })).result).toBe('accepted');
    await other.handlers['sync:now']({});
    await kiosk.services.handlers['sync:now']({});

    await openSettings(kiosk, page);
    const double = page.getByTestId('double-admission');
    await expect(double).toHaveCount(1);
    await expect(double).toContainText('Prénom2 Nom2');
    const checkins = double.getByTestId('double-admission-checkin');
    await expect(checkins).toHaveCount(2);
    await expect(checkins.nth(0)).toContainText('Poste B');
    await expect(checkins.nth(0)).toContainText('première arrivée');
    await expect(checkins.nth(1)).toContainText('Poste A');
    await expect(checkins.nth(1)).not.toContainText('première arrivée');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the same walk-in registered at two desks is flagged for a supervisor, who says they are different people', async ({ page, kiosk }) => {
    const hubDir = seedHub(1);
    cleanups.push(() => fs.rmSync(hubDir, { recursive: true, force: true }));
    hub = await startHubProcess(hubDir);
    await kiosk.services.handlers['sync:pair']({ url: hub.url, code: hub.pairingCode });
    const other = await secondKiosk(hub.url, hub.newCode());
    // The network was down: each desk registers her, neither knows of the other's.
    await other.handlers['walkin:create']({ firstName: 'Anne', lastName: 'Martinez', organisation: 'Mairie de Dijon', consent: true });
    await kiosk.services.handlers['walkin:create']({ firstName: 'Anne', lastName: 'Martinez', organisation: 'Mairie de Dijon', consent: true });
    await other.handlers['sync:now']({});
    await kiosk.services.handlers['sync:now']({});

    await openSettings(kiosk, page);
    const flag = page.getByTestId('sync-flag');
    await expect(flag).toHaveCount(1);
    await expect(flag).toContainText('Inscrit sur place : Anne Martinez · Mairie de Dijon');
    await expect(flag).toContainText('Ressemble à : Anne Martinez · Mairie de Dijon');
    await flag.getByRole('button', { name: 'Personnes différentes' }).click();
    await expect(flag).toContainText('Réglé (personnes différentes)');
    await expect(flag.getByRole('button')).toHaveCount(0);
    const conflicts = await kiosk.services.handlers['sync:conflicts']({});
    expect(conflicts.flags[0]!.resolution).toBe('dismissed');
  });
});

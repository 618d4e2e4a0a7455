/**
 * The organisers' dashboard, live: the kiosk under test runs its background sync with a real hub
 * (`accueil hub`, a child process on loopback); another kiosk core on its own SQLite file checks
 * people in and syncs; the dashboard shows it without a reload. Also: the day picker, the pause
 * while the page is hidden, the empty states, both languages and an axe pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Attendees } from '../../main/core/attendees/attendees';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { createServices, type Services } from '../../main/core/services';
import { test, expect, type Kiosk } from './fixtures';
import { axePage, seriousViolations } from './axe';
import { startHubProcess, type HubProcess } from './hub-process';

const venueTimeZone = 'Europe/Paris';

/** The venue's wall clock now: its date (YYYY-MM-DD) and minutes since midnight. */
function venueNow(): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: venueTimeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function nextDay(date: string): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Earlier today at the venue, `ago` minutes back (never before midnight): a scan time and its quarter. */
function earlierToday(ago: number): { at: string; slot: string } {
  const { date, minutes } = venueNow();
  const at = Math.max(0, minutes - ago);
  return { at: `${date}T${hhmm(at)}:00`, slot: hhmm(at - (at % 15)) };
}

interface Seeded {
  dir: string;
  today: string;
  tomorrow: string;
}

/**
 * A hub data folder: an event on today and tomorrow (venue time) with an entrance and a
 * workshop of capacity 2 today, and six attendees T-0…T-5: three French local authorities
 * (T-0 and T-1 registered for the workshop) and three foreign delegations.
 */
function seedHub(): Seeded {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-dash-hub-'));
  const today = venueNow().date;
  const tomorrow = nextDay(today);
  const db = openDataFolder(dir);
  try {
    const services = createServices({ db });
    const event = services.handlers['events:create']({
      name: 'Rencontres du tableau de bord',
      timezone: venueTimeZone,
      days: [
        { date: today, label: 'Jour 1' },
        { date: tomorrow, label: 'Jour 2' },
      ],
      checkpoints: [
        { id: 'entrance', kind: 'entrance', name: 'Entrée' },
        { id: 'atelier-climat', kind: 'session', name: 'Atelier climat', day: today, room: 'Salle Condorcet', capacity: 2 },
      ],
      select: true,
    }) as { id: string };
    const attendees = new Attendees(db);
    const people = [
      { firstName: 'Élodie', lastName: 'Marchand', country: 'France', category: 'Élu·e', organisation: 'Ville de Dijon' },
      { firstName: 'Jean', lastName: 'Dupont', country: 'France', category: 'Élu·e', organisation: 'Région Bretagne' },
      { firstName: 'Claire', lastName: 'Petit', country: 'France', category: 'Participant·e', organisation: 'Ville de Lyon' },
      { firstName: 'Aminata', lastName: 'Diallo', country: 'Sénégal', category: 'Délégation étrangère', organisation: 'Ville de Dakar' },
      { firstName: 'Nguyễn', lastName: 'Thị Lan', country: 'Viêt Nam', category: 'Délégation étrangère', organisation: 'Hà Nội' },
      { firstName: 'Karim', lastName: 'Benali', country: 'Maroc', category: 'Délégation étrangère', organisation: 'Ville de Rabat' },
    ];
    people.forEach((person, i) =>
      attendees.insert({ eventId: event.id, ...person, ticketCodes: [`T-${i}`], sessions: i < 2 ? ['atelier-climat'] : [] }),
    );
  } finally {
    db.close();
  }
  return { dir, today, tomorrow };
}

let hub: HubProcess | null = null;
const cleanups: (() => void | Promise<void>)[] = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await hub?.stop();
  hub = null;
});

/** A second kiosk core in this process (its own SQLite file, no window), paired with the hub. */
async function secondKiosk(url: string, code: string): Promise<Services> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-dash-k2-'));
  const db: Database = openDataFolder(dir);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('kiosk.name', ?)").run(JSON.stringify('Poste B'));
  const services = createServices({ db });
  cleanups.push(async () => {
    await services.shutdown();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const status = await services.handlers['sync:pair']({ url, code });
  expect(status.lastError).toBeNull();
  return services;
}

async function openDashboard(kiosk: Kiosk, page: Page): Promise<void> {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Tableau de bord' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
  await expect(page.getByTestId('dashboard-updated')).toContainText('Mis à jour à');
}

/** Resolves once the dashboard has been refreshed `times` more times (its generation time moved on). */
async function refreshes(page: Page, times: number): Promise<void> {
  const updated = page.getByTestId('dashboard-updated');
  for (let i = 0; i < times; i++) {
    const before = await updated.getAttribute('data-generated-at');
    await expect(updated).not.toHaveAttribute('data-generated-at', before ?? '');
  }
}

test.describe('Dashboard', () => {
  test.use({ demo: false });

  test('updates by itself after check-ins made at another desk and synced through the hub, in both languages', async ({ browser, kiosk }) => {
    // A hub process, two kiosk cores, two syncs and four axe passes on a shared two-core machine.
    test.setTimeout(360_000);
    const seeded = seedHub();
    cleanups.push(() => fs.rmSync(seeded.dir, { recursive: true, force: true }));
    hub = await startHubProcess(seeded.dir);

    // The desk under test: paired, its background sync running as in the app.
    kiosk.services.settings.set('kiosk.name', 'Poste A');
    expect((await kiosk.services.handlers['sync:pair']({ url: hub.url, code: hub.pairingCode })).lastError).toBeNull();
    kiosk.services.syncRunner.start();
    cleanups.push(() => kiosk.services.syncRunner.stop());
    const other = await secondKiosk(hub.url, hub.newCode());

    const page = await axePage(browser);
    await openDashboard(kiosk, page);
    const dayTally = page.getByTestId('tally-day');
    await expect(dayTally).toHaveAttribute('data-expected', '6');
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('0');
    await expect(page.getByTestId('dashboard-no-checkins')).toContainText("Aucune arrivée enregistrée pour l'instant");
    await expect(page.getByTestId('chart-empty')).toBeVisible();
    await expect(page.getByRole('radio', { name: /Jour 1/ })).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    // Marks this document: a reload would lose it.
    await page.evaluate("window.dashboardTest = 'same page'");

    // Poste B admits two people in two different quarters, and one of them into the workshop.
    const first = earlierToday(40);
    const second = earlierToday(5);
    expect((await other.handlers['checkin:scan']({ code: 'T-1', method: 'wedge', at: first.at })).result).toBe('accepted');
    expect((await other.handlers['checkin:scan']({ code: 'T-4', method: 'wedge', at: second.at })).result).toBe('accepted');
    expect((await other.handlers['checkin:scan']({ code: 'T-1', method: 'wedge', checkpointId: 'atelier-climat', at: second.at })).result).toBe('accepted');
    const pushedAt = Date.now();
    await other.handlers['sync:now']({});

    // Poste A's own sync brings them in; the dashboard follows without a reload.
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('2', { timeout: 60_000 });
    // A figure for the record, not a limit: Poste A's sync loop (every 3 s) plus the dashboard's refresh (2 s).
    const seenAfter = `${((Date.now() - pushedAt) / 1000).toFixed(1)} s`;
    test.info().annotations.push({ type: 'push to dashboard', description: seenAfter });
    console.log(`dashboard: Poste B's push seen on Poste A's dashboard after ${seenAfter}`);
    await expect(page.getByTestId('tally-overall')).toHaveAttribute('data-arrived', '2');
    await expect(page.getByTestId('dashboard-no-checkins')).toHaveCount(0);
    const chart = page.getByTestId('arrivals-chart');
    await expect(chart).toHaveAttribute('data-total', '2');
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    const table = page.getByTestId('arrivals-table');
    for (const slot of new Set([first.slot, second.slot])) {
      const expected = first.slot === second.slot ? '2' : '1';
      await expect(table.locator(`tr[data-slot="${slot}"] td`)).toHaveText(expected);
    }
    await expect(table.locator('tfoot td')).toHaveText('2');
    const origin = page.getByTestId('by-origin');
    await expect(origin.locator('[data-origin="french"]')).toHaveAttribute('data-arrived', '1');
    await expect(origin.locator('[data-origin="foreign"]')).toHaveAttribute('data-arrived', '1');
    await expect(page.getByTestId('by-country').locator('tr[data-key="Viêt Nam"]')).toHaveAttribute('data-arrived', '1');
    await expect(page.getByTestId('by-category').locator('tr[data-key="Élu·e"]')).toHaveAttribute('data-arrived', '1');
    const room = page.getByTestId('room').filter({ hasText: 'Atelier climat' });
    await expect(room).toHaveAttribute('data-attended', '1');
    await expect(room).toContainText('1 / 2');
    await expect(room).toContainText('50 %');
    await expect(room.getByText('Complet')).toHaveCount(0);
    // Who attended: Jean Dupont, admitted by Poste B, registered for it.
    await room.getByRole('button', { name: 'Qui est venu à « Atelier climat » ?' }).click();
    const people = page.getByTestId('room-people');
    await expect(people.getByRole('heading')).toHaveText('Atelier climat : 1 présent·e');
    await expect(people.locator('tbody th')).toHaveText(['Jean Dupont']);
    await expect(people.locator('tbody tr').first()).toContainText('Poste B');
    await expect(people.locator('tbody tr').first()).toContainText('Inscrit·e');
    const kiosks = page.getByTestId('kiosk');
    await expect(kiosks.filter({ hasText: 'Poste A' })).toHaveAttribute('data-self', 'true');
    await expect(kiosks.filter({ hasText: 'Poste A' })).toContainText('Ce poste');
    // Poste B, as the hub told Poste A of it: synced, nothing left to send.
    const posteB = kiosks.filter({ hasText: 'Poste B' });
    await expect(posteB).not.toHaveAttribute('data-self', 'true');
    await expect(posteB.locator('td').last()).toHaveText('0');
    await expect(posteB.locator('td').first()).not.toHaveText('Jamais');
    expect(await page.evaluate('window.dashboardTest')).toBe('same page');
    expect(await seriousViolations(page)).toEqual([]);

    // In English: a third arrival, and the workshop is full.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Arrivals per quarter hour/ })).toBeVisible();
    expect((await other.handlers['checkin:scan']({ code: 'T-0', method: 'wedge', at: second.at })).result).toBe('accepted');
    expect((await other.handlers['checkin:scan']({ code: 'T-0', method: 'wedge', checkpointId: 'atelier-climat', at: second.at })).result).toBe('accepted');
    await other.handlers['sync:now']({});
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('3', { timeout: 60_000 });
    await expect(chart).toHaveAttribute('data-total', '3');
    await expect(table.locator(`tr[data-slot="${second.slot}"] td`)).toHaveText(first.slot === second.slot ? '3' : '2');
    await expect(room).toHaveAttribute('data-attended', '2');
    await expect(room).toContainText('2 / 2');
    await expect(room).toContainText('100%');
    await expect(room.getByText('Full', { exact: true })).toBeVisible();
    // The open list follows, by last name.
    await expect(people.getByRole('heading')).toHaveText('Atelier climat: 2 attendees');
    await expect(people.locator('tbody th')).toHaveText(['Jean Dupont', 'Élodie Marchand']);
    await expect(kiosks.filter({ hasText: 'Poste A' })).toContainText('This desk');
    expect(await page.evaluate('window.dashboardTest')).toBe('same page');
    expect(await seriousViolations(page)).toEqual([]);

    // Another day: tomorrow has no arrivals yet, and stays chosen across refreshes.
    await page.getByRole('radio', { name: /Jour 2/ }).check();
    await expect(page.getByTestId('chart-empty')).toBeVisible();
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('0');
    await expect(page.getByTestId('tally-overall')).toHaveAttribute('data-arrived', '3');
    await refreshes(page, 2);
    await expect(page.getByRole('radio', { name: /Jour 2/ })).toBeChecked();
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('0');
    await page.getByRole('radio', { name: /Jour 1/ }).check();
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('3');
  });

  test('stops asking while the page is hidden, and catches up when it is shown again', async ({ page, kiosk }) => {
    await kiosk.services.handlers['demo:load']({});
    let asked = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/dashboard:get')) asked++;
    });
    await openDashboard(kiosk, page);
    await refreshes(page, 1);

    // What the browser does when the window is minimised or the tab left: visibilityState and its event.
    const setHidden = (hidden: boolean) =>
      page.evaluate(`(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
        document.dispatchEvent(new Event('visibilitychange'));
      })()`);
    await setHidden(true);
    // A question already on its way may still be answered; after that, nothing is asked.
    await page.waitForTimeout(1000);
    const whileHidden = asked;
    await page.waitForTimeout(5000);
    expect(asked).toBe(whileHidden);

    await setHidden(false);
    await expect.poll(() => asked).toBeGreaterThan(whileHidden);
    await refreshes(page, 1);
  });

  test('no event open: says so and where to go, in both languages', async ({ browser, kiosk }) => {
    const page = await axePage(browser);
    await openDashboard(kiosk, page);
    const empty = page.getByTestId('dashboard-no-event');
    await expect(empty).toContainText('Aucun événement ouvert');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(empty).toContainText('No event open');
    await empty.getByRole('button', { name: 'Go to settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });

  test('an event without check-ins: clear empty states, in both languages', async ({ browser, kiosk }) => {
    await kiosk.services.handlers['demo:load']({});
    const page = await axePage(browser);
    await openDashboard(kiosk, page);
    await expect(page.getByTestId('dashboard-no-checkins')).toContainText("Aucune arrivée enregistrée pour l'instant");
    await expect(page.getByTestId('tally-day-arrived')).toHaveText('0');
    await expect(page.getByTestId('tally-overall')).toHaveAttribute('data-arrived', '0');
    await expect(page.getByTestId('chart-empty')).toContainText("Aucune arrivée ce jour pour l'instant");
    expect(Number(await page.getByTestId('tally-day').getAttribute('data-expected'))).toBeGreaterThan(500);
    // The demo's second day (tomorrow) has its workshops, nobody in them yet.
    await page.getByRole('radio', { name: /Jour 2/ }).check();
    const rooms = page.getByTestId('room');
    await expect(rooms.first()).toBeVisible();
    for (const attended of await rooms.evaluateAll((items) => items.map((item) => item.getAttribute('data-attended')))) expect(attended).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('dashboard-no-checkins')).toContainText('No arrivals recorded yet');
    await expect(page.getByTestId('chart-empty')).toContainText('No arrivals that day yet');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

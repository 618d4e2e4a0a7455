/**
 * The Exports screen against the real core, on the demo event: the workbook, the French-Excel
 * CSV of one day and the feuille d'émargement of one workshop are saved from the screen and read
 * back by independent readers (exceljs, csv-parse, pdftotext/pdfinfo) with exact counts; an
 * export the core refuses is said in plain words; axe finds nothing serious.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { test as kioskTest, expect, type Kiosk } from './fixtures';
import { seriousViolations } from './axe';

// axe needs pages made by browser.newContext() then context.newPage() (see accessibility.spec.ts).
const test = kioskTest.extend({
  page: async ({ browser, kiosk }, use) => {
    void kiosk;
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await use(await context.newPage());
    await context.close();
  },
});

/** Harness limit for an export (Chromium renders the PDF): generous on a shared machine, not a speed test. */
const exporting = 120_000;

async function openExports(page: Page, kiosk: Kiosk) {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Exports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
}

/** Clicks Exporter and returns the saved file's path and suggested name. */
async function exportFile(page: Page): Promise<{ file: string; name: string }> {
  const download = page.waitForEvent('download', { timeout: exporting });
  // A refusal ends the wait at once, with the screen's own words.
  const refused = page
    .getByRole('alert')
    .waitFor({ timeout: exporting })
    .then(async () => {
      throw new Error(`export refused: ${await page.getByRole('alert').innerText()}`);
    });
  refused.catch(() => undefined);
  await page.getByRole('button', { name: 'Exporter' }).click();
  const saved = await Promise.race([download, refused]);
  return { file: (await saved.path())!, name: saved.suggestedFilename() };
}

/** The demo event's id and first day. */
function demo(kiosk: Kiosk) {
  const event = kiosk.services.events.get(kiosk.services.events.requireCurrentId());
  return { eventId: event.id, day1: event.days[0]!.date, event };
}

/**
 * Text as compared: no spaces (cells wrap), NFC. pdftotext writes right-to-left words as visual
 * runs (wrapped in U+202B…U+202C, sometimes split by a space inside a word), so Arabic and Hebrew
 * are compared as the letters of each run, in any order: every letter there, none missing or boxed.
 */
const squeeze = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\s\u202b\u202c]+/g, '')
    .replace(/[\p{Script=Arabic}\p{Script=Hebrew}]+/gu, (run) => [...run].sort().join(''));

test.describe('exports screen', () => {
  test('the whole event as an XLSX workbook: every attendee on Participants, the seven sheets; axe passes', async ({ page, kiosk }) => {
    const { eventId } = demo(kiosk);
    // Everyone registered (not cancelled): nobody has arrived yet on a fresh demo.
    const expected = kiosk.services.db.prepare("SELECT first_name, last_name FROM attendees WHERE event_id = ? AND status = 'valid'").all(eventId) as {
      first_name: string;
      last_name: string;
    }[];
    expect(expected.length).toBeGreaterThan(500);
    await openExports(page, kiosk);
    expect(await seriousViolations(page)).toEqual([]);
    await expect(page.getByRole('radio', { name: /Classeur Excel \(XLSX\)/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: "Tout l'événement" })).toBeChecked();

    const { file, name } = await exportFile(page);
    expect(name).toMatch(/\.xlsx$/);
    await expect(page.getByTestId('export-status')).toHaveText(`${expected.length} personnes exportées dans ${name}.`, { timeout: exporting });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Participants', 'Par jour', 'Par atelier', 'Par pays', 'Par collectivité', 'Walk-ins', 'Absents']);
    const participants = workbook.getWorksheet('Participants')!;
    const header = (participants.getRow(1).values as unknown[]).map(String);
    const last = header.indexOf('Nom');
    const first = header.indexOf('Prénom');
    expect(last).toBeGreaterThan(0);
    const names: string[] = [];
    participants.eachRow((row, number) => {
      if (number > 1) names.push(`${String(row.getCell(last).value ?? '')} ${String(row.getCell(first).value ?? '')}`);
    });
    expect(names.sort()).toEqual(expected.map((p) => `${p.last_name} ${p.first_name}`).sort());
    // Unicode intact (the demo has Vietnamese, Chinese and Polish names).
    expect(names.some((n) => /[ễệộ]/.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the French-Excel CSV of one day: the people who arrived that day, ';' separated, with a BOM", async ({ page, kiosk }) => {
    const { eventId, day1 } = demo(kiosk);
    const arrivals = kiosk.services.db
      .prepare("SELECT id, first_name, last_name FROM attendees WHERE event_id = ? AND status = 'valid' ORDER BY seq LIMIT 12")
      .all(eventId) as { id: string; first_name: string; last_name: string }[];
    await kiosk.services.handlers['kiosk:configure']({ name: 'Accueil 1', checkpointId: 'entrance' });
    for (const person of arrivals) {
      const outcome = await kiosk.services.handlers['checkin:scan']({ code: person.id, method: 'search', checkpointId: 'entrance' });
      expect(outcome.result).toBe('accepted');
    }
    await openExports(page, kiosk);
    await page.getByRole('radio', { name: /CSV pour Excel français/ }).check();
    await page.getByRole('radio', { name: 'Une journée' }).check();
    // Nothing to export until the day is chosen.
    await expect(page.getByRole('button', { name: 'Exporter' })).toBeDisabled();
    await page.getByLabel('Journée', { exact: true }).selectOption(day1);
    await expect(page.getByText('Les personnes arrivées ce jour-là.')).toBeVisible();

    const { file, name } = await exportFile(page);
    expect(name).toMatch(/\.csv$/);
    await expect(page.getByTestId('export-status')).toHaveText(`12 personnes exportées dans ${name}.`, { timeout: exporting });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, delimiter: ';', columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(records).toHaveLength(12);
    expect(records.map((r) => `${r['Nom']} ${r['Prénom']}`).sort()).toEqual(arrivals.map((p) => `${p.last_name} ${p.first_name}`).sort());
  });

  test("the feuille d'émargement of one workshop: A4, everyone registered, 'page x / y' on each page", async ({ page, kiosk }) => {
    const { eventId } = demo(kiosk);
    const registered = kiosk.services.db
      .prepare(
        `SELECT a.first_name, a.last_name FROM attendees a JOIN attendee_sessions s ON s.attendee_id = a.id
          WHERE a.event_id = ? AND s.checkpoint_id = 'atelier-climat' AND a.status = 'valid'`,
      )
      .all(eventId) as { first_name: string; last_name: string }[];
    expect(registered.length).toBeGreaterThan(10);
    await openExports(page, kiosk);
    await page.getByRole('radio', { name: /Feuille d'émargement \(PDF\)/ }).check();
    await page.getByRole('radio', { name: 'Une session (atelier, réunion)' }).check();
    await page.getByLabel('Session', { exact: true }).selectOption('atelier-climat');
    await expect(page.getByText('Les personnes inscrites à cette session, et celles admises sans inscription.')).toBeVisible();

    const { file, name } = await exportFile(page);
    expect(name).toMatch(/^emargement-atelier-5-.*\.pdf$/);
    await expect(page.getByTestId('export-status')).toHaveText(`Feuille d'émargement de ${registered.length} personnes enregistrée : ${name}.`, {
      timeout: exporting,
    });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/\(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`${registered.length} personnes attendues`);
    for (const person of registered) expect(squeeze(text)).toContain(squeeze(`${person.last_name}${person.first_name}`));
    // Rows numbered 1..N, one line each, and no row N+1.
    let next = 1;
    for (const [, n] of text.matchAll(/^(\d+) \S/gm)) if (Number(n) === next) next++;
    expect(next - 1).toBe(registered.length);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`page ${p} / ${pages}`);
  });

  test('an export the core refuses is said in plain words, and the screen speaks English', async ({ page, kiosk }) => {
    const { eventId, event } = demo(kiosk);
    await openExports(page, kiosk);
    await page.getByRole('radio', { name: 'Une session (atelier, réunion)' }).check();
    await page.getByLabel('Session', { exact: true }).selectOption('atelier-sport');
    // Meanwhile another organiser removes that workshop from the programme.
    kiosk.services.events.update(eventId, {
      checkpoints: event.checkpoints
        .filter((c) => c.id !== 'atelier-sport')
        .map((c) => ({ id: c.id, kind: c.kind, name: c.name, day: c.day, room: c.room, capacity: c.capacity, startsAt: c.startsAt, endsAt: c.endsAt })),
    });
    await page.getByRole('button', { name: 'Exporter' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText('Aucun point de contrôle atelier-sport dans cet événement.', { timeout: exporting });
    await expect(page.getByRole('button', { name: 'Exporter' })).toBeEnabled();
    await expect(page.getByTestId('export-status')).toBeEmpty();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Sign-in sheet (PDF)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/**
 * The feuille d'émargement read back by poppler (pdftotext, pdfinfo), independent of Chromium:
 * every expected person once, in last-name order, Unicode intact; A4 pages with the event,
 * the date and "page x / y" on each; who is expected per day and per session; an empty session;
 * bad selections refused before anything is rendered.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { launchChromium } from '../../main/core/badges/chromium';
import { DomainError } from '../../main/core/errors';
import { emargementHtml } from '../../main/core/exports/emargement-html';
import { emargementMaxPeople, emargementPdf } from '../../main/core/exports/emargement';
import { openCore, type Core } from '../helpers/services';
import { tempDir } from '../helpers/temp';

// Rendering a few hundred rows on a shared machine: a harness limit, not a speed test.
const slow = 240_000;

/** Unique last names whose French order is plain (Latin with diacritics first, other scripts after). */
const lastNames = [
  'Abadie', 'Bénard', 'Çelik', 'Dąbrowski', 'Éluard', 'Fournier', 'Gómez', 'Hoàng', 'Ibáñez', 'Jourdain',
  'Kowalczyk', 'Łukasiewicz', 'Martin', 'Nguyễn', 'Ørsted', 'Pérez', 'Quéré', 'Rousseau', 'Šimek', 'Traoré',
  'Ursu', 'Vũ', 'Wiśniewska', 'Xhaka', 'Yılmaz', 'Żak', 'Παπαδόπουλος', 'Иванова', 'الزهراء', '张',
];
const firstNames = ['Anne', 'Bruno', 'Chloé', 'Dominique', 'Élodie', 'François', 'Gaëlle', 'Hélène', 'Inès', 'Jérôme'];

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

const byName = (a: Person, b: Person) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);

interface Desk extends Core {
  clock: { now: Date };
  eventId: string;
  eventName: string;
  people: Person[];
  cancelled: Person;
  walkin: Person;
  registered: Person[];
  admittedAnyway: Person;
}

const eventName = 'Rencontres "AICT" 2023 – l\'action \\ internationale <des> collectivités';

async function desk(): Promise<Desk> {
  const clock = { now: new Date('2023-09-18T06:00:00Z') };
  const core = openCore(() => clock.now);
  const event = await core.call('events:create', {
    name: eventName,
    venue: "Cité des Sciences et de l'Industrie, Paris",
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18', label: 'Jour 1' }, { date: '2023-09-19', label: 'Jour 2' }],
    checkpoints: [
      { id: 'entree', kind: 'entrance', name: 'Entrée principale' },
      { id: 'atelier-climat', kind: 'session', name: 'Atelier 5 – Climat', day: '2023-09-19', room: 'Amphithéâtre Gaston Berger', startsAt: '14:00', endsAt: '16:00' },
      { id: 'atelier-vide', kind: 'session', name: 'Atelier 9 – Personne', day: '2023-09-19', room: 'Salle Jules Verne' },
    ],
    select: true,
  });
  await core.call('kiosk:configure', { name: 'Accueil 1', checkpointId: 'entree' });
  const attendees = new Attendees(core.db);
  const people: Person[] = [];
  const registered: Person[] = [];
  let n = 0;
  for (const lastName of lastNames) {
    for (const firstName of firstNames) {
      const inSession = n++ % 7 === 0;
      const id = attendees.insert({ eventId: event.id, firstName, lastName, function: 'Maire', organisation: `Ville ${n}`, country: 'France', sessions: inSession ? ['atelier-climat'] : [] });
      people.push({ id, firstName, lastName });
      if (inSession) registered.push({ id, firstName, lastName });
    }
  }
  const cancelled = { firstName: 'Olivier', lastName: 'Annulé', id: '' };
  cancelled.id = attendees.insert({ eventId: event.id, firstName: cancelled.firstName, lastName: cancelled.lastName, status: 'cancelled', sessions: ['atelier-climat'] });
  const walkin = { firstName: 'Paul', lastName: 'Sanstitre', id: '' };
  walkin.id = attendees.insert({ eventId: event.id, firstName: walkin.firstName, lastName: walkin.lastName, source: 'walk-in' });
  const checkin = async (id: string, iso: string, checkpointId = 'entree') => {
    clock.now = new Date(iso);
    const outcome = await core.call('checkin:scan', { code: id, method: 'search', checkpointId, override: true });
    if (outcome.result !== 'accepted') throw new Error(`check-in of ${id}: ${outcome.result}`);
  };
  // A few arrivals; the sheets list who is expected, arrived or not.
  await checkin(people[3]!.id, '2023-09-18T07:14:00Z');
  await checkin(walkin.id, '2023-09-19T07:00:00Z');
  // Not registered for the workshop, admitted anyway: they were there, they sign.
  const admittedAnyway = people.find((p) => !registered.some((r) => r.id === p.id))!;
  await checkin(admittedAnyway.id, '2023-09-19T12:05:00Z', 'atelier-climat');
  return { ...core, clock, eventId: event.id, eventName, people, cancelled, walkin, registered, admittedAnyway };
}

function saved(data: Uint8Array): string {
  const file = path.join(tempDir(), 'sheet.pdf');
  fs.writeFileSync(file, data);
  return file;
}

const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', ['-raw', ...args, file, '-'], { encoding: 'utf8' }).normalize('NFC');
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

/**
 * Row i of the sheet reads "i LastName FirstName" (cells may wrap): every expected person in
 * order, numbered 1..N, and nothing numbered N+1 after the last.
 */
function expectRows(text: string, expected: Person[]): void {
  const flat = squeeze(text);
  let from = 0;
  expected.forEach((p, i) => {
    const needle = squeeze(`${i + 1}${p.lastName}${p.firstName}`);
    const at = flat.indexOf(needle, from);
    if (at < 0) throw new Error(`row ${i + 1} (${p.lastName} ${p.firstName}) not found after position ${from}`);
    from = at + needle.length;
  });
  const next = String(expected.length + 1);
  for (const p of expected) expect(flat.indexOf(squeeze(`${next}${p.lastName}${p.firstName}`), from)).toBe(-1);
}

/** "page p / N" and the event on every page: pdftotext page by page. */
function expectHeadersAndFooters(file: string, date: string): number {
  const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))![1]);
  for (let page = 1; page <= pages; page++) {
    const text = pdftotext(file, '-f', String(page), '-l', String(page));
    expect(text, `page ${page}`).toContain(`page ${page} / ${pages}`);
    expect(squeeze(text), `page ${page}`).toContain(squeeze(eventName));
    expect(text, `page ${page}`).toContain(date);
  }
  return pages;
}

let browser: Browser;
let d: Desk;

beforeAll(async () => {
  browser = await launchChromium();
}, slow);

afterAll(async () => {
  await browser?.close();
});

describe("feuille d'émargement", () => {
  // A fresh desk per test: openCore closes its database after each one.
  beforeEach(async () => {
    d = await desk();
  }, slow);

  it("a day's sheet: every valid attendee once, by last name, Unicode intact, on A4 pages with headers and 'page x / y'", { timeout: slow }, async () => {
    const result = await emargementPdf(d.db, d.eventId, { day: '2023-09-18' }, { browser, now: () => new Date('2023-09-20T16:30:00Z') });
    const expected = [...d.people].sort(byName); // the walk-in came on day 2 only; the cancelled are not expected
    expect(expected).toHaveLength(300);
    expect(result.rows).toBe(300);
    expect(result.fileName).toBe('emargement-2023-09-18.pdf');
    const file = saved(result.data);
    const info = pdfinfo(file);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    expect(info).toContain(`Pages:           ${result.pages}\n`);
    expect(result.pages).toBeGreaterThan(10);
    const text = pdftotext(file);
    expectRows(text, expected);
    expect(text).toContain("Feuille d'émargement");
    expect(text).toContain('300 personnes attendues');
    for (const name of ['Nguyễn', 'Łukasiewicz', 'Dąbrowski', 'Yılmaz', 'Παπαδόπουλος', 'Иванова', 'الزهراء', '张', 'Ørsted', 'Šimek']) {
      expect(squeeze(text)).toContain(squeeze(name));
    }
    for (const absent of [d.walkin, d.cancelled]) expect(squeeze(text)).not.toContain(squeeze(`${absent.lastName}${absent.firstName}`));
    // "page 1 / N" … "page N / N", the event's name (quotes, backslash, <, > as typed) and the date on each.
    expect(expectHeadersAndFooters(file, 'lundi 18 septembre 2023')).toBe(result.pages);
    // The footer says when it was made, in the event's time.
    expect(text).toContain('éditée le 20/09/2023 à 18:30');
  });

  it("day 2's sheet adds the walk-in who arrived that day", { timeout: slow }, async () => {
    const result = await emargementPdf(d.db, d.eventId, { day: '2023-09-19' }, { browser });
    const expected = [...d.people, d.walkin].sort(byName);
    expect(result.rows).toBe(301);
    const file = saved(result.data);
    expectRows(pdftotext(file), expected);
    expectHeadersAndFooters(file, 'mardi 19 septembre 2023');
  });

  it("a session's sheet: those registered (not the cancelled) and whoever was admitted anyway, with the room and the hours", { timeout: slow }, async () => {
    const result = await emargementPdf(d.db, d.eventId, { checkpointId: 'atelier-climat' }, { browser });
    const expected = [...d.registered, d.admittedAnyway].sort(byName);
    expect(result.rows).toBe(expected.length);
    expect(result.fileName).toBe('emargement-atelier-5-climat-2023-09-19.pdf');
    const file = saved(result.data);
    const text = pdftotext(file);
    expectRows(text, expected);
    expect(squeeze(text)).not.toContain(squeeze(`${d.cancelled.lastName}${d.cancelled.firstName}`));
    for (const line of ['Atelier 5 – Climat', 'Amphithéâtre Gaston Berger', '14:00 – 16:00', `${expected.length} personnes attendues`]) expect(text).toContain(line);
    expectHeadersAndFooters(file, 'mardi 19 septembre 2023');
    // The same through the kiosk's printer driver (what the app uses: CUPS's Chromium here, Electron's printToPDF on a desktop).
    const driverResult = await emargementPdf(d.db, d.eventId, { checkpointId: 'atelier-climat', day: '2023-09-19' }, { driver: d.services.driver });
    await d.services.driver.close?.();
    expect(driverResult.rows).toBe(expected.length);
    expectRows(pdftotext(saved(driverResult.data)), expected);
  });

  it('a session nobody registered for: one page that says so, with blank lines to sign by hand', { timeout: slow }, async () => {
    const result = await emargementPdf(d.db, d.eventId, { checkpointId: 'atelier-vide' }, { browser });
    expect(result.rows).toBe(0);
    expect(result.pages).toBe(1);
    const file = saved(result.data);
    const text = pdftotext(file);
    expect(text).toContain('Aucune personne inscrite à cette session : feuille à compléter à la main.');
    expect(text).toContain('N° Nom Prénom Fonction Organisation Pays Signature');
    expectHeadersAndFooters(file, 'mardi 19 septembre 2023');
  });

  it("no day or session: one sheet per day, each numbering its own pages; people counted once", { timeout: slow }, async () => {
    const result = await emargementPdf(d.db, d.eventId, {}, { browser });
    expect(result.rows).toBe(301);
    expect(result.fileName).toBe('emargement-2023-09-18-au-2023-09-19.pdf');
    const file = saved(result.data);
    expect(pdfinfo(file)).toContain(`Pages:           ${result.pages}\n`);
    const perDay = result.pages / 2; // the walk-in's row fits on day 2's last page or adds one
    const firstPage = pdftotext(file, '-f', '1', '-l', '1');
    const n1 = Number(/page 1 \/ (\d+)/.exec(firstPage)![1]);
    expect(n1).toBeGreaterThanOrEqual(Math.floor(perDay));
    const dayTwoStart = pdftotext(file, '-f', String(n1 + 1), '-l', String(n1 + 1));
    expect(dayTwoStart).toMatch(/page 1 \/ \d+/);
    expect(dayTwoStart).toContain('mardi 19 septembre 2023');
  });

  it('refuses a day the event does not have, an unknown checkpoint, a session on another day: before any rendering', async () => {
    const attempt = (selection: { day?: string; checkpointId?: string }) =>
      emargementPdf(d.db, d.eventId, selection, {
        driver: {
          pdf: () => {
            throw new Error('nothing should be rendered');
          },
        },
      }).then(
        () => 'rendered',
        (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
      );
    expect(await attempt({ day: '2023-09-20' })).toBe('export.unknown_day');
    expect(await attempt({ checkpointId: 'atelier-inconnu' })).toBe('checkpoint.not_found');
    expect(await attempt({ checkpointId: 'atelier-climat', day: '2023-09-18' })).toBe('export.session_other_day');
  });
});

describe("feuille d'émargement of a very large event", () => {
  it('a day of more than 5,000 people is refused with the count before anything is rendered, and no file is written', { timeout: slow }, async () => {
    const core = openCore();
    const event = await core.call('events:create', { name: 'Congrès géant', days: [{ date: '2026-09-17', label: 'Jour 1' }], select: true });
    const attendees = new Attendees(core.db);
    core.db.transaction(() => {
      for (let i = 0; i <= emargementMaxPeople; i++) attendees.insert({ eventId: event.id, firstName: `Prénom${i}`, lastName: `Nom${i}` });
    })();
    const refused = await emargementPdf(core.db, event.id, { day: '2026-09-17' }, {
      driver: {
        pdf: () => {
          throw new Error('nothing should be rendered');
        },
      },
    }).then(
      () => null,
      (error: unknown) => error as DomainError,
    );
    expect(refused).toMatchObject({ code: 'export.sheet_too_long', params: { sheet: '2026-09-17', count: emargementMaxPeople + 1, limit: emargementMaxPeople } });
    const file = path.join(tempDir(), 'emargement.pdf');
    const failed = await core.fail('export:attendanceFile', { format: 'pdf', day: '2026-09-17', file });
    expect(failed.code).toBe('export.sheet_too_long');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("feuille d'émargement HTML", () => {
  it('is text only: names cannot inject markup, the event name cannot leave the CSS string of the page header', () => {
    const html = emargementHtml({
      event: { name: 'A "B" </style><script>x</script> \\', venue: '' },
      day: { date: '2023-09-18', label: '' },
      session: null,
      people: [{ firstName: '<img src=x onerror=alert(1)>', lastName: 'Ø', function: '', organisation: '', country: '' }],
      printedAt: '18/09/2023 à 09:00',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

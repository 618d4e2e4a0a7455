/**
 * The feuille d'émargement (issue 6): the signed attendance sheet French public funders ask
 * for, per day or per session, as an A4 PDF rendered by Chromium.
 *
 * Who is on a sheet (a sign-in sheet lists who is EXPECTED, arrived or not):
 * - a day's sheet: every valid (not cancelled) attendee of the event, plus anyone who arrived
 *   that day; a walk-in is expected only on a day they arrived (they registered at the door);
 * - a session's sheet (a workshop or meeting checkpoint): the valid attendees registered for it,
 *   plus anyone who entered it (admitted anyway), on the session's own day;
 * - neither: one sheet per event day, one after the other, each numbering its own pages.
 * Nobody expected is not an error: the sheet says so and leaves blank lines to sign by hand.
 */
import type { Database } from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../badges/chromium';
import { htmlToPdf } from '../badges/pdf';
import type { BadgeTemplate } from '../badges/templates';
import { DomainError } from '../errors';
import { Events } from '../events/events';
import type { PrinterDriver } from '../printing/driver';
import type { Checkpoint, EventInfo } from '../types';
import { attendanceRows } from './attendance';
import { emargementHtml, type EmargementSheet } from './emargement-html';

export interface EmargementSelection {
  /** An event day (YYYY-MM-DD). */
  day?: string;
  /** A session checkpoint; the entrance means the day's sheet. */
  checkpointId?: string;
}

export interface EmargementOptions {
  /** The kiosk's printer driver: its Chromium (CUPS driver) or Electron's printToPDF renders the sheet. */
  driver?: Pick<PrinterDriver, 'pdf'>;
  /** A browser to render on (tests, benchmarks), on its warm page; otherwise one is launched and closed. */
  browser?: Browser;
  now?: () => Date;
}

export interface EmargementPdf {
  data: Uint8Array;
  /** People on the sheet(s), each counted once. */
  rows: number;
  fileName: string;
  pages: number;
}

/**
 * The page the sheet prints on, as the printing machinery takes it: only `page` is read there
 * (the document's own CSS lays out the rest, @page margins included).
 */
export const a4Page: BadgeTemplate = {
  version: 1,
  name: 'emargement-a4',
  label: { fr: "Feuille d'émargement", en: 'Sign-in sheet' },
  page: { width: 210, height: 297 },
  fields: [],
  areas: {},
  colours: { text: '#000000', background: '#ffffff', accent: '#000000' },
  categories: {},
  defaultCategoryColour: '#000000',
};

/**
 * The longest sheet printed in one piece: 5,000 people is ~290 A4 pages, rendered in a few
 * minutes. Beyond it a sheet is refused before anything is rendered: nobody signs 6,000 pages at
 * a door, and Chromium would hold them all in memory; a sheet per session, or the XLSX list, is the way.
 */
export const emargementMaxPeople = 5000;

/** "28/11/2026 à 05:12" in the event's time zone (the machine's when the zone is unknown). */
function printedAt(at: Date, timeZone: string): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(at)
      .replace(' ', ' à ');
  try {
    return format(timeZone);
  } catch {
    return format();
  }
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || 'session'
  );
}

interface Plan {
  day: EmargementSheet['day'];
  session: Checkpoint | null;
}

/** Which sheets a selection asks for, every id and day checked against the event first. */
export function planSheets(event: EventInfo, selection: EmargementSelection): Plan[] {
  const dayOf = (date: string): EmargementSheet['day'] => {
    const found = event.days.find((d) => d.date === date);
    if (!found) {
      throw new DomainError('export.unknown_day', `The event has no day ${date} (its days: ${event.days.map((d) => d.date).join(', ') || 'none'}).`, {
        day: date,
        days: event.days.map((d) => d.date).join(', '),
      });
    }
    return found;
  };
  let checkpoint: Checkpoint | undefined;
  if (selection.checkpointId !== undefined) {
    checkpoint = event.checkpoints.find((c) => c.id === selection.checkpointId);
    if (!checkpoint) throw new DomainError('checkpoint.not_found', `No checkpoint ${selection.checkpointId} in this event.`, { id: selection.checkpointId });
  }
  if (checkpoint && checkpoint.kind === 'session') {
    if (selection.day !== undefined && checkpoint.day && selection.day !== checkpoint.day) {
      throw new DomainError('export.session_other_day', `${checkpoint.name} takes place on ${checkpoint.day}, not ${selection.day}.`, {
        session: checkpoint.name,
        day: selection.day,
        sessionDay: checkpoint.day,
      });
    }
    const date = checkpoint.day ?? selection.day;
    return [{ session: checkpoint, day: date ? (event.days.find((d) => d.date === date) ?? { date, label: '' }) : null }];
  }
  if (selection.day !== undefined) return [{ session: null, day: dayOf(selection.day) }];
  if (event.days.length === 0) return [{ session: null, day: null }];
  return event.days.map((day) => ({ session: null, day }));
}

/** The people of one sheet, by last name (the attendance list's French order). */
function peopleOf(db: Database, eventId: string, plan: Plan) {
  if (plan.session) return [...attendanceRows(db, eventId, { checkpointId: plan.session.id, includeAbsent: true })];
  const date = plan.day?.date;
  if (!date) return [...attendanceRows(db, eventId, {})].filter((p) => p.status === 'valid' || p.firstCheckins.length > 0);
  return [...attendanceRows(db, eventId, { day: date, includeAbsent: true })].filter(
    (p) => !p.walkin || p.firstCheckins.some((f) => f.day === date),
  );
}

/** The sheet's file name: "emargement-2023-09-19.pdf", "emargement-atelier-5-la-cooperation-…-2023-09-19.pdf". */
export function emargementFileName(event: EventInfo, selection: EmargementSelection, plans: Plan[]): string {
  const first = plans[0]!;
  if (first.session) return `emargement-${slug(first.session.name)}${first.day ? `-${first.day.date}` : ''}.pdf`;
  if (selection.day !== undefined) return `emargement-${selection.day}.pdf`;
  if (event.days.length === 0) return 'emargement.pdf';
  return `emargement-${event.days[0]!.date}-au-${event.days[event.days.length - 1]!.date}.pdf`;
}

/** One HTML document per sheet (exposed for tests and previews). */
export function emargementDocuments(db: Database, eventId: string, selection: EmargementSelection, now: () => Date = () => new Date()) {
  const event = new Events(db).get(eventId);
  const plans = planSheets(event, selection);
  const at = printedAt(now(), event.timezone);
  const ids = new Set<string>();
  const documents = plans.map((plan) => {
    const people = peopleOf(db, eventId, plan);
    if (people.length > emargementMaxPeople) {
      const sheet = plan.session?.name ?? plan.day?.date ?? event.name;
      throw new DomainError(
        'export.sheet_too_long',
        `The sign-in sheet of ${sheet} would list ${people.length} people, more than ${emargementMaxPeople} in one PDF: export it per session, or the attendance list as XLSX.`,
        { sheet, count: people.length, limit: emargementMaxPeople },
      );
    }
    for (const p of people) ids.add(p.id);
    const sheet: EmargementSheet = {
      event: { name: event.name, venue: event.venue },
      day: plan.day,
      session: plan.session ? { name: plan.session.name, room: plan.session.room, startsAt: plan.session.startsAt, endsAt: plan.session.endsAt } : null,
      people,
      printedAt: at,
    };
    return { html: emargementHtml(sheet), people: people.length };
  });
  return { event, plans, documents, rows: ids.size, fileName: emargementFileName(event, selection, plans) };
}

/**
 * The feuille d'émargement of a day or a session (or of every day) as A4 PDF bytes. Everything
 * is checked and gathered before Chromium starts; rendered by the kiosk's driver when given,
 * else on the given browser's warm page, else on a Chromium launched for it.
 */
export async function emargementPdf(db: Database, eventId: string, selection: EmargementSelection, options: EmargementOptions = {}): Promise<EmargementPdf> {
  const { documents, rows, fileName } = emargementDocuments(db, eventId, selection, options.now);
  const parts: Uint8Array[] = [];
  const render = async (browser: Browser | undefined) => {
    for (const { html } of documents) {
      parts.push(options.driver ? await options.driver.pdf({ html, template: a4Page }) : await htmlToPdf(browser!, html, a4Page));
    }
  };
  if (options.driver || options.browser) await render(options.browser);
  else {
    const browser = await launchChromium();
    try {
      await render(browser);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }
  if (parts.length === 1) {
    const data = parts[0]!;
    return { data, rows, fileName, pages: (await PDFDocument.load(data)).getPageCount() };
  }
  // Several days: one file, each day's sheet keeping its own "page x / y".
  const merged = await PDFDocument.create();
  for (const part of parts) {
    const doc = await PDFDocument.load(part);
    for (const page of await merged.copyPages(doc, doc.getPageIndices())) merged.addPage(page);
  }
  return { data: await merged.save(), rows, fileName, pages: merged.getPageCount() };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { Attendees } from '../attendees/attendees';
import { EventKeyStore } from '../checkin/keys';
import { signToken } from '../checkin/tokens';
import { DomainError } from '../errors';
import { Events } from '../events/events';
import { launchChromium } from './chromium';
import { loadFontSet } from './fonts';
import { renderBadgesHtml, type BadgeAttendee, type BadgeEvent } from './render';
import { TemplateStore } from './template-store';
import { badgesPerPage, type BadgeTemplate } from './templates';

export type BadgeSort = 'name' | 'country';

export interface BadgesPdfInput {
  db: Database;
  /** These attendees, in this order; or `all: true` for every valid attendee, sorted. */
  attendeeIds?: string[];
  all?: boolean;
  sort?: BadgeSort;
  template?: string;
  out: string;
  lang?: 'fr' | 'en';
  /** Badges per Chromium round (page.setContent + page.pdf); rounded up to whole sheets. */
  chunkSize?: number;
  /** A browser to reuse (tests, benchmarks); otherwise one is launched and closed. */
  browser?: Browser;
  now?: () => Date;
}

export interface BadgesPdfResult {
  out: string;
  pages: number;
  badges: number;
  template: string;
}

export interface Prepared {
  eventId: string;
  attendee: BadgeAttendee;
  token: string;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The attendee ids --all prints: every valid attendee, by last name (or country, then last name). */
export function allAttendeeIds(db: Database, sort: BadgeSort = 'name'): string[] {
  const rows = db
    .prepare("SELECT id, first_name, last_name, country FROM attendees WHERE status = 'valid'")
    .all() as { id: string; first_name: string; last_name: string; country: string }[];
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.id.localeCompare(b.id);
  rows.sort(sort === 'country' ? (a, b) => collator.compare(a.country, b.country) || byName(a, b) : byName);
  return rows.map((r) => r.id);
}

/**
 * The attendees' badge data and signed QR tokens (the same token `qr:attendee` issues), every id
 * checked first; shared by Save as PDF, previews and printing so a badge's QR is signed one way.
 */
export function prepareBadges(db: Database, ids: string[], now?: () => Date): { prepared: Prepared[]; events: Map<string, BadgeEvent> } {
  const attendees = new Attendees(db);
  const events = new Map<string, BadgeEvent>();
  const keys = new Map<string, NonNullable<ReturnType<EventKeyStore['ensure']>['privateKey']>>();
  const keyStore = new EventKeyStore(db, now);
  const version = db.prepare('SELECT token_version FROM attendees WHERE id = ?');
  // Every id is checked before Chromium starts: an unknown one fails with nothing written.
  const rows = ids.map((id) => {
    const row = attendees.findRow(id);
    if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${id}.`, { id });
    return row;
  });
  const prepared = rows.map((row) => {
    if (!events.has(row.event_id)) events.set(row.event_id, new Events(db).get(row.event_id));
    let key = keys.get(row.event_id);
    if (!key) {
      const { privateKey } = keyStore.ensure(row.event_id);
      if (!privateKey) {
        throw new DomainError('token.no_signing_key', "This kiosk only holds the event's public key: it can check QR codes but not create them.");
      }
      key = privateKey;
      keys.set(row.event_id, key);
    }
    const { token_version: v } = version.get(row.id) as { token_version: number };
    return { eventId: row.event_id, attendee: attendees.get(row.id), token: signToken(row.event_id, row.id, v, key) };
  });
  return { prepared, events };
}

/** Consecutive runs of at most `size` badges of the same event (a run starts a new page). */
function chunks(prepared: Prepared[], size: number): Prepared[][] {
  const out: Prepared[][] = [];
  for (const p of prepared) {
    const last = out[out.length - 1];
    if (last && last.length < size && last[0]!.eventId === p.eventId) last.push(p);
    else out.push([p]);
  }
  return out;
}

async function chunkPdf(page: Page, template: BadgeTemplate, event: BadgeEvent, chunk: Prepared[], lang: 'fr' | 'en'): Promise<Buffer> {
  const html = await renderBadgesHtml({ template, event, badges: chunk, lang, fonts: loadFontSet() });
  return pagePdf(page, html, template);
}

/** A complete badge document to PDF on a page, at the template's exact page size. */
async function pagePdf(page: Page, html: string, template: BadgeTemplate): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  return page.pdf({
    width: `${template.page.width}mm`,
    height: `${template.page.height}mm`,
    printBackground: true,
    preferCSSPageSize: true,
    margin: { top: '0', right: '0', bottom: '0', left: '0' },
  });
}

/**
 * One page kept open per reused browser (opening a page costs ~0.4 s on the kiosk: most of a
 * single reprint), used by one render at a time.
 */
const warmPages = new WeakMap<Browser, { page?: Page; queue: Promise<unknown> }>();

async function withPage<T>(browser: Browser, owned: boolean, fn: (page: Page) => Promise<T>): Promise<T> {
  if (owned) {
    const page = await browser.newPage();
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }
  let slot = warmPages.get(browser);
  if (!slot) warmPages.set(browser, (slot = { queue: Promise.resolve() }));
  const s = slot;
  const run = s.queue.then(async () => {
    if (!s.page || s.page.isClosed()) s.page = await browser.newPage();
    try {
      return await fn(s.page);
    } catch (error) {
      await s.page.close().catch(() => undefined);
      s.page = undefined;
      throw error;
    }
  });
  s.queue = run.catch(() => undefined);
  return run;
}

/**
 * One badge document (renderBadgesHtml) to PDF bytes on the browser's warm page: what the CUPS
 * driver prints. One render at a time per browser, like every user of the warm page.
 */
export function htmlToPdf(browser: Browser, html: string, template: BadgeTemplate): Promise<Buffer> {
  return withPage(browser, false, (page) => pagePdf(page, html, template));
}

/**
 * Writes ONE PDF of badges: one page per badge at the template's exact size (a sheet template
 * holds several per page). Rendered in chunks on one Chromium page and merged with pdf-lib;
 * written to a temporary name beside `out` and renamed, so a failure leaves no file behind.
 */
export async function renderBadgesPdf(input: BadgesPdfInput): Promise<BadgesPdfResult> {
  const templateName = input.template ?? 'a6';
  // Built-in templates and the organisers' own (stored with the event data).
  const template = new TemplateStore(input.db).load(templateName);
  const ids = input.all ? allAttendeeIds(input.db, input.sort) : (input.attendeeIds ?? []);
  if (ids.length === 0) throw new DomainError('badge.no_attendees', 'No attendee to print a badge for.');
  const { prepared, events } = prepareBadges(input.db, ids, input.now);
  const out = path.resolve(input.out);
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
  const writeFailed = (error: unknown) =>
    new DomainError('badge.write_failed', `Cannot write ${out}: ${(error as Error).message}.`, {
      path: out,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    });
  // Fail on an unwritable destination before the slow part.
  try {
    await fs.writeFile(temp, '');
  } catch (error) {
    throw writeFailed(error);
  }
  const perPage = badgesPerPage(template);
  const size = Math.max(1, Math.ceil((input.chunkSize ?? 48) / perPage)) * perPage;
  const browser = input.browser ?? (await launchChromium().catch(async (error: unknown) => {
    await fs.rm(temp, { force: true });
    throw error;
  }));
  try {
    const merged = await PDFDocument.create();
    await withPage(browser, !input.browser, async (page) => {
      for (const chunk of chunks(prepared, size)) {
        const bytes = await chunkPdf(page, template, events.get(chunk[0]!.eventId)!, chunk, input.lang ?? 'fr');
        const part = await PDFDocument.load(bytes);
        const copied = await merged.copyPages(part, part.getPageIndices());
        for (const p of copied) merged.addPage(p);
      }
    });
    const pages = merged.getPageCount();
    try {
      await fs.writeFile(temp, await merged.save());
      await fs.rename(temp, out);
    } catch (error) {
      throw writeFailed(error);
    }
    return { out, pages, badges: prepared.length, template: templateName };
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (!input.browser) await browser.close().catch(() => undefined);
  }
}

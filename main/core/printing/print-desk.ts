import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import { uncoveredBadgeCharacters } from '../badges/badge-html';
import { loadFontSet } from '../badges/fonts';
import { prepareBadges } from '../badges/pdf';
import { renderBadgesHtml, type BadgeEvent } from '../badges/render';
import type { TemplateStore } from '../badges/template-store';
import type { Kiosk } from '../checkin/kiosk';
import { DomainError, toErrorValue, type ErrorParams } from '../errors';
import type { BadgeStatus, PrintOutcome, PrintRecord, PrintStatus } from '../types';
import type { PrinterDriver } from './driver';

export interface PrintDeskDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  attendees: Attendees;
  driver: PrinterDriver;
  templates: TemplateStore;
}

export interface PrintRequest {
  attendeeIds: string[];
  template?: string;
  printer?: string;
  reprintReason?: string;
  copies?: number;
  batchId?: string;
}

/** A print that was checked and recorded as pending; `done` settles once the printer accepted it (or not). */
export interface StartedPrint {
  records: PrintRecord[];
  /** Settles when the ledger has the outcome: printed ('sent'), or failed with the reason. */
  done: Promise<PrintOutcome>;
  /** Resolves with the job id once the printer system accepted the job (before it has printed). */
  accepted: Promise<string>;
}

/**
 * A 'pending' row this young is a print in progress (a double click, auto-print racing a manual
 * print): it counts as printed so that nobody gets two badges. Older ones were left by a crash
 * and count for nothing.
 */
export const PENDING_IN_PROGRESS_MS = 2 * 60 * 1000;

interface LedgerRow {
  id: string;
  event_id: string;
  attendee_id: string | null;
  template: string;
  kiosk_id: string;
  printer: string;
  copies: number;
  reason: string;
  status: PrintStatus;
  error: string;
  job_id: string;
  batch_id: string | null;
  at: string;
  first_name: string | null;
  last_name: string | null;
}

/** How a failure is kept in print_log.error: the code and parameters travel with the English text. */
interface StoredError {
  code: string;
  message: string;
  params?: ErrorParams;
}

function readError(text: string): { error: string; errorCode: string; errorParams?: ErrorParams } {
  if (!text) return { error: '', errorCode: '' };
  try {
    const stored = JSON.parse(text) as StoredError;
    if (stored && typeof stored.code === 'string' && typeof stored.message === 'string') {
      return { error: stored.message, errorCode: stored.code, ...(stored.params ? { errorParams: stored.params } : {}) };
    }
  } catch {
    // Text written by something else: shown as it is.
  }
  return { error: text, errorCode: '' };
}

function toRecord(row: LedgerRow): PrintRecord {
  return {
    id: row.id,
    attendeeId: row.attendee_id,
    attendeeName: [row.first_name ?? '', row.last_name ?? ''].map((s) => s.trim()).filter(Boolean).join(' '),
    template: row.template,
    kioskId: row.kiosk_id,
    printer: row.printer,
    copies: row.copies,
    reason: row.reason,
    status: row.status,
    ...readError(row.error),
    jobId: row.job_id,
    batchId: row.batch_id,
    at: row.at,
  };
}

/** "2026-11-28 09:14" in the event's time zone: what an "already printed on …" message shows. */
export function localDateTime(iso: string, timeZone: string): string {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(iso))
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  } catch {
    return iso.slice(0, 16).replace('T', ' ');
  }
}

const selectRecord = `
  SELECT p.id, p.event_id, p.attendee_id, p.template, p.kiosk_id, p.printer, p.copies, p.reason, p.status,
         p.error, p.job_id, p.batch_id, p.at, a.first_name, a.last_name
  FROM print_log p LEFT JOIN attendees a ON a.id = p.attendee_id`;

/**
 * Prints badges and keeps the ledger true: a print is recorded 'pending' before the printer
 * sees it, 'sent' once the printer system accepted the job, 'failed' with the reason otherwise.
 * Only 'sent' counts as printed; a badge printed before needs a deliberate reprint reason
 * (unless its printed fields were edited since).
 */
export class PrintDesk {
  /** Prints between their pending row and their outcome: closing the services waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Jobs the printer system accepted and is still printing, each with what records it as sent.
   * At shutdown they are recorded so: the job is in CUPS's hands and comes out after the
   * application is gone, so "not printed" would invite a duplicate.
   */
  private readonly awaitingPrinter = new Set<() => void>();
  private readonly s: Record<
    'lastSent' | 'inProgress' | 'needsReprint' | 'insert' | 'sent' | 'failed' | 'clearReprint' | 'outbox' | 'language' | 'byId' | 'recent' | 'recentFor',
    Statement
  >;

  constructor(readonly deps: PrintDeskDeps) {
    const { db } = deps;
    this.s = {
      lastSent: db.prepare("SELECT MAX(at) FROM print_log WHERE attendee_id = ? AND status = 'sent'").pluck(),
      inProgress: db.prepare("SELECT MAX(at) FROM print_log WHERE attendee_id = ? AND status = 'pending' AND at > ?").pluck(),
      needsReprint: db.prepare('SELECT badge_needs_reprint FROM attendees WHERE id = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO print_log (id, event_id, attendee_id, template, kiosk_id, printer, copies, reason, status, batch_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      ),
      sent: db.prepare("UPDATE print_log SET status = 'sent', job_id = ?, error = '' WHERE id = ?"),
      // Only a row still pending fails (one recorded as sent at shutdown stays so).
      failed: db.prepare("UPDATE print_log SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'"),
      // An edit made while the job was on its way is not on this badge: the flag stays.
      clearReprint: db.prepare('UPDATE attendees SET badge_needs_reprint = 0 WHERE id = ? AND updated_at <= ?'),
      outbox: db.prepare('INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)'),
      language: db.prepare("SELECT value FROM settings WHERE key = 'ui.language'").pluck(),
      byId: db.prepare(`${selectRecord} WHERE p.id = ?`),
      recent: db.prepare(`${selectRecord} WHERE p.event_id = ? ORDER BY p.at DESC, p.rowid DESC LIMIT ?`),
      recentFor: db.prepare(`${selectRecord} WHERE p.event_id = ? AND p.attendee_id = ? ORDER BY p.at DESC, p.rowid DESC LIMIT ?`),
    };
  }

  /** Where an attendee's badge stands; only an accepted print counts. */
  status(attendeeId: string): BadgeStatus {
    const { attendees } = this.deps;
    if (!attendees.findRow(attendeeId)) throw new DomainError('attendee.not_found', `No attendee with id ${attendeeId}.`, { id: attendeeId });
    const lastPrintedAt = (this.s.lastSent.get(attendeeId) as string | null) ?? null;
    return {
      attendeeId,
      printed: lastPrintedAt !== null,
      lastPrintedAt,
      needsReprint: this.s.needsReprint.get(attendeeId) === 1,
      printing: null,
    };
  }

  /** Prints and waits for the printer system's answer. */
  async print(request: PrintRequest): Promise<PrintOutcome> {
    // async: a refusal from start() arrives as a rejection, like a printer error.
    return this.start(request).done;
  }

  /**
   * Checks the request and records it as pending, synchronously: a refusal (unknown attendee or
   * printer setting, unprintable characters, a badge already printed) throws before anything is
   * logged. Then renders and submits in the background; `done` settles with the outcome, or
   * rejects with the DomainError once the rows are marked failed.
   */
  start(request: PrintRequest): StartedPrint {
    const { db, now, kiosk, attendees, templates } = this.deps;
    const event = kiosk.event();
    const settings = kiosk.printing();
    const printer = (request.printer ?? settings.printer ?? '').trim();
    if (!printer) throw new DomainError('print.no_printer', 'No printer chosen for this kiosk: choose one in Settings.');
    const templateName = request.template ?? settings.template;
    const template = templates.load(templateName);
    const copies = request.copies ?? 1;
    const ids = [...new Set(request.attendeeIds)];
    if (ids.length === 0) throw new DomainError('badge.no_attendees', 'No attendee to print a badge for.');
    for (const id of ids) {
      const row = attendees.findRow(id);
      if (!row || row.event_id !== event.id) throw new DomainError('attendee.not_found', `No attendee with id ${id}.`, { id });
    }
    // Tokens are signed here (a kiosk without the event's private key refuses before logging).
    const { prepared, events } = prepareBadges(db, ids, now);
    const fonts = loadFontSet();
    const nameOf = (a: { honorific: string; firstName: string; lastName: string }) =>
      [a.honorific, a.firstName, a.lastName].map((s) => s.trim()).filter(Boolean).join(' ');
    for (const { attendee } of prepared) {
      const missing = uncoveredBadgeCharacters(template, attendee, fonts);
      if (missing.length > 0) {
        throw new DomainError('badge.uncovered_characters', `${nameOf(attendee)}'s badge contains characters no font can draw: ${missing.join(' ')}.`, {
          name: nameOf(attendee),
          characters: missing.join(' '),
        });
      }
    }
    const reprintReason = request.reprintReason?.trim() || undefined;

    const records = db
      .transaction((): PrintRecord[] => {
        const at = now();
        const since = new Date(at.getTime() - PENDING_IN_PROGRESS_MS).toISOString();
        const reasons = prepared.map(({ attendee }, i) => {
          const id = ids[i]!;
          const sentAt = this.s.lastSent.get(id) as string | null;
          const pendingAt = this.s.inProgress.get(id, since) as string | null;
          const edited = this.s.needsReprint.get(id) === 1;
          // An edit asks for a new badge, but not twice: a print already on its way still counts.
          const printedAt = pendingAt ?? (edited ? null : sentAt);
          if (printedAt && !reprintReason) {
            throw new DomainError('print.already_printed', `${nameOf(attendee)}'s badge was already printed on ${localDateTime(printedAt, event.timezone)}.`, {
              name: nameOf(attendee),
              at: localDateTime(printedAt, event.timezone),
            });
          }
          // A badge never printed is a first print, even when its record was edited before.
          return reprintReason ?? (edited && sentAt ? 'edited' : '');
        });
        const kioskId = kiosk.id();
        const iso = at.toISOString();
        return ids.map((attendeeId, i) => {
          const id = randomUUID();
          this.s.insert.run(id, event.id, attendeeId, template.name, kioskId, printer, copies, reasons[i]!, request.batchId ?? null, iso);
          return this.record(id);
        });
      })
      .immediate();

    let onAccepted: (jobId: string) => void = () => undefined;
    const accepted = new Promise<string>((resolve) => (onAccepted = resolve));
    const done = this.finish(records, { printer, template, copies, prepared, eventId: event.id, event: events.get(event.id)!, batchId: request.batchId }, onAccepted);
    // The caller may only want the pending rows: a failure is still recorded, never unhandled.
    const settledDone = done.catch(() => undefined).finally(() => this.inFlight.delete(settledDone));
    this.inFlight.add(settledDone);
    // A job refused before acceptance never resolves `accepted`: `done` carries the failure.
    return { records, done, accepted };
  }

  /** Renders, submits and settles the pending rows. */
  private async finish(
    records: PrintRecord[],
    job: {
      printer: string;
      template: ReturnType<TemplateStore['load']>;
      copies: number;
      prepared: ReturnType<typeof prepareBadges>['prepared'];
      eventId: string;
      event: BadgeEvent;
      batchId?: string;
    },
    onAccepted: (jobId: string) => void,
  ): Promise<PrintOutcome> {
    const { db, now, driver, audit } = this.deps;
    const ids = records.map((r) => r.id);
    // Rendering a badge is tens of milliseconds of synchronous work: let the caller answer first
    // (an auto-printed check-in shows green before its badge is laid out).
    await new Promise((resolve) => setImmediate(resolve));
    let jobId = '';
    // The ledger's 'sent' for these rows, once: a row no longer pending (recorded at shutdown) is left as it is.
    const markSent = (): PrintRecord[] =>
      db
        .transaction((): PrintRecord[] => {
          const at = now().toISOString();
          return ids.map((id) => {
            const current = this.record(id);
            if (current.status !== 'pending') return current;
            this.s.sent.run(jobId, id);
            const record = this.record(id);
            if (record.attendeeId) this.s.clearReprint.run(record.attendeeId, record.at);
            const { attendeeName: _name, error: _e, errorCode: _c, ...fact } = record;
            this.s.outbox.run(randomUUID(), 'print', JSON.stringify({ ...fact, eventId: job.eventId }), at);
            if (record.reason) {
              audit.record({ action: 'badge.reprint', target: record.attendeeId ?? '', details: { printId: id, reason: record.reason, printer: record.printer } });
            }
            return record;
          });
        })
        .immediate();
    try {
      const lang = this.language();
      const html = await renderBadgesHtml({ template: job.template, event: job.event, badges: job.prepared, lang, fonts: loadFontSet() });
      const receipt = await driver.submit({ printer: job.printer, html, template: job.template, copies: job.copies, title: titleOf(records, job.batchId) });
      jobId = receipt.jobId;
      onAccepted(jobId);
      // 'sent' only once the printer system is done with it: a job accepted by a queue whose
      // printer is offline is not a printed badge.
      this.awaitingPrinter.add(markSent);
      try {
        await receipt.printed;
      } finally {
        this.awaitingPrinter.delete(markSent);
      }
    } catch (thrown) {
      const error =
        thrown instanceof DomainError
          ? thrown
          : new DomainError('print.job_failed', `The printer "${job.printer}" could not print: ${toErrorValue(thrown).message}.`, {
              printer: job.printer,
              reason: toErrorValue(thrown).message,
            });
      const stored = JSON.stringify({ code: error.code, message: error.message, params: error.params } satisfies StoredError);
      db.transaction(() => {
        for (const id of ids) this.s.failed.run(stored, id);
      })();
      throw error;
    }
    const settled = markSent();
    return { printer: job.printer, template: job.template.name, jobId, records: settled };
  }

  /**
   * Resolves when every print started so far has its outcome in the ledger, or after
   * `timeoutMs` (a printer system that never answers must not hold the application open).
   * A job the printer system accepted and is still printing is then recorded as sent (it comes
   * out after the application is gone); one not yet accepted is failed as interrupted by the
   * next start's batch pause, or stays 'pending' (counted as in progress for a few minutes,
   * never as printed).
   */
  async settle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const all = Promise.all([...this.inFlight]).then(() => true);
    try {
      const settled = await Promise.race([all, timeout]);
      if (!settled) {
        for (const markSent of [...this.awaitingPrinter]) {
          try {
            markSent();
          } catch (error) {
            console.error('[accueil] recording a job still printing at shutdown failed', error);
          }
        }
      }
      return settled;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ledger lines by id (as start() returned them), as they stand now. */
  records(ids: string[]): PrintRecord[] {
    return ids.map((id) => this.record(id));
  }

  /** The current event's ledger, newest first (one attendee's when given). */
  recent(limit = 50, attendeeId?: string): PrintRecord[] {
    let eventId: string;
    try {
      eventId = this.deps.kiosk.event().id;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'event.none') return [];
      throw error;
    }
    const rows = (attendeeId ? this.s.recentFor.all(eventId, attendeeId, limit) : this.s.recent.all(eventId, limit)) as LedgerRow[];
    return rows.map(toRecord);
  }

  private record(id: string): PrintRecord {
    return toRecord(this.s.byId.get(id) as LedgerRow);
  }

  private language(): 'fr' | 'en' {
    const value = this.s.language.get() as string | undefined;
    return value && (JSON.parse(value) as string) === 'en' ? 'en' : 'fr';
  }
}

/** What the printer's queue shows: the attendee's name, or how many badges. */
function titleOf(records: PrintRecord[], batchId?: string): string {
  if (batchId) return `Accueil batch ${batchId.slice(0, 8)}`;
  if (records.length === 1) return `Badge ${records[0]!.attendeeName}`.trim();
  return `Badges (${records.length})`;
}

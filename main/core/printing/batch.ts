import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { allAttendeeIds, type BadgeSort } from '../badges/pdf';
import type { TemplateStore } from '../badges/template-store';
import { badgesPerPage } from '../badges/templates';
import type { Kiosk } from '../checkin/kiosk';
import { DomainError, type ErrorParams } from '../errors';
import type { PrintBatch, PrintBatchFilter, PrintBatchStatus } from '../types';
import type { PrintDesk } from './print-desk';

export interface BatchDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  printDesk: PrintDesk;
  templates: TemplateStore;
}

export interface BatchStart {
  filter?: PrintBatchFilter;
  sort?: BadgeSort;
  template?: string;
  printer?: string;
  reprintReason?: string;
}

interface BatchRow {
  id: string;
  event_id: string;
  kiosk_id: string;
  template: string;
  printer: string;
  sort: string;
  filter: string;
  reason: string;
  attendee_ids: string;
  status: PrintBatchStatus;
  error: string;
  created_at: string;
  updated_at: string;
}

/** The `error` column keeps the code and parameters with the text, so the screen can say it in the kiosk's language. */
interface StoredError {
  code: string;
  message: string;
  params?: ErrorParams;
}

interface Candidate {
  id: string;
  name: string;
  needsReprint: number;
  lastPrinted: string | null;
}

/** A page being printed: the runner stops after it when asked to. */
interface Runner {
  cancel: boolean;
  finished: Promise<void>;
}

/**
 * Batch printing before doors open: a selection of the current event's attendees, stored in
 * order, printed in the background ONE JOB PER PAGE through the print desk (which keeps the
 * ledger). A page is the unit of loss: a printer error loses at most the page being printed,
 * and resume prints only the attendees the ledger does not show as 'sent' in this batch, so
 * no page comes out twice. A batch left running by a crash is paused when the services start.
 */
export class BatchPrinter {
  private readonly runners = new Map<string, Runner>();
  /** Set by shutdown(): a runner that fails once the database is gone is expected, not a bug to log. */
  private closing = false;
  private readonly s: Record<'byId' | 'latest' | 'runningHere' | 'sentInBatch' | 'setStatus' | 'setIds' | 'status' | 'badgeOf' | 'failPending' | 'stillRunning', Statement>;

  constructor(private readonly deps: BatchDeps) {
    const { db } = deps;
    this.s = {
      byId: db.prepare('SELECT * FROM print_batches WHERE id = ?'),
      latest: db.prepare('SELECT * FROM print_batches WHERE kiosk_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      runningHere: db.prepare("SELECT id FROM print_batches WHERE kiosk_id = ? AND status = 'running'").pluck(),
      sentInBatch: db.prepare("SELECT DISTINCT attendee_id FROM print_log WHERE batch_id = ? AND status = 'sent' AND attendee_id IS NOT NULL").pluck(),
      setStatus: db.prepare('UPDATE print_batches SET status = ?, error = ?, updated_at = ? WHERE id = ?'),
      setIds: db.prepare('UPDATE print_batches SET attendee_ids = ?, updated_at = ? WHERE id = ?'),
      status: db.prepare('SELECT status FROM print_batches WHERE id = ?').pluck(),
      failPending: db.prepare("UPDATE print_log SET status = 'failed', error = ? WHERE batch_id = ? AND status = 'pending'"),
      stillRunning: db.prepare("UPDATE print_batches SET status = 'running', updated_at = ? WHERE id = ? AND status = 'paused'"),
      badgeOf: db.prepare(
        `SELECT a.status, a.badge_needs_reprint AS needsReprint,
           EXISTS (SELECT 1 FROM print_log p WHERE p.attendee_id = a.id AND p.status = 'sent') AS printed
         FROM attendees a WHERE a.id = ?`,
      ),
    };
  }

  /**
   * Run once when the services start: this kiosk's batches still marked running lost their
   * runner with the previous process, so they wait for a resume.
   */
  pauseOrphans(): void {
    const kioskId = this.deps.kiosk.id();
    const interrupted = JSON.stringify({
      code: 'print.job_failed',
      message: 'Interrupted: the application stopped while this page was being printed.',
      params: { printer: '', reason: 'interrupted' },
    } satisfies StoredError);
    this.deps.db.transaction(() => {
      for (const id of this.s.runningHere.all(kioskId) as string[]) {
        if (this.runners.has(id)) continue;
        this.s.setStatus.run('paused', '', this.stamp(), id);
        // The page being printed when the process died: whether the printer got it is unknown;
        // its rows would otherwise count as a print in progress and block the resume.
        this.s.failPending.run(interrupted, id);
      }
    })();
  }

  /** What a batch with this filter would print, and how many of those were printed before (they need a reason). */
  count(filter: PrintBatchFilter = {}): { count: number; alreadyPrinted: number } {
    const selected = this.select(filter);
    return { count: selected.length, alreadyPrinted: selected.filter(isPrinted).length };
  }

  start(input: BatchStart): PrintBatch {
    const { db, kiosk, audit, templates } = this.deps;
    const filter: PrintBatchFilter = { ...input.filter, onlyUnprinted: input.filter?.onlyUnprinted ?? true };
    const sort = input.sort ?? 'name';
    const settings = kiosk.printing();
    const template = input.template ?? settings.template;
    templates.load(template); // an unknown or broken template is refused before anything is stored
    const printer = input.printer ?? settings.printer;
    if (!printer) throw new DomainError('print.no_printer', 'No printer chosen: pick one in Settings.');
    const eventId = kiosk.event().id;
    const kioskId = kiosk.id();

    const store = db.transaction((): string => {
      this.refuseIfRunning(kioskId);
      const selected = this.select(filter);
      if (selected.length === 0) throw new DomainError('badge.no_attendees', 'No attendee matches: no badge to print.');
      const printed = selected.find(isPrinted);
      if (printed && !input.reprintReason) {
        throw new DomainError('print.already_printed', `${printed.name}'s badge was already printed on ${printed.lastPrinted}: give a reprint reason.`, {
          name: printed.name,
          at: printed.lastPrinted ?? '',
        });
      }
      const ids = inBatchOrder(db, selected, sort);
      const id = randomUUID();
      const at = this.stamp();
      db.prepare(
        `INSERT INTO print_batches (id, event_id, kiosk_id, template, printer, sort, filter, reason, attendee_ids, status, error, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', '', ?, ?)`,
      ).run(id, eventId, kioskId, template, printer, sort, JSON.stringify(filter), input.reprintReason ?? '', JSON.stringify(ids), at, at);
      audit.record({
        action: 'print.batch.start',
        target: id,
        role: 'organiser',
        details: { count: ids.length, alreadyPrinted: selected.filter(isPrinted).length, template, sort },
      });
      return id;
    });
    return this.launchAndGet(store.immediate());
  }

  private launchAndGet(id: string): PrintBatch {
    this.launch(id);
    return this.get(id)!;
  }

  /** The batch, or this kiosk's latest; null when there is none. */
  get(batchId?: string): PrintBatch | null {
    const row = (batchId ? this.s.byId.get(batchId) : this.s.latest.get(this.deps.kiosk.id())) as BatchRow | undefined;
    return row ? this.toBatch(row) : null;
  }

  /** Stops after the page being printed; answers once it has stopped. */
  async cancel(batchId: string): Promise<PrintBatch> {
    const row = this.row(batchId);
    if (row.status === 'done' || row.status === 'cancelled') {
      throw new DomainError('print.batch_finished', 'This print batch has already finished or was cancelled.');
    }
    const runner = this.runners.get(batchId);
    this.s.setStatus.run('cancelled', row.status === 'error' ? row.error : '', this.stamp(), batchId);
    if (runner) {
      runner.cancel = true;
      await runner.finished;
    }
    const after = this.get(batchId)!;
    this.deps.audit.record({ action: 'print.batch.cancel', target: batchId, role: 'organiser', details: { total: after.total, printed: after.printed } });
    return after;
  }

  /** Continues a paused or failed batch with the attendees not yet printed in it, on another printer if given. */
  resume(batchId: string, printer?: string): PrintBatch {
    const { db, audit, kiosk } = this.deps;
    db.transaction(() => {
      const row = this.row(batchId);
      if (row.status === 'done' || row.status === 'cancelled') {
        throw new DomainError('print.batch_finished', 'This print batch has already finished or was cancelled.');
      }
      if (this.runners.has(batchId)) throw new DomainError('print.batch_running', 'This print batch is already running.');
      this.refuseIfRunning(kiosk.id(), batchId);
      db.prepare("UPDATE print_batches SET status = 'running', error = '', printer = ?, updated_at = ? WHERE id = ?").run(printer ?? row.printer, this.stamp(), batchId);
      const ids = JSON.parse(row.attendee_ids) as string[];
      audit.record({
        action: 'print.batch.resume',
        target: batchId,
        role: 'organiser',
        details: { total: ids.length, printed: this.sent(batchId).size, printerChanged: printer !== undefined && printer !== row.printer },
      });
    }).immediate();
    return this.launchAndGet(batchId);
  }

  /** Resolves when the batch's runner (if any) has stopped: for tests and for closing the services. */
  async settled(batchId?: string): Promise<void> {
    const runners = batchId ? [this.runners.get(batchId)] : [...this.runners.values()];
    await Promise.all(runners.map((r) => r?.finished));
  }

  /**
   * Closing the services: every running batch stops after the page being printed and is left
   * 'paused' (resumed later without printing a page twice). Waits at most `timeoutMs`; a batch
   * still on its page then stays 'running' and the next start of the services pauses it.
   */
  async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true;
    const stopping = [...this.runners.entries()];
    for (const [, runner] of stopping) runner.cancel = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(stopping.map(([, runner]) => runner.finished)),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    for (const [batchId] of stopping) {
      if (this.runners.has(batchId)) continue; // still printing its page: paused by the next start
      // Only a batch its runner left running: a cancelled, failed or finished one keeps its status.
      this.deps.db.prepare("UPDATE print_batches SET status = 'paused', error = '', updated_at = ? WHERE id = ? AND status = 'running'").run(this.stamp(), batchId);
    }
  }

  private refuseIfRunning(kioskId: string, except?: string): void {
    const running = (this.s.runningHere.all(kioskId) as string[]).filter((id) => id !== except);
    if (running.length > 0 || [...this.runners.keys()].some((id) => id !== except)) {
      throw new DomainError('print.batch_running', 'A print batch is already running at this desk: wait for it to finish or cancel it.');
    }
  }

  private launch(batchId: string): void {
    const runner: Runner = { cancel: false, finished: Promise.resolve() };
    runner.finished = this.run(batchId, runner)
      .catch((error: unknown) => {
        // Not a printer error (those stop the batch inside run): the database went away or a bug.
        // The batch is left as 'error' when the database still answers.
        try {
          this.fail(batchId, { code: 'internal', message: error instanceof Error ? error.message : String(error) });
        } catch {
          // the database is closed: the next start of the services pauses the batch
        }
        if (!(error instanceof DomainError) && !this.closing) console.error('[accueil] print batch failed', error);
      })
      .finally(() => this.runners.delete(batchId));
    this.runners.set(batchId, runner);
  }

  private async run(batchId: string, runner: Runner): Promise<void> {
    // Let the start/resume answer go out first (a macrotask: a page's rendering is synchronous
    // work that would otherwise run before the answer is sent).
    await new Promise((resolve) => setImmediate(resolve));
    const row = this.row(batchId);
    const template = this.deps.templates.load(row.template);
    const perPage = badgesPerPage(template);
    const sent = this.sent(batchId);
    const remaining = (JSON.parse(row.attendee_ids) as string[]).filter((id) => !sent.has(id));
    for (let i = 0; i < remaining.length; i += perPage) {
      if (runner.cancel || this.s.status.get(batchId) === 'cancelled') return;
      const page = this.stillToPrint(batchId, row, remaining.slice(i, i + perPage));
      if (page.length === 0) continue;
      try {
        await this.deps.printDesk.print({
          attendeeIds: page,
          batchId,
          template: row.template,
          printer: this.printerOf(batchId),
          reprintReason: row.reason || undefined,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (this.s.status.get(batchId) === 'cancelled') return;
        const stored = { code: error.code, message: error.message, params: error.params };
        // Closing cut the page short (the driver closed under it): not a printer fault, a pause.
        if (this.closing) this.s.setStatus.run('paused', JSON.stringify(stored), this.stamp(), batchId);
        else this.fail(batchId, stored);
        return;
      }
      // Another process on this data folder started its services and took the batch for an
      // orphan: this runner is alive, so it is running.
      this.s.stillRunning.run(this.stamp(), batchId);
    }
    if (runner.cancel || this.s.status.get(batchId) === 'cancelled') return;
    this.s.setStatus.run('done', '', this.stamp(), batchId);
  }

  /**
   * The page's attendees minus those printed elsewhere since the batch started (a check-in's
   * auto-print, say) or no longer valid: a batch without a reprint reason prints first badges
   * only. They leave the batch's list so its progress still reaches the total.
   */
  private stillToPrint(batchId: string, row: BatchRow, page: string[]): string[] {
    if (row.reason) return page;
    const gone = page.filter((id) => {
      const a = this.s.badgeOf.get(id) as { status: string; needsReprint: number; printed: number } | undefined;
      return !a || a.status !== 'valid' || (a.printed === 1 && a.needsReprint !== 1);
    });
    if (gone.length === 0) return page;
    const skip = new Set(gone);
    const ids = (JSON.parse((this.s.byId.get(batchId) as BatchRow).attendee_ids) as string[]).filter((id) => !skip.has(id));
    this.s.setIds.run(JSON.stringify(ids), this.stamp(), batchId);
    return page.filter((id) => !skip.has(id));
  }

  private printerOf(batchId: string): string {
    return (this.s.byId.get(batchId) as BatchRow).printer;
  }

  private fail(batchId: string, error: StoredError): void {
    this.s.setStatus.run('error', JSON.stringify(error), this.stamp(), batchId);
  }

  private sent(batchId: string): Set<string> {
    return new Set(this.s.sentInBatch.all(batchId) as string[]);
  }

  private row(batchId: string): BatchRow {
    const row = this.s.byId.get(batchId) as BatchRow | undefined;
    if (!row) throw new DomainError('print.batch_not_found', `No print batch ${batchId}.`);
    return row;
  }

  private select(filter: PrintBatchFilter): Candidate[] {
    return selectCandidates(this.deps.db, this.deps.kiosk.event().id, filter);
  }

  private toBatch(row: BatchRow): PrintBatch {
    const ids = JSON.parse(row.attendee_ids) as string[];
    const error = row.error ? (JSON.parse(row.error) as StoredError) : null;
    return {
      id: row.id,
      eventId: row.event_id,
      template: row.template,
      printer: row.printer,
      sort: row.sort === 'country' ? 'country' : 'name',
      filter: JSON.parse(row.filter) as PrintBatchFilter,
      status: row.status,
      total: ids.length,
      printed: this.sent(row.id).size,
      error: error?.message ?? '',
      errorCode: error?.code ?? '',
      errorParams: error?.params ?? {},
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private stamp(): string {
    return this.deps.now().toISOString();
  }
}

/** The event's valid attendees matching the filter, with what the ledger says of their badge. */
function selectCandidates(db: Database, eventId: string, filter: PrintBatchFilter): Candidate[] {
  const where = ['a.event_id = @eventId', "a.status = 'valid'"];
  if (filter.category !== undefined) where.push('a.category = @category COLLATE NOCASE');
  if (filter.country !== undefined) where.push('a.country = @country COLLATE NOCASE');
  const rows = db
    .prepare(
      `SELECT a.id, trim(a.first_name || ' ' || a.last_name) AS name, a.badge_needs_reprint AS needsReprint,
         (SELECT max(p.at) FROM print_log p WHERE p.attendee_id = a.id AND p.status = 'sent') AS lastPrinted
       FROM attendees a WHERE ${where.join(' AND ')}`,
    )
    .all({ eventId, category: filter.category?.trim(), country: filter.country?.trim() }) as Candidate[];
  return filter.onlyUnprinted === false ? rows : rows.filter((r) => !isPrinted(r));
}

function inBatchOrder(db: Database, selected: Candidate[], sort: BadgeSort): string[] {
  const chosen = new Set(selected.map((c) => c.id));
  return allAttendeeIds(db, sort).filter((id) => chosen.has(id));
}

/**
 * The attendee ids a batch with this filter and sort would print, in its order (onlyUnprinted
 * defaults to true, as for a batch): Save as PDF of a selection uses the very same list.
 */
export function batchSelection(db: Database, eventId: string, filter: PrintBatchFilter = {}, sort: BadgeSort = 'name'): string[] {
  return inBatchOrder(db, selectCandidates(db, eventId, { ...filter, onlyUnprinted: filter.onlyUnprinted ?? true }), sort);
}

/** Printed and accepted by a printer, and not marked for reprint since. */
function isPrinted(c: Candidate): boolean {
  return c.lastPrinted !== null && c.needsReprint !== 1;
}

/**
 * Batch printing through the real CUPS driver to a cups-pdf queue of this test's own (so
 * stopping it disturbs nobody), on the real demo database: one job per page, progress,
 * cancel, a printer error mid-batch then resume (every badge exactly once), a restart that
 * pauses a running batch, filters, sort order and the reprint rule.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allAttendeeIds } from '../../main/core/badges/pdf';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createCupsDriver } from '../../main/core/printing/cups';
import type { PrinterDriver } from '../../main/core/printing/driver';
import { createServices } from '../../main/core/services';
import type { PrintBatch } from '../../main/core/types';
import { tempDir } from '../helpers/temp';

const SLOW = 300_000; // a shared 2-core machine: CUPS and Chromium take what they take
const queue = `ACCUEIL_TEST_batch_${randomBytes(4).toString('hex')}`;
const pdfFolder = '/root/PDF';
let base: PrinterDriver;

beforeAll(() => {
  execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
  base = createCupsDriver();
});

afterAll(async () => {
  await base?.close?.();
  try {
    execFileSync('lpadmin', ['-x', queue]);
  } catch {
    // already gone
  }
});

// Every test starts with the queue printing and accepting, whatever the previous one did.
beforeEach(() => {
  execFileSync('cupsenable', [queue]);
  execFileSync('cupsaccept', [queue]);
});

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/** The real driver, with a hook before each job is handed to it: where a test pulls the plug. */
function hooked(beforeSubmit: (n: number) => void | Promise<void>): PrinterDriver {
  let n = 0;
  return {
    kind: base.kind,
    list: () => base.list(),
    pdf: (job) => base.pdf(job),
    submit: async (job) => {
      await beforeSubmit(++n);
      return base.submit(job);
    },
  };
}

function open(dir: string, driver: PrinterDriver = base) {
  const db = openDataFolder(dir);
  opened.push(db);
  const services = createServices({ db, printer: driver });
  const call = async <K extends Operation>(op: K, input: Input<K>): Promise<Output<K>> => {
    const result = await dispatch(services.handlers, op, input);
    if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
    return result.value;
  };
  const fail = async <K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue> => {
    const result = await dispatch(services.handlers, op, input);
    if (result.ok) throw new Error(`${op} succeeded`);
    return result;
  };
  /** Waits (polling like the screen does) until the batch has stopped running. */
  const settled = async (batchId: string): Promise<PrintBatch> => {
    for (;;) {
      const batch = (await call('print:batch:get', { batchId }))!;
      if (batch.status !== 'running') return batch;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { db, services, call, fail, settled };
}

async function demo(driver?: PrinterDriver) {
  const dir = tempDir();
  const core = open(dir, driver);
  await core.call('demo:load', {});
  await core.call('kiosk:configure', { printer: queue });
  return { dir, ...core };
}

const sentPerAttendee = (db: Database, batchId: string) =>
  db.prepare("SELECT attendee_id AS id, count(*) AS n FROM print_log WHERE batch_id = ? AND status = 'sent' GROUP BY attendee_id").all(batchId) as {
    id: string;
    n: number;
  }[];
const sentJobs = (db: Database, batchId: string) =>
  db.prepare("SELECT DISTINCT job_id FROM print_log WHERE batch_id = ? AND status = 'sent' ORDER BY rowid").pluck().all(batchId) as string[];
const ledgerOrder = (db: Database, batchId: string) =>
  db.prepare("SELECT attendee_id FROM print_log WHERE batch_id = ? AND status = 'sent' ORDER BY rowid").pluck().all(batchId) as string[];
const expectedIds = (db: Database, where: string, sort: 'name' | 'country' = 'name') => {
  const chosen = new Set(db.prepare(`SELECT id FROM attendees WHERE status = 'valid' AND ${where}`).pluck().all() as string[]);
  return allAttendeeIds(db, sort).filter((id) => chosen.has(id));
};

/** cups-pdf writes `…job_<n>.pdf` once CUPS ran the job: wait for it, then read its pages and size. */
async function printedPdf(jobId: string): Promise<{ pages: number; width: number; height: number }> {
  const number = /(\d+)$/.exec(jobId)?.[1];
  expect(number, `job id ${jobId}`).toBeTruthy();
  for (;;) {
    const file = fs.readdirSync(pdfFolder).find((f) => f.endsWith(`job_${number}.pdf`));
    if (file) {
      try {
        const info = execFileSync('pdfinfo', [`${pdfFolder}/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
        return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
      } catch {
        // still being written
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('batch print', () => {
  it(
    'prints 21 partners on A6, one job per badge, by last name; progress reaches the total; each badge once; PDFs at A6',
    async () => {
      const d = await demo();
      expect(await d.call('print:batch:get', {})).toBeNull();
      expect(await d.call('print:batch:count', { filter: { category: 'Partenaire' } })).toEqual({ count: 21, alreadyPrinted: 0 });

      const started = await d.call('print:batch:start', { filter: { category: 'Partenaire' }, template: 'a6' });
      expect(started).toMatchObject({ status: 'running', total: 21, template: 'a6', printer: queue, sort: 'name', filter: { category: 'Partenaire', onlyUnprinted: true } });
      // One batch at a time at this desk.
      expect((await d.fail('print:batch:start', { filter: { category: 'Presse' } })).code).toBe('print.batch_running');

      const done = await d.settled(started.id);
      expect(done).toMatchObject({ status: 'done', total: 21, printed: 21, error: '', errorCode: '' });
      expect(await d.call('print:batch:get', {})).toMatchObject({ id: started.id, status: 'done' });

      const expected = expectedIds(d.db, "category = 'Partenaire'");
      expect(ledgerOrder(d.db, started.id)).toEqual(expected);
      expect(sentPerAttendee(d.db, started.id).every((r) => r.n === 1)).toBe(true);
      const jobs = sentJobs(d.db, started.id);
      expect(jobs).toHaveLength(21);
      for (const job of jobs.slice(0, 3)) {
        const pdf = await printedPdf(job);
        expect(pdf.pages).toBe(1);
        expect(Math.abs(pdf.width - 297.64)).toBeLessThan(1);
        expect(Math.abs(pdf.height - 419.53)).toBeLessThan(1);
      }
      // They are printed now: the default filter finds nobody left; a finished batch neither resumes nor cancels.
      expect(await d.call('print:batch:count', { filter: { category: 'Partenaire' } })).toEqual({ count: 0, alreadyPrinted: 0 });
      expect((await d.fail('print:batch:start', { filter: { category: 'Partenaire' } })).code).toBe('badge.no_attendees');
      expect((await d.fail('print:batch:resume', { batchId: started.id })).code).toBe('print.batch_finished');
      expect((await d.fail('print:batch:cancel', { batchId: started.id })).code).toBe('print.batch_finished');

      const audit = d.db.prepare("SELECT action, role, details FROM audit_log WHERE action LIKE 'print.batch.%'").all() as { action: string; role: string; details: string }[];
      expect(audit).toEqual([{ action: 'print.batch.start', role: 'organiser', details: expect.stringContaining('"count":21') }]);
    },
    SLOW,
  );

  it(
    'packs 8 badges per A4 page on a4-8up: ceil(22/8) = 3 jobs of one A4 page',
    async () => {
      const d = await demo();
      const started = await d.call('print:batch:start', { filter: { category: 'organisation' }, template: 'a4-8up' });
      expect(started.total).toBe(22);
      expect(await d.settled(started.id)).toMatchObject({ status: 'done', printed: 22 });
      const jobs = sentJobs(d.db, started.id);
      expect(jobs).toHaveLength(3);
      expect(sentPerAttendee(d.db, started.id)).toHaveLength(22);
      for (const job of jobs) {
        const pdf = await printedPdf(job);
        expect(pdf.pages).toBe(1);
        expect(Math.abs(pdf.width - 595.28)).toBeLessThan(1);
        expect(Math.abs(pdf.height - 841.89)).toBeLessThan(1);
      }
      // Pages of 8, 8 and 6 in name order.
      const perJob = d.db
        .prepare("SELECT job_id, count(*) AS n FROM print_log WHERE batch_id = ? AND status = 'sent' GROUP BY job_id ORDER BY min(rowid)")
        .all(started.id) as { n: number }[];
      expect(perJob.map((j) => j.n)).toEqual([8, 8, 6]);
    },
    SLOW,
  );

  it(
    'cancel stops after the page being printed',
    async () => {
      let cancelled: Promise<PrintBatch> | undefined;
      let batchId = '';
      const d = await demo(
        hooked((n) => {
          if (n === 3) cancelled = d.call('print:batch:cancel', { batchId }); // while page 3 is being printed
        }),
      );
      const started = await d.call('print:batch:start', { filter: { category: 'Partenaire' } });
      batchId = started.id;
      await d.settled(batchId);
      expect(cancelled).toBeDefined();
      const after = await cancelled!;
      expect(after).toMatchObject({ status: 'cancelled', printed: 3, total: 21 });
      expect(sentJobs(d.db, batchId)).toHaveLength(3);
      expect(d.db.prepare('SELECT count(*) FROM print_log WHERE batch_id = ?').pluck().get(batchId)).toBe(3);
      expect((await d.fail('print:batch:resume', { batchId })).code).toBe('print.batch_finished');
      const actions = d.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'print.batch.%' ORDER BY seq").pluck().all();
      expect(actions).toEqual(['print.batch.start', 'print.batch.cancel']);
      // The rest stay unprinted: a new batch picks them up.
      expect(await d.call('print:batch:count', { filter: { category: 'Partenaire' } })).toEqual({ count: 18, alreadyPrinted: 0 });
    },
    SLOW,
  );

  it(
    'a printer refusing jobs mid-batch stops it as error with the code; resume after it is back prints every badge exactly once',
    async () => {
      const d = await demo(
        hooked((n) => {
          if (n === 5) execFileSync('cupsreject', [queue]); // the printer stops taking jobs after 4 pages
        }),
      );
      const started = await d.call('print:batch:start', { filter: { category: 'Presse' } });
      const failed = await d.settled(started.id);
      expect(failed).toMatchObject({ status: 'error', printed: 4, total: 13, errorCode: 'print.printer_rejecting' });
      expect(failed.error).not.toBe('');
      expect(failed.errorParams).toMatchObject({ printer: queue });
      // The failed page is in the ledger as failed, not as printed.
      expect(d.db.prepare("SELECT count(*) FROM print_log WHERE batch_id = ? AND status = 'failed'").pluck().get(started.id)).toBe(1);

      execFileSync('cupsaccept', [queue]);
      const resumed = await d.call('print:batch:resume', { batchId: started.id });
      expect(resumed).toMatchObject({ status: 'running', error: '', errorCode: '' });
      expect(await d.settled(started.id)).toMatchObject({ status: 'done', printed: 13, total: 13 });
      const sent = sentPerAttendee(d.db, started.id);
      expect(sent).toHaveLength(13);
      expect(sent.every((r) => r.n === 1)).toBe(true);
      expect(sentJobs(d.db, started.id)).toHaveLength(13);
      expect(ledgerOrder(d.db, started.id)).toEqual(expectedIds(d.db, "category = 'Presse'"));
      const actions = d.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'print.batch.%' ORDER BY seq").pluck().all();
      expect(actions).toEqual(['print.batch.start', 'print.batch.resume']);
    },
    SLOW,
  );

  it(
    'a batch started on a stopped printer stops as error at once; resume (printer given again) finishes it',
    async () => {
      execFileSync('cupsdisable', [queue]);
      const d = await demo();
      const started = await d.call('print:batch:start', { filter: { category: 'Partenaire', country: 'france' }, template: 'a4-8up' });
      expect(started.total).toBe(16);
      const failed = await d.settled(started.id);
      expect(failed).toMatchObject({ status: 'error', printed: 0, errorCode: 'print.printer_stopped' });
      // Stopped on this desk: no other batch until it is resumed or cancelled.
      expect((await d.fail('print:batch:resume', { batchId: 'nope' })).code).toBe('print.batch_not_found');
      execFileSync('cupsenable', [queue]);
      await d.call('print:batch:resume', { batchId: started.id, printer: queue });
      expect(await d.settled(started.id)).toMatchObject({ status: 'done', printed: 16, printer: queue });
      expect(sentJobs(d.db, started.id)).toHaveLength(2);
    },
    SLOW,
  );

  it(
    'a restart turns a running batch into paused; resume on the new services finishes it without a badge twice',
    async () => {
      let hang = false;
      const first = await demo(
        hooked(async (n) => {
          // The process "dies" while page 2 is being submitted: that job never comes back.
          if (n === 2) {
            hang = true;
            await new Promise(() => undefined);
          }
        }),
      );
      const started = await first.call('print:batch:start', { filter: { category: 'Organisation' }, template: 'a4-8up' });
      while (!hang) await new Promise((r) => setTimeout(r, 50));
      expect((await first.call('print:batch:get', { batchId: started.id }))!.status).toBe('running');

      const second = open(first.dir);
      expect(await second.call('print:batch:get', {})).toMatchObject({ id: started.id, status: 'paused', printed: 8, total: 22 });
      await second.call('print:batch:resume', { batchId: started.id });
      expect(await second.settled(started.id)).toMatchObject({ status: 'done', printed: 22 });
      const sent = sentPerAttendee(second.db, started.id);
      expect(sent).toHaveLength(22);
      expect(sent.every((r) => r.n === 1)).toBe(true);
      expect(sentJobs(second.db, started.id)).toHaveLength(3);
    },
    SLOW,
  );
});

describe('batch selection', () => {
  it(
    'filters by category and country without case, counts what was printed, sorts by country group then name',
    async () => {
      const d = await demo();
      expect(await d.call('print:batch:count', {})).toEqual({ count: 520 - Number(d.db.prepare("SELECT count(*) FROM attendees WHERE status <> 'valid'").pluck().get()), alreadyPrinted: 0 });
      expect(await d.call('print:batch:count', { filter: { category: 'partenaire', country: 'FRANCE' } })).toEqual({ count: 16, alreadyPrinted: 0 });
      expect((await d.fail('print:batch:start', { filter: { category: 'Nobody' } })).code).toBe('badge.no_attendees');
      expect((await d.fail('print:batch:start', { filter: { category: 'Presse' }, template: 'nope' })).code).toBe('badge.unknown_template');
      expect((await d.fail('print:batch:cancel', { batchId: 'nope' })).code).toBe('print.batch_not_found');

      const started = await d.call('print:batch:start', { filter: { country: 'viêt nam' }, sort: 'country', template: 'a4-8up' });
      await d.settled(started.id);
      const order = ledgerOrder(d.db, started.id);
      expect(order).toEqual(expectedIds(d.db, "country = 'Viêt Nam'", 'country'));

      // Across groups: sorted by country (French order: Allemagne < Algérie < Arménie…), then name.
      const countries = expectedIds(d.db, "category = 'Délégation étrangère'", 'country').map(
        (id) => d.db.prepare('SELECT country FROM attendees WHERE id = ?').pluck().get(id) as string,
      );
      const collator = new Intl.Collator('fr', { sensitivity: 'base' });
      expect([...countries].sort(collator.compare)).toEqual(countries);
    },
    SLOW,
  );

  it(
    'printed badges need a reprint reason; badges edited since are included without one',
    async () => {
      const d = await demo();
      const first = await d.call('print:batch:start', { filter: { country: 'Viêt Nam' }, template: 'a4-8up' });
      await d.settled(first.id);

      expect(await d.call('print:batch:count', { filter: { country: 'Viêt Nam' } })).toEqual({ count: 0, alreadyPrinted: 0 });
      expect(await d.call('print:batch:count', { filter: { country: 'Viêt Nam', onlyUnprinted: false } })).toEqual({ count: 12, alreadyPrinted: 12 });
      const refused = await d.fail('print:batch:start', { filter: { country: 'Viêt Nam', onlyUnprinted: false } });
      expect(refused.code).toBe('print.already_printed');
      expect(refused.params).toMatchObject({ name: expect.any(String), at: expect.any(String) });

      // An edit of a printed field marks the badge: a plain batch picks it up again.
      const edited = ledgerOrder(d.db, first.id)[0]!;
      await d.call('attendees:update', { id: edited, fields: { function: 'Maire adjoint' } });
      expect(await d.call('print:batch:count', { filter: { country: 'Viêt Nam' } })).toEqual({ count: 1, alreadyPrinted: 0 });

      const again = await d.call('print:batch:start', { filter: { country: 'Viêt Nam', onlyUnprinted: false }, template: 'a4-8up', reprintReason: 'Badges abîmés' });
      expect(await d.settled(again.id)).toMatchObject({ status: 'done', printed: 12, total: 12 });
      const reasons = d.db.prepare("SELECT DISTINCT reason FROM print_log WHERE batch_id = ? AND status = 'sent'").pluck().all(again.id);
      expect(reasons).toEqual(['Badges abîmés']);
    },
    SLOW,
  );

  it('with no printer chosen, a batch is refused before anything is stored', async () => {
    const dir = tempDir();
    const d = open(dir);
    await d.call('demo:load', {});
    expect((await d.fail('print:batch:start', { filter: { category: 'Presse' } })).code).toBe('print.no_printer');
    expect(d.db.prepare('SELECT count(*) FROM print_batches').pluck().get()).toBe(0);
    expect(await d.call('print:batch:get', {})).toBeNull();
  });
});

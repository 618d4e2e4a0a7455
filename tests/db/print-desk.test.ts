import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { loadTemplate } from '../../main/core/badges/templates';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createCupsDriver, parseLpstatJobs } from '../../main/core/printing/cups';
import type { PrinterDriver } from '../../main/core/printing/driver';
import { createServices, type Services } from '../../main/core/services';
import { tempDir } from '../helpers/temp';
import { createTestQueue, cups, expectPageSize, jobAttributes, pdfInfo, printedFile } from './print-helpers';

/**
 * The print desk on the real core: real SQLite, real Chromium, real CUPS (the shared cups-pdf
 * queue `PDF` for what prints, a queue of this file's own for stopped and refusing printers).
 */

const SLOW = 300_000; // a generous ceiling for a busy machine, not a performance limit

let driver: PrinterDriver;
let queue: ReturnType<typeof createTestQueue>;

beforeAll(() => {
  driver = createCupsDriver();
  queue = createTestQueue();
});

afterAll(async () => {
  await driver.close?.();
  queue.remove();
});

interface Desk {
  db: Database;
  services: Services;
  ids: Record<string, string>;
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  fail<K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue>;
  rows(sql: string, ...params: unknown[]): Record<string, unknown>[];
}

async function desk(people: Record<string, { firstName: string; lastName: string; organisation?: string; honorific?: string }> = {}): Promise<Desk> {
  const db = openDataFolder(tempDir());
  const services = createServices({ db, printer: driver });
  const call: Desk['call'] = async (op, input) => {
    const result = await dispatch(services.handlers, op, input);
    if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
    return result.value;
  };
  const fail: Desk['fail'] = async (op, input) => {
    const result = await dispatch(services.handlers, op, input);
    if (result.ok) throw new Error(`${op} succeeded`);
    return result;
  };
  const event = await call('events:create', { name: 'Rencontres', days: [{ date: '2026-11-28' }], select: true });
  const attendees = new Attendees(db);
  const ids: Record<string, string> = {};
  const all = { rebsamen: { firstName: 'François', lastName: 'Rebsamen', organisation: 'Dijon Métropole', honorific: 'M.' }, ...people };
  for (const [key, p] of Object.entries(all)) ids[key] = attendees.insert({ eventId: event.id, ...p });
  return { db, services, ids, call, fail, rows: (sql, ...params) => db.prepare(sql).all(...params) as Record<string, unknown>[] };
}

describe('print:badges through CUPS', () => {
  it(
    'prints one A6 badge: the job is accepted, cups-pdf writes it at 105×148 mm, the ledger says sent with the job id',
    async () => {
      const d = await desk();
      const outcome = await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      expect(outcome).toMatchObject({ printer: 'PDF', template: 'a6' });
      expect(outcome.jobId).toMatch(/^PDF-\d+$/);
      expect(outcome.records).toHaveLength(1);
      expect(outcome.records[0]).toMatchObject({
        attendeeId: d.ids.rebsamen,
        attendeeName: 'François Rebsamen',
        status: 'sent',
        jobId: outcome.jobId,
        reason: '',
        copies: 1,
        printer: 'PDF',
        template: 'a6',
        error: '',
        errorCode: '',
      });
      expect(d.rows('SELECT status, job_id FROM print_log')).toEqual([{ status: 'sent', job_id: outcome.jobId }]);
      const outbox = d.rows("SELECT payload FROM outbox WHERE kind = 'print'");
      expect(outbox).toHaveLength(1);
      expect(JSON.parse(outbox[0]!.payload as string)).toMatchObject({ id: outcome.records[0]!.id, status: 'sent', jobId: outcome.jobId });
      expect(await d.call('print:status', { attendeeId: d.ids.rebsamen! })).toMatchObject({ printed: true, needsReprint: false, printing: null });

      const file = await printedFile(outcome.jobId);
      expectPageSize(file, loadTemplate('a6').page);
      expect(pdfInfo(file).pages).toBe(1);
    },
    SLOW,
  );

  it(
    'prints a Brother QL 62×100 mm label at its exact size, with the template and printer from the kiosk settings',
    async () => {
      const d = await desk();
      await d.call('kiosk:configure', { printer: 'PDF', template: 'ql-62x100' });
      const outcome = await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!] });
      expect(outcome).toMatchObject({ printer: 'PDF', template: 'ql-62x100' });
      expectPageSize(await printedFile(outcome.jobId), loadTemplate('ql-62x100').page);
    },
    SLOW,
  );

  it(
    'refuses a second print without a reason (nothing logged), prints a reprint with its reason and audits it',
    async () => {
      const d = await desk();
      await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      const before = d.rows('SELECT * FROM print_log');
      const refused = await d.fail('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      expect(refused.code).toBe('print.already_printed');
      expect(refused.params).toMatchObject({ name: 'M. François Rebsamen' });
      expect(String(refused.params?.at)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(d.rows('SELECT * FROM print_log')).toEqual(before);

      const reprint = await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF', reprintReason: 'lost' });
      expect(reprint.records[0]).toMatchObject({ status: 'sent', reason: 'lost' });
      expect(d.rows("SELECT target, details FROM audit_log WHERE action = 'badge.reprint'")).toHaveLength(1);
      const recent = await d.call('print:recent', { attendeeId: d.ids.rebsamen! });
      expect(recent.map((r) => r.reason)).toEqual(['lost', '']);
    },
    SLOW,
  );

  it(
    'after an edit of a printed field the badge prints again without a reason, recorded as "edited", and the flag is cleared',
    async () => {
      const d = await desk();
      await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      const edit = await d.call('attendees:update', { id: d.ids.rebsamen!, fields: { organisation: 'Ville de Dijon' } });
      expect(edit.badgeNeedsReprint).toBe(true);
      expect(await d.call('print:status', { attendeeId: d.ids.rebsamen! })).toMatchObject({ printed: true, needsReprint: true });
      const again = await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      expect(again.records[0]).toMatchObject({ status: 'sent', reason: 'edited' });
      expect(await d.call('print:status', { attendeeId: d.ids.rebsamen! })).toMatchObject({ printed: true, needsReprint: false });
      expect((await d.fail('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' })).code).toBe('print.already_printed');
    },
    SLOW,
  );

  it(
    'a print in progress counts as printed: a double click gives one badge',
    async () => {
      const d = await desk();
      const first = d.services.printDesk.start({ attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      expect(first.records[0]).toMatchObject({ status: 'pending' });
      expect(() => d.services.printDesk.start({ attendeeIds: [d.ids.rebsamen!], printer: 'PDF' })).toThrow(
        expect.objectContaining({ code: 'print.already_printed' }) as Error,
      );
      await first.done;
      expect(d.rows('SELECT status FROM print_log')).toEqual([{ status: 'sent' }]);
    },
    SLOW,
  );

  it(
    'an edit made while the badge is on its way keeps the badge marked for reprint',
    async () => {
      const d = await desk();
      const started = d.services.printDesk.start({ attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      await new Promise((r) => setTimeout(r, 5));
      await d.call('attendees:update', { id: d.ids.rebsamen!, fields: { organisation: 'Ville de Dijon' } });
      await started.done;
      expect(await d.call('print:status', { attendeeId: d.ids.rebsamen! })).toMatchObject({ printed: true, needsReprint: true });
    },
    SLOW,
  );

  it(
    'a pending row left by a crash long ago does not count as printed',
    async () => {
      const d = await desk();
      const event = d.rows('SELECT id FROM events')[0]!.id as string;
      d.db
        .prepare("INSERT INTO print_log (id, event_id, attendee_id, template, kiosk_id, printer, status, at) VALUES ('old', ?, ?, 'a6', 'k', 'PDF', 'pending', ?)")
        .run(event, d.ids.rebsamen, new Date(Date.now() - 3_600_000).toISOString());
      expect(await d.call('print:status', { attendeeId: d.ids.rebsamen! })).toMatchObject({ printed: false });
      const outcome = await d.call('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF' });
      expect(outcome.records[0]).toMatchObject({ status: 'sent', reason: '' });
    },
    SLOW,
  );

  it(
    'an unknown printer, a stopped one and one refusing jobs: a clear error, a failed row, nothing printed; then a print works',
    async () => {
      const d = await desk();
      const id = d.ids.rebsamen!;
      const unknown = await d.fail('print:badges', { attendeeIds: [id], printer: 'NO_SUCH_QUEUE' });
      expect(unknown).toMatchObject({ code: 'print.printer_unknown', params: { printer: 'NO_SUCH_QUEUE' } });

      try {
        cups('cupsdisable', queue.name, 'Out of paper');
        const stopped = await d.fail('print:badges', { attendeeIds: [id], printer: queue.name });
        expect(stopped).toMatchObject({ code: 'print.printer_stopped', params: { printer: queue.name, reason: 'Out of paper' } });
        cups('cupsenable', queue.name);
        cups('cupsreject', queue.name, 'Closed for maintenance');
        const rejecting = await d.fail('print:badges', { attendeeIds: [id], printer: queue.name });
        expect(rejecting).toMatchObject({ code: 'print.printer_rejecting', params: { printer: queue.name, reason: 'Closed for maintenance' } });
      } finally {
        cups('cupsenable', queue.name);
        cups('cupsaccept', queue.name);
      }

      const failed = await d.call('print:recent', {});
      expect(failed.map((r) => [r.status, r.errorCode])).toEqual([
        ['failed', 'print.printer_rejecting'],
        ['failed', 'print.printer_stopped'],
        ['failed', 'print.printer_unknown'],
      ]);
      expect(failed[0]!.error).toContain('Closed for maintenance');
      expect(failed[0]!.errorParams).toMatchObject({ reason: 'Closed for maintenance' });
      expect(await d.call('print:status', { attendeeId: id })).toMatchObject({ printed: false });
      expect(d.rows("SELECT * FROM outbox WHERE kind = 'print'")).toHaveLength(0);

      const printed = await d.call('print:badges', { attendeeIds: [id], printer: queue.name });
      expect(printed.records[0]).toMatchObject({ status: 'sent', reason: '' });
      expect(printed.jobId.startsWith(`${queue.name}-`)).toBe(true);
    },
    SLOW,
  );

  it(
    'a 120-character name and an empty first name print; two copies; one job for several attendees',
    async () => {
      const long = 'Maximiliana-Esperanza de la Santísima Trinidad Fernández-Villaverde y Ortiz de Zárate Montenegro Alcántara-Sol';
      const d = await desk({
        long: { firstName: long.padEnd(120, 'x').slice(0, 120), lastName: 'Ortiz' },
        nofirst: { firstName: '', lastName: 'Nguyễn' },
      });
      const outcome = await d.call('print:badges', { attendeeIds: [d.ids.long!, d.ids.nofirst!], printer: 'PDF', copies: 2 });
      expect(outcome.records.map((r) => [r.status, r.copies])).toEqual([
        ['sent', 2],
        ['sent', 2],
      ]);
      const file = await printedFile(outcome.jobId);
      expectPageSize(file, loadTemplate('a6').page);
      // Two badges in one job; CUPS holds the copies (cups-pdf writes one file whatever the count).
      expect(pdfInfo(file).pages).toBe(2);
      expect(jobAttributes(outcome.jobId)).toMatchObject({ copies: '2', media: 'Custom.105x148mm', 'print-scaling': 'none' });
    },
    SLOW,
  );

  it(
    'refuses what cannot print, before anything is logged',
    async () => {
      const d = await desk({ emoji: { firstName: 'Zoé 🎉', lastName: 'Martin' } });
      const emoji = await d.fail('print:badges', { attendeeIds: [d.ids.emoji!], printer: 'PDF' });
      expect(emoji).toMatchObject({ code: 'badge.uncovered_characters', params: { name: 'Zoé 🎉 Martin', characters: '🎉' } });
      expect(await d.fail('print:badges', { attendeeIds: ['nobody'], printer: 'PDF' })).toMatchObject({ code: 'attendee.not_found' });
      expect(await d.fail('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF', template: 'nope' })).toMatchObject({
        code: 'badge.unknown_template',
      });
      expect(await d.fail('print:badges', { attendeeIds: [d.ids.rebsamen!] })).toMatchObject({ code: 'print.no_printer' });
      expect(await d.fail('kiosk:configure', { template: 'nope' })).toMatchObject({ code: 'badge.unknown_template' });
      // An organisers' template stored with a field that does not exist (written by an older or
      // foreign version): refused with the field's name, nothing printed.
      const definition = { ...loadTemplate('a6'), name: 'mine', fields: ['firstName', 'shoeSize'] };
      d.db
        .prepare("INSERT INTO badge_templates (name, base, definition, created_at, updated_at) VALUES ('mine', 'a6', ?, '', '')")
        .run(JSON.stringify(definition));
      const bad = await d.fail('print:badges', { attendeeIds: [d.ids.rebsamen!], printer: 'PDF', template: 'mine' });
      expect(bad.code).toBe('badge.unknown_field');
      expect(JSON.stringify(bad.params)).toContain('shoeSize');
      expect(d.rows('SELECT * FROM print_log')).toEqual([]);
    },
    SLOW,
  );
});

describe('jobs CUPS accepted and has not printed (a network printer switched off)', () => {
  const lpEnv = { ...process.env, LANG: 'C' };
  interface Offline {
    db: Database;
    services: Services;
    /** Two attendees to print. */
    ids: string[];
    queue: string;
  }

  /**
   * A core whose driver waits `jobTimeoutMs` for a printing job, and a queue of the test's own
   * pointing at a closed port (CUPS keeps its jobs, retrying); all removed after `body`.
   */
  async function onOfflinePrinter(jobTimeoutMs: number, body: (offline: Offline) => Promise<void>): Promise<void> {
    const queue = createTestQueue('socket://127.0.0.1:9');
    const patient = createCupsDriver({ jobTimeoutMs });
    const db = openDataFolder(tempDir());
    const services = createServices({ db, printer: patient });
    try {
      const event = services.handlers['events:create']({ name: 'Rencontres', days: [{ date: '2026-11-28', label: 'Jour 1' }], select: true }) as { id: string };
      const attendees = new Attendees(db);
      const ids = ['Awa', 'Kwame'].map((firstName) => attendees.insert({ eventId: event.id, firstName, lastName: 'Test' }));
      await body({ db, services, ids, queue: queue.name });
    } finally {
      await services.shutdown(0);
      db.close();
      await patient.close?.();
      queue.remove();
    }
  }

  const settled = (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    return () => done;
  };

  it(
    'the job is cancelled after the wait, the row failed with the printer\'s message, the badge not printed; a second print works elsewhere',
    () =>
      // A short wait for the test; the kiosk waits 60 s.
      onOfflinePrinter(3000, async ({ db, services, ids: [id], queue }) => {
        const started = services.printDesk.start({ attendeeIds: [id!], printer: queue });
        const jobId = await started.accepted;
        expect(services.printDesk.records([started.records[0]!.id])[0]!.status).toBe('pending');
        const error = await started.done.then(
          () => null,
          (thrown: unknown) => thrown as { code: string; params: Record<string, unknown> },
        );
        expect(error).toMatchObject({ code: 'print.job_stuck', params: { printer: queue, seconds: 3 } });
        const [row] = services.printDesk.records([started.records[0]!.id]);
        expect(row).toMatchObject({ status: 'failed', errorCode: 'print.job_stuck' });
        expect(services.printDesk.status(id!).printed).toBe(false);
        expect(db.prepare("SELECT count(*) FROM outbox WHERE kind = 'print'").pluck().get()).toBe(0);
        // Cancelled in CUPS: it will not come out when the printer is back, beside the reprint.
        // (Its state reasons pass through processing-to-stop-point while the backend is stopped.)
        const history = () => execFileSync('lpstat', ['-W', 'completed', '-l', '-o', queue], { env: lpEnv }).toString();
        await expect.poll(() => parseLpstatJobs(history()).get(jobId)?.alerts, { timeout: 30_000 }).toContain('job-canceled-by-user');

        const again = await services.printDesk.print({ attendeeIds: [id!], printer: 'PDF' });
        expect(again.records[0]).toMatchObject({ status: 'sent' });
      }),
    SLOW,
  );

  it(
    'a job waiting behind another is not "stuck": its wait starts once it is the one printing',
    () =>
      onOfflinePrinter(2000, async ({ services, ids: [id], queue }) => {
        // Someone else's job holds the printer (it cannot reach it either).
        const ahead = /request id is (\S+)/.exec(execFileSync('lp', ['-d', queue, '/etc/hostname'], { env: lpEnv }).toString())![1]!;
        const started = services.printDesk.start({ attendeeIds: [id!], printer: queue });
        await started.accepted;
        const isDone = settled(started.done);
        // Twice its timeout queued behind: still waiting, not cancelled.
        await new Promise((resolve) => setTimeout(resolve, 4500));
        expect(isDone()).toBe(false);
        expect(services.printDesk.records([started.records[0]!.id])[0]!.status).toBe('pending');
        // The job ahead goes; ours prints (to a printer that is off) and times out then.
        execFileSync('cancel', [ahead], { env: lpEnv });
        await expect(started.done).rejects.toMatchObject({ code: 'print.job_stuck' });
      }),
    SLOW,
  );

  it(
    'quitting while CUPS still holds an accepted job records it as sent (it comes out after the app is gone), never as not printed',
    () =>
      onOfflinePrinter(60_000, async ({ db, services, ids: [, id], queue }) => {
        const started = services.printDesk.start({ attendeeIds: [id!], printer: queue });
        const jobId = await started.accepted;
        expect(await services.printDesk.settle(300)).toBe(false);
        expect(services.printDesk.records([started.records[0]!.id])[0]).toMatchObject({ status: 'sent', jobId });
        expect(db.prepare("SELECT count(*) FROM outbox WHERE kind = 'print'").pluck().get()).toBe(1);
        // Whatever the job does next, the row stays as recorded.
        execFileSync('cancel', [jobId], { env: lpEnv });
        await started.done.catch(() => undefined);
        expect(services.printDesk.records([started.records[0]!.id])[0]!.status).toBe('sent');
      }),
    SLOW,
  );
});

describe('print desk helpers', () => {
  it('checks only the printed fields for characters no font draws', async () => {
    const { uncoveredBadgeCharacters } = await import('../../main/core/badges/badge-html');
    const a6 = loadTemplate('a6');
    const person = { honorific: '', firstName: 'Zoé', lastName: 'Martin', function: '', organisation: 'Café 🎉', country: 'France', category: '' };
    expect(a6.fields).toContain('organisation');
    expect(uncoveredBadgeCharacters(a6, person)).toEqual(['🎉']);
    expect(uncoveredBadgeCharacters({ fields: ['firstName', 'lastName'] }, person)).toEqual([]);
    expect(uncoveredBadgeCharacters({ fields: ['firstName'] }, { ...person, honorific: '🎉', firstName: 'Ana 🎉' })).toEqual(['🎉']);
    expect(uncoveredBadgeCharacters(a6, { ...person, organisation: '', firstName: 'Nguyễn Thị Minh Khai', lastName: 'حنان 李 Ζωή Жанна' })).toEqual([]);
  });

  it('shows the last print in the event time zone', async () => {
    const { localDateTime } = await import('../../main/core/printing/print-desk');
    expect(localDateTime('2026-11-28T08:14:00.000Z', 'Europe/Paris')).toBe('2026-11-28 09:14');
    expect(localDateTime('2026-07-01T23:30:00.000Z', 'Europe/Paris')).toBe('2026-07-02 01:30');
    expect(localDateTime('2026-11-28T08:14:00.000Z', 'Not/AZone')).toBe('2026-11-28 08:14');
  });
});

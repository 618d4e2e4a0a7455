/**
 * Auto-print on check-in through the real CUPS driver to a cups-pdf queue of this test's own:
 * the scan answers at once with the badge's status and the started print's ledger id; the job
 * finishes in the background; nothing stops a check-in from being accepted.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createCupsDriver } from '../../main/core/printing/cups';
import type { PrinterDriver } from '../../main/core/printing/driver';
import { createServices } from '../../main/core/services';
import type { PrintRecord } from '../../main/core/types';
import { tempDir } from '../helpers/temp';

const SLOW = 180_000; // a shared 2-core machine: CUPS and Chromium take what they take
const queue = `ACCUEIL_TEST_auto_${randomBytes(4).toString('hex')}`;
let driver: PrinterDriver;

beforeAll(() => {
  execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
  driver = createCupsDriver();
});

afterAll(async () => {
  await driver?.close?.();
  try {
    execFileSync('lpadmin', ['-x', queue]);
  } catch {
    // already gone
  }
});

beforeEach(() => {
  execFileSync('cupsenable', [queue]);
  execFileSync('cupsaccept', [queue]);
});

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/** The demo event (today and tomorrow) on a clock the test moves, this kiosk printing to the test queue. */
async function desk(options: { autoPrint?: boolean; printer?: string | null } = {}) {
  const clock = { now: new Date() };
  const db = openDataFolder(tempDir());
  opened.push(db);
  const services = createServices({ db, now: () => clock.now, printer: driver });
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
  await call('demo:load', {});
  await call('kiosk:configure', { printer: options.printer === undefined ? queue : options.printer, autoPrint: options.autoPrint ?? true, template: 'a6' });
  const ids = db.prepare("SELECT id FROM attendees WHERE status = 'valid' AND category = 'Presse' ORDER BY last_name").pluck().all() as string[];
  const scan = (id: string) => call('checkin:scan', { code: id, method: 'search' });
  /** Follows the ledger line like the screen does (print:recent) until the printer answered. */
  const settled = async (printId: string): Promise<PrintRecord> => {
    for (;;) {
      const record = (await call('print:recent', { limit: 50 })).find((r) => r.id === printId);
      if (record && record.status !== 'pending') return record;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const ledger = (attendeeId?: string) =>
    (attendeeId
      ? db.prepare('SELECT status FROM print_log WHERE attendee_id = ? ORDER BY rowid').pluck().all(attendeeId)
      : db.prepare('SELECT status FROM print_log ORDER BY rowid').pluck().all()) as string[];
  return { db, clock, services, call, fail, ids, scan, settled, ledger };
}

const nextDay = (d: Date) => new Date(d.getTime() + 24 * 3600 * 1000);

describe('auto-print on check-in', () => {
  it(
    'an accepted scan answers with the started print; the ledger ends sent and the PDF is printed; no second print on re-entry or the next day',
    async () => {
      const d = await desk();
      const id = d.ids[0]!;
      const outcome = await d.scan(id);
      expect(outcome.result).toBe('accepted');
      expect(outcome.badge).toMatchObject({ attendeeId: id, printed: false, printing: expect.any(String) });
      // Returned before the printer answered: the line is still pending.
      expect(d.ledger(id)).toEqual(['pending']);

      const record = await d.settled(outcome.badge!.printing!);
      expect(record).toMatchObject({ status: 'sent', attendeeId: id, printer: queue, template: 'a6', reason: '', batchId: null });
      const job = /(\d+)$/.exec(record.jobId)![1];
      for (;;) {
        if (fs.readdirSync('/root/PDF').some((f) => f.endsWith(`job_${job}.pdf`))) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await d.call('print:status', { attendeeId: id })).toMatchObject({ printed: true, needsReprint: false, printing: null });

      // A second scan the same day is refused (already in): no badge, no print.
      const again = await d.scan(id);
      expect(again.result).not.toBe('accepted');
      expect(again.badge).toBeNull();
      // The next day: accepted, the badge shows as printed, nothing printed again.
      d.clock.now = nextDay(d.clock.now);
      const tomorrow = await d.scan(id);
      expect(tomorrow.result).toBe('accepted');
      expect(tomorrow.badge).toMatchObject({ printed: true, lastPrintedAt: record.at, printing: null });
      expect(d.ledger(id)).toEqual(['sent']);
    },
    SLOW,
  );

  it(
    'a badge edited since it was printed is printed again on the next arrival (reason "edited")',
    async () => {
      const d = await desk();
      const id = d.ids[1]!;
      const first = await d.scan(id);
      await d.settled(first.badge!.printing!);
      await d.call('attendees:update', { id, fields: { organisation: 'Radio Nouvelle' } });
      d.clock.now = nextDay(d.clock.now);
      const tomorrow = await d.scan(id);
      expect(tomorrow.badge).toMatchObject({ printed: true, needsReprint: true, printing: expect.any(String) });
      expect(await d.settled(tomorrow.badge!.printing!)).toMatchObject({ status: 'sent', reason: 'edited' });
      expect(await d.call('print:status', { attendeeId: id })).toMatchObject({ needsReprint: false });
    },
    SLOW,
  );

  it('a refused scan prints nothing and carries no badge', async () => {
    const d = await desk();
    const unknown = await d.call('checkin:scan', { code: 'NOT-A-TICKET', method: 'wedge' });
    expect(unknown.result).not.toBe('accepted');
    expect(unknown.badge).toBeNull();
    const cancelled = d.db.prepare("SELECT id FROM attendees WHERE status = 'cancelled' LIMIT 1").pluck().get() as string | undefined;
    if (cancelled) {
      const refused = await d.scan(cancelled);
      expect(refused.result).not.toBe('accepted');
      expect(refused.badge).toBeNull();
    }
    expect(d.ledger()).toEqual([]);
  });

  it('with auto-print off, or no printer chosen, an arrival shows the badge as not printed and prints nothing', async () => {
    const off = await desk({ autoPrint: false });
    const outcome = await off.scan(off.ids[0]!);
    expect(outcome.result).toBe('accepted');
    expect(outcome.badge).toEqual({ attendeeId: off.ids[0], printed: false, lastPrintedAt: null, needsReprint: false, printing: null });
    expect(off.ledger()).toEqual([]);

    const noPrinter = await desk({ printer: null });
    const second = await noPrinter.scan(noPrinter.ids[0]!);
    expect(second.result).toBe('accepted');
    expect(second.badge).toMatchObject({ printed: false, printing: null });
    expect(noPrinter.ledger()).toEqual([]);
  });

  it(
    'a stopped printer: the check-in is accepted and recorded, the ledger holds the failure in plain words',
    async () => {
      const d = await desk();
      execFileSync('cupsdisable', [queue]);
      const id = d.ids[2]!;
      const outcome = await d.scan(id);
      expect(outcome.result).toBe('accepted');
      expect(d.db.prepare("SELECT count(*) FROM checkins WHERE attendee_id = ? AND result = 'accepted'").pluck().get(id)).toBe(1);
      const record = await d.settled(outcome.badge!.printing!);
      expect(record).toMatchObject({ status: 'failed', errorCode: 'print.printer_stopped' });
      expect(record.error).toContain(queue);
      expect(await d.call('print:status', { attendeeId: id })).toMatchObject({ printed: false, printing: null });
      // Once the printer is back, staff print it by hand (no reprint reason: it never printed).
      execFileSync('cupsenable', [queue]);
      const printed = await d.call('print:badges', { attendeeIds: [id] });
      expect(printed.records[0]).toMatchObject({ status: 'sent', reason: '' });
    },
    SLOW,
  );

  it('a badge the fonts cannot draw is not auto-printed, and the check-in stands', async () => {
    const d = await desk();
    const eventId = (await d.call('app:info', {})).event!.id;
    const id = new Attendees(d.db).insert({ eventId, firstName: 'Ada 😀', lastName: 'ሰላም' });
    const outcome = await d.scan(id);
    expect(outcome.result).toBe('accepted');
    expect(outcome.badge).toMatchObject({ attendeeId: id, printed: false, printing: null });
    expect(d.ledger()).toEqual([]);
  });

  it('a check-in from the command line (method cli) shows the badge but does not auto-print: that process ends at once', async () => {
    const d = await desk();
    const outcome = await d.call('checkin:scan', { code: d.ids[3]!, method: 'cli' });
    expect(outcome.result).toBe('accepted');
    expect(outcome.badge).toMatchObject({ printed: false, printing: null });
    expect(d.ledger()).toEqual([]);
  });

  it('a walk-in is checked in without auto-print: the walk-in screen prints it itself', async () => {
    const d = await desk();
    const walkin = await d.call('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: true, confirmNotDuplicate: true });
    expect(walkin.checkin?.result).toBe('accepted');
    expect(d.ledger()).toEqual([]);
  });
});

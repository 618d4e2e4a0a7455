/**
 * Printing through CUPS on the demo database (a cups-pdf queue, `PDF` unless given):
 * - auto-print: SCANS check-ins of different attendees with auto-print on, each timed from the
 *   `checkin:scan` call to its answer (what the volunteer waits for) and to the job accepted by
 *   CUPS (the started print's `done`), the driver's Chromium already warm;
 * - a batch of ~100 badges (the 103 elected officials) on A6 (one job per badge) and on a4-8up
 *   (one job per sheet of 8), start to 'done', in badges per second.
 *
 *   npm run bench:print [-- QUEUE [SCANS]]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDataFolder } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { Input, Operation, Output } from '../../main/core/contract';
import { createCupsDriver } from '../../main/core/printing/cups';
import type { PrintOutcome } from '../../main/core/types';
import { createServices } from '../../main/core/services';
import { queueIdle } from './cups-queue';
import { machine, percentile, report, type Figure } from './stats';

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function benchPrint(queue = 'PDF', scans = 30): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-print-'));
  const db = openDataFolder(dir);
  const driver = createCupsDriver();
  const services = createServices({ db, printer: driver });
  const call = async <K extends Operation>(op: K, input: Input<K>): Promise<Output<K>> => {
    const result = await dispatch(services.handlers, op, input);
    if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
    return result.value;
  };
  // Instrumentation only: keeps the `done` of the print auto-print starts, which the scan's
  // answer (rightly) does not wait for.
  const desk = services.printDesk;
  const start = desk.start.bind(desk);
  let lastDone: Promise<PrintOutcome> | null = null;
  let lastAccepted: Promise<string> | null = null;
  desk.start = (request) => {
    const started = start(request);
    lastDone = started.done;
    lastAccepted = started.accepted;
    return started;
  };

  const figures: Figure[] = [];
  try {
    await call('demo:load', {});
    await call('kiosk:configure', { printer: queue, template: 'a6', autoPrint: true });
    const people = db.prepare("SELECT id FROM attendees WHERE status = 'valid' AND category = 'Participant·e' ORDER BY last_name").pluck().all() as string[];

    // The same scans without printing: what auto-print adds to the answer.
    await call('kiosk:configure', { autoPrint: false });
    const plain: number[] = [];
    for (const id of people.slice(scans + 1, 2 * scans + 1)) {
      const t0 = process.hrtime.bigint();
      await call('checkin:scan', { code: id, method: 'search' });
      plain.push(since(t0));
    }
    figures.push({ name: `scan answer with auto-print off (median of ${scans})`, value: percentile(plain, 50), unit: 'ms' });
    figures.push({ name: 'scan answer with auto-print off (p95)', value: percentile(plain, 95), unit: 'ms' });
    await call('kiosk:configure', { autoPrint: true });

    // Warm-up: Chromium starts and renders once (a kiosk prints all day with it running).
    const warm = await call('checkin:scan', { code: people[0]!, method: 'search' });
    if (!warm.badge?.printing || !lastDone) throw new Error('auto-print did not start: is the queue there?');
    await lastDone;

    const answer: number[] = [];
    const accepted: number[] = [];
    for (const id of people.slice(1, scans + 1)) {
      lastDone = null;
      lastAccepted = null;
      await queueIdle(queue);
      const t0 = process.hrtime.bigint();
      const outcome = await call('checkin:scan', { code: id, method: 'search' });
      answer.push(since(t0));
      if (outcome.result !== 'accepted' || !outcome.badge?.printing || !lastDone || !lastAccepted) throw new Error(`scan ${id}: ${outcome.result}, no print started`);
      await lastAccepted;
      accepted.push(since(t0));
      // The ledger says 'sent' once CUPS has finished the job: the next scan starts after that.
      await lastDone;
    }
    figures.push({ name: `scan answer with auto-print on (median of ${scans})`, value: percentile(answer, 50), unit: 'ms' });
    figures.push({ name: 'scan answer with auto-print on (p95)', value: percentile(answer, 95), unit: 'ms' });
    figures.push({ name: `scan to print job accepted by CUPS (median of ${scans})`, value: percentile(accepted, 50), unit: 'ms', target: '< 1 s' });
    figures.push({ name: 'scan to print job accepted by CUPS (p95)', value: percentile(accepted, 95), unit: 'ms', target: '< 1 s' });
    figures.push({ name: 'scan to print job accepted by CUPS (max)', value: Math.max(...accepted), unit: 'ms' });

    await call('kiosk:configure', { autoPrint: false });
    for (const [template, reprintReason] of [['a6', undefined], ['a4-8up', 'benchmark: second run']] as const) {
      const t0 = process.hrtime.bigint();
      const batch = await call('print:batch:start', { filter: { category: 'Élu·e', onlyUnprinted: !reprintReason }, template, reprintReason });
      let status = batch.status;
      let printed = 0;
      while (status === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        const now = (await call('print:batch:get', { batchId: batch.id }))!;
        status = now.status;
        printed = now.printed;
      }
      const seconds = since(t0) / 1000;
      if (status !== 'done') throw new Error(`batch ${template} ended ${status}`);
      const jobs = db.prepare("SELECT count(DISTINCT job_id) FROM print_log WHERE batch_id = ? AND status = 'sent'").pluck().get(batch.id) as number;
      figures.push({ name: `batch of ${printed} badges, ${template}, ${jobs} CUPS jobs: start to done`, value: seconds, unit: 's' });
      figures.push({ name: `batch of ${printed} badges, ${template}: throughput`, value: printed / seconds, unit: 'badges/s' });
    }
  } finally {
    await driver.close?.();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const queue = process.argv[2] ?? 'PDF';
  const scans = Number(process.argv[3] ?? 30);
  console.log(machine());
  report(`Printing through CUPS (queue ${queue})`, await benchPrint(queue, scans));
}

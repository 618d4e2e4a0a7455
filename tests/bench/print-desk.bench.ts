/**
 * One badge through `print:badges` with the CUPS driver's Chromium already warm: from the call
 * to the job accepted by CUPS (what a volunteer's "Print" costs), over RUNS different demo
 * attendees on a cups-pdf queue (`PDF` unless given). Also the PDF rendering alone (driver.pdf),
 * to show what lp and the ledger add.
 *
 *   npx tsx tests/bench/print-desk.bench.ts [QUEUE [RUNS]]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { createCupsDriver } from '../../main/core/printing/cups';
import { createServices } from '../../main/core/services';
import { machine, percentile, report, type Figure } from './stats';

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function benchPrintDesk(queue = 'PDF', runs = 30): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-print-desk-'));
  const db = openDataFolder(dir);
  const driver = createCupsDriver();
  const services = createServices({ db, printer: driver });
  const call = async <K extends Operation>(op: K, input: Input<K>): Promise<Output<K>> => {
    const result = await dispatch(services.handlers, op, input);
    if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
    return result.value;
  };
  try {
    await call('demo:load', {});
    const ids = (db.prepare("SELECT id FROM attendees WHERE status = 'valid' ORDER BY seq LIMIT ?").all(runs + 1) as { id: string }[]).map((r) => r.id);
    await call('kiosk:configure', { printer: queue, template: 'a6' });
    const first = process.hrtime.bigint();
    await call('print:badges', { attendeeIds: [ids[0]!] }); // launches Chromium
    const cold = since(first);
    const samples: number[] = [];
    for (const id of ids.slice(1, runs + 1)) {
      const start = process.hrtime.bigint();
      const outcome = await call('print:badges', { attendeeIds: [id] });
      samples.push(since(start));
      if (outcome.records[0]?.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
    }
    const { template } = { template: services.templates.load('a6') };
    const html = '<!doctype html><html><body><p>x</p></body></html>';
    const pdfOnly: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = process.hrtime.bigint();
      await driver.pdf({ html, template });
      pdfOnly.push(since(start));
    }
    return [
      { name: 'first print:badges (Chromium launch included)', value: cold, unit: 'ms' },
      { name: `print:badges, one A6 badge, warm → job accepted (median of ${samples.length})`, value: percentile(samples, 50), unit: 'ms', target: '< 1 s (scan to print job)' },
      { name: `print:badges, one A6 badge, warm → job accepted (p95 of ${samples.length})`, value: percentile(samples, 95), unit: 'ms' },
      { name: 'driver.pdf of a trivial page, warm (median of 10)', value: percentile(pdfOnly, 50), unit: 'ms' },
    ];
  } finally {
    await driver.close?.();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const queue = process.argv[2] ?? 'PDF';
  const runs = Number(process.argv[3] ?? 30);
  console.log(machine());
  report(`print:badges through CUPS (${queue}, ${runs} runs)`, await benchPrintDesk(queue, runs));
}

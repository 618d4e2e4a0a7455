/**
 * One badge through `print:badges` with the CUPS driver's Chromium already warm: from the call
 * to the job accepted by CUPS (what a volunteer's "Print" costs), over RUNS different demo
 * attendees on a cups-pdf queue (`PDF` unless given); then each stage alone (badge HTML, PDF,
 * lpstat, lp) to show where the time goes.
 *
 *   npx tsx tests/bench/print-desk.bench.ts [QUEUE [RUNS]]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { prepareBadges } from '../../main/core/badges/pdf';
import { renderBadgesHtml } from '../../main/core/badges/render';
import { createCupsDriver, customMedia } from '../../main/core/printing/cups';
import { createServices } from '../../main/core/services';
import { queueIdle } from './cups-queue';
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
      await queueIdle(queue);
      const start = process.hrtime.bigint();
      const outcome = await call('print:badges', { attendeeIds: [id] });
      samples.push(since(start));
      if (outcome.records[0]?.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
    }
    // Where the time goes: the badge document, its PDF, the queue check and lp, each alone.
    const template = services.templates.load('a6');
    const stages = { html: [] as number[], pdf: [] as number[], lpstat: [] as number[], lp: [] as number[] };
    const pdfFile = path.join(dir, 'badge.pdf');
    for (const id of ids.slice(1, 11)) {
      let start = process.hrtime.bigint();
      const { prepared, events } = prepareBadges(db, [id]);
      const html = await renderBadgesHtml({ template, event: [...events.values()][0]!, badges: prepared });
      stages.html.push(since(start));
      start = process.hrtime.bigint();
      fs.writeFileSync(pdfFile, await driver.pdf({ html, template }));
      stages.pdf.push(since(start));
      start = process.hrtime.bigint();
      execFileSync('lpstat', ['-l', '-p', queue, '-a', queue], { env: { ...process.env, LANG: 'C' } });
      stages.lpstat.push(since(start));
      start = process.hrtime.bigint();
      execFileSync('lp', ['-d', queue, '-o', `media=${customMedia(template)}`, '-o', 'print-scaling=none', '--', pdfFile], { env: { ...process.env, LANG: 'C' } });
      stages.lp.push(since(start));
    }
    return [
      { name: 'first print:badges (Chromium launch included)', value: cold, unit: 'ms' },
      { name: `print:badges, one A6 badge, warm → job accepted (median of ${samples.length})`, value: percentile(samples, 50), unit: 'ms', target: '< 1 s (scan to print job)' },
      { name: `print:badges, one A6 badge, warm → job accepted (p95 of ${samples.length})`, value: percentile(samples, 95), unit: 'ms' },
      { name: 'stage: badge HTML (data, QR, fonts), median of 10', value: percentile(stages.html, 50), unit: 'ms' },
      { name: 'stage: its PDF in the warm Chromium, median of 10', value: percentile(stages.pdf, 50), unit: 'ms' },
      { name: 'stage: lpstat queue check (runs during the PDF), median of 10', value: percentile(stages.lpstat, 50), unit: 'ms' },
      { name: 'stage: lp submit, median of 10', value: percentile(stages.lp, 50), unit: 'ms' },
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

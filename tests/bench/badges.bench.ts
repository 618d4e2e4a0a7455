/**
 * Badges to PDF in headless Chromium on the demo database: the launch, one A6 badge warm (the
 * browser already running: what a kiosk reprint costs), and a batch of COUNT badges (A6, then
 * a4-8up) in one PDF, with this process's peak memory (chunks keep it flat).
 *
 *   npm run bench:badges [-- COUNT]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../main/core/badges/chromium';
import { allAttendeeIds, renderBadgesPdf } from '../../main/core/badges/pdf';
import { openDataFolder } from '../../main/core/db/open';
import { runCli } from '../../main/cli/program';
import { machine, percentile, report, type Figure } from './stats';

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function benchBadges(count = 500): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-badges-'));
  const data = path.join(dir, 'data');
  const quiet = { stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t) };
  if ((await runCli(['--data', data, 'demo'], quiet)) !== 0) throw new Error('demo load failed');
  const db = openDataFolder(data);
  const figures: Figure[] = [];
  const launched = await timeAsync(() => launchChromium());
  const browser = launched.value;
  figures.push({ name: 'Chromium launch', value: launched.ms, unit: 'ms' });
  try {
    let ids = allAttendeeIds(db);
    while (ids.length < count) ids = [...ids, ...ids];
    ids = ids.slice(0, count);
    const out = path.join(dir, 'b.pdf');
    await renderBadgesPdf({ db, attendeeIds: [ids[0]!], out, browser }); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      samples.push((await timeAsync(() => renderBadgesPdf({ db, attendeeIds: [ids[i]!], out, browser }))).ms);
    }
    figures.push({ name: 'one A6 badge to PDF, warm (median of 10)', value: percentile(samples, 50), unit: 'ms', target: '< 300 ms' });
    figures.push({ name: 'one A6 badge to PDF, warm (max of 10)', value: Math.max(...samples), unit: 'ms' });
    for (const template of ['a6', 'a4-8up']) {
      let peak = process.memoryUsage().rss;
      figures.push({ name: `${count} badges, ${template}: Node RSS before`, value: peak / 2 ** 20, unit: 'MiB' });
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const batch = await timeAsync(() => renderBadgesPdf({ db, attendeeIds: ids, template, out, browser }));
      clearInterval(sampler);
      const size = fs.statSync(out).size;
      figures.push({ name: `${count} badges, ${template}, one PDF (${batch.value.pages} pages, ${(size / 2 ** 20).toFixed(1)} MiB)`, value: batch.ms / 1000, unit: 's', target: '< 60 s for 500' });
      figures.push({ name: `${count} badges, ${template}: per badge`, value: batch.ms / count, unit: 'ms' });
      figures.push({ name: `${count} badges, ${template}: Node peak RSS`, value: peak / 2 ** 20, unit: 'MiB' });
    }
  } finally {
    await browser.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 500);
  console.log(machine());
  report(`Badges to PDF (${count} badges)`, await benchBadges(count));
}

/**
 * The dashboard at 100,000 attendees and 200,000 check-ins (issue 6: every query under 50 ms).
 * Builds the database (dashboard-fixture.ts), then measures:
 *
 * 1. the first read, which counts everything already there into the tallies (once per
 *    database: after the migration, or a purge);
 * 2. `dashboard:get` through dispatch, as every transport calls it, with 1 new check-in and
 *    then 100 new check-ins (one sync pull's worth) before each read;
 * 3. each query of a read on its own (catch-up, and the figures' queries).
 *
 *   npm run bench:dashboard [-- ATTENDEES CHECKINS]
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DashboardTallies } from '../../main/core/dashboard/tallies';
import { DashboardFigures } from '../../main/core/dashboard/figures';
import { FleetView } from '../../main/core/dashboard/fleet';
import { openDataFolder } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { createServices } from '../../main/core/services';
import { benchDays, benchEventId, buildDashboardDatabase } from './dashboard-fixture';
import { machine, percentile, report, time, type Figure } from './stats';

const runs = 60;

function measure(name: string, fn: () => void, before: () => void = () => undefined, target = '< 50 ms'): Figure[] {
  for (let i = 0; i < 5; i++) {
    before();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    samples.push(time(fn).ms);
  }
  return [
    { name: `${name}, median`, value: percentile(samples, 50), unit: 'ms', target },
    { name: `${name}, p95`, value: percentile(samples, 95), unit: 'ms', target },
    // On a shared machine the fastest run tells the work itself from time spent waiting for a core.
    { name: `${name}, fastest`, value: Math.min(...samples), unit: 'ms' },
  ];
}

/** `before` runs outside the timing (the new check-ins written before each read). */
async function measureAsync(name: string, fn: () => Promise<void>, before: () => void = () => undefined, target = '< 50 ms'): Promise<Figure[]> {
  for (let i = 0; i < 5; i++) {
    before();
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [
    { name: `${name}, median`, value: percentile(samples, 50), unit: 'ms', target },
    { name: `${name}, p95`, value: percentile(samples, 95), unit: 'ms', target },
    // On a shared machine the fastest run tells the work itself from time spent waiting for a core.
    { name: `${name}, fastest`, value: Math.min(...samples), unit: 'ms' },
  ];
}

export async function benchDashboard(attendees = 100_000, checkins = 200_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-dashboard-'));
  try {
    const db = openDataFolder(dir);
    const build = time(() => buildDashboardDatabase(db, { attendees, checkins }));
    const figures: Figure[] = [
      { name: `build: ${attendees.toLocaleString('en')} attendees, ${build.value.checkins.toLocaleString('en')} check-ins (one transaction)`, value: build.ms, unit: 'ms' },
    ];
    const day2 = benchDays[1];
    const now = new Date(`${day2}T10:00:00.000Z`);
    const services = createServices({ db, now: () => now });

    const first = time(() => new DashboardTallies(db).refreshNow());
    figures.push({ name: 'first read: count everything into the tallies (once per database)', value: first.ms, unit: 'ms' });

    // New arrivals between reads, as the door and the sync write them.
    const people = db.prepare("SELECT id FROM attendees WHERE event_id = ? AND status = 'valid' LIMIT 20000").pluck().all(benchEventId) as string[];
    const insert = db.prepare(`
      INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at)
      VALUES (?, ?, ?, 'entrance', ?, 'bench', 'Bench', 'qr', 'accepted', ?)`);
    let next = 0;
    const arrive = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        const at = new Date(Date.parse(`${day2}T08:00:00.000Z`) + (next % 7200) * 1000).toISOString();
        insert.run(randomUUID(), benchEventId, people[next++ % people.length], day2, at);
      }
    });

    const get = async () => {
      const result = await dispatch(services.handlers, 'dashboard:get', {});
      if (!result.ok) throw new Error(result.message);
    };
    figures.push(...(await measureAsync('dashboard:get, nothing new', get)));
    figures.push(...(await measureAsync('dashboard:get after 1 new check-in', get, () => arrive(1))));
    figures.push(...(await measureAsync('dashboard:get after 100 new check-ins', get, () => arrive(100))));

    // Each query on its own.
    const tallies = new DashboardTallies(db);
    const read = new DashboardFigures(db);
    figures.push(...measure('catch-up of 1 new check-in (one transaction)', () => tallies.refreshNow(), () => arrive(1)));
    figures.push(...measure('catch-up of 100 new check-ins (one transaction)', () => tallies.refreshNow(), () => arrive(100)));
    figures.push(...measure('figures of day 2 (every figure query)', () => read.read(benchEventId, day2, now)));
    const queries: Record<string, string> = {
      'expected per group': "SELECT category, country, walkin, n FROM dashboard_expected WHERE event_id = ? AND status = 'valid' AND n <> 0",
      'arrived per group and day': `SELECT day, category, country, walkin, n FROM dashboard_present
         WHERE event_id = ? AND kind = 'entrance' AND checkpoint = '' AND status = 'valid' AND n <> 0`,
      'arrivals per 15 minutes': `SELECT slot, sum(n) AS n FROM dashboard_arrivals
         WHERE event_id = ? AND day = '${day2}' AND kind = 'entrance' AND checkpoint = '' AND status = 'valid' GROUP BY slot`,
      'rooms attended': `SELECT checkpoint, day, sum(n) AS n FROM dashboard_present
         WHERE event_id = ? AND kind = 'session' AND status = 'valid' GROUP BY checkpoint, day`,
      'rooms registered': `SELECT p.id, coalesce(r.n, 0) FROM checkpoints p LEFT JOIN dashboard_registered r ON r.checkpoint_id = p.id AND r.status = 'valid'
         WHERE p.event_id = ? AND p.kind = 'session'`,
    };
    for (const [name, sql] of Object.entries(queries)) {
      const statement = db.prepare(sql);
      figures.push(...measure(`query: ${name}`, () => statement.all(benchEventId)));
    }
    const fleet = new FleetView(db, services.settings, services.syncEngine);
    figures.push(...measure('fleet: this kiosk and the others', () => fleet.kiosks(benchEventId)));
    await services.shutdown();
    db.close();
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [attendees, checkins] = process.argv.slice(2).map(Number);
  console.log(`Machine: ${machine()} · load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  report('Dashboard at 100,000 attendees and 200,000 check-ins', await benchDashboard(attendees || undefined, checkins || undefined));
}

/**
 * The check-in transaction at 100,000 attendees: every kind of scan a door sees, through the
 * same handler the kiosk calls (identify, verify, rules, the append-only row and its outbox
 * row in one transaction, the attendee summary for the screen), on a real WAL file with
 * synchronous=FULL, then with synchronous=NORMAL to tell the transaction's
 * own cost from the disk flush (reported on its own as the floor), then also without WAL
 * auto-checkpoints in the scan path. Each pass uses fresh attendees.
 *
 *   npm run bench:checkin [-- COUNT]
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Attendees } from '../../main/core/attendees/attendees';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import { openDataFolder } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { localDay } from '../../main/core/checkin/day';
import { createServices } from '../../main/core/services';
import { machine, percentile, report, time, type Figure } from './stats';

const firstNames = ['François', 'Marie', 'Thị Lan', 'Mohamed', 'Zoë', 'Aminata', 'Jean-Pierre', 'Olena', 'Wei', 'Ana'];
const lastNames = ['Rebsamen', 'Nguyễn', 'Diallo', 'Traoré', 'Martin', 'Kowalczyk', 'Benali', 'Dubois', 'Ivanenko', 'Papadopoulos'];

type Kind = 'token, first arrival' | 'token, re-entry' | 'ticket code (wedge)' | 'session' | 'forged token' | 'garbage';

export async function benchCheckin(count = 100_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-checkin-'));
  try {
    const db = openDataFolder(dir);
    const now = new Date();
    const services = createServices({ db, now: () => now });
    const today = localDay(now, 'Europe/Paris');
    const created = await dispatch(services.handlers, 'events:create', {
      name: 'Bench',
      days: [{ date: today, label: '' }],
      checkpoints: [
        { id: 'entrance', kind: 'entrance', name: 'Entrée principale' },
        { id: 'atelier', kind: 'session', name: 'Atelier', day: today },
      ],
      select: true,
    });
    if (!created.ok) throw new Error(created.message);
    const eventId = created.value.id;

    const attendees = new Attendees(db);
    const ids: string[] = [];
    const fill = time(() =>
      db.transaction(() =>
        withBulkIndexing(db, () => {
          for (let i = 0; i < count; i++) {
            ids.push(
              attendees.insert({
                eventId,
                firstName: firstNames[i % firstNames.length]!,
                lastName: `${lastNames[(i * 7) % lastNames.length]!} ${i}`,
                organisation: 'Ville',
                ticketCodes: [`WZ-${3_600_000 + i}`],
                sessions: i % 2 === 0 ? ['atelier'] : [],
                status: i % 50 === 0 ? 'cancelled' : 'valid',
              }),
            );
          }
          // Yesterday's arrivals: a check-ins table that is not empty.
          const insert = db.prepare(
            "INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at) VALUES (?, ?, ?, 'entrance', '2000-01-01', 'k', 'Accueil 1', 'qr', 'accepted', '2000-01-01T08:00:00Z')",
          );
          for (let i = 0; i < count; i += 2) insert.run(randomUUID(), eventId, ids[i]);
        }),
      )(),
    );

    const handler = services.handlers['checkin:scan'];
    // Warm-up with scans that match nobody, so that no planned arrival is recorded twice.
    for (let i = 0; i < 200; i++) handler({ code: `warm-up ${i}`, method: 'qr' });

    /** One pass over a fresh slice of attendees: every kind of scan, interleaved as at a door. */
    const pass = async (offset: number, scans = 6000) => {
      const sample = Array.from({ length: 2000 }, (_, i) => ids[(offset + i * 7919) % count]!);
      const tokens = new Map<string, string>();
      for (const id of new Set(sample)) {
        const qr = await dispatch(services.handlers, 'qr:attendee', { id });
        if (!qr.ok) throw new Error(qr.message);
        tokens.set(id, qr.value.text);
      }
      const tokenIds = [...tokens.keys()];
      const plan: { kind: Kind; input: { code: string; method: 'qr' | 'wedge'; checkpointId?: string } }[] = [];
      for (let i = 0; i < scans; i++) {
        const slot = i % 20;
        const token = tokens.get(tokenIds[i % tokenIds.length]!)!;
        if (slot < 8) plan.push({ kind: i < tokenIds.length ? 'token, first arrival' : 'token, re-entry', input: { code: token, method: 'qr' } });
        else if (slot < 13) plan.push({ kind: 'ticket code (wedge)', input: { code: `wz-${3_600_000 + ((offset + i * 104_729) % count)}\r\n`, method: 'wedge' } });
        else if (slot < 16) plan.push({ kind: 'session', input: { code: token, method: 'qr', checkpointId: 'atelier' } });
        else if (slot < 18) plan.push({ kind: 'forged token', input: { code: `${token.slice(0, 70)}${token[70] === 'A' ? 'B' : 'A'}${token.slice(71)}`, method: 'qr' } });
        else plan.push({ kind: 'garbage', input: { code: i % 2 ? 'https://example.org/?q=' + 'x'.repeat(300) : 'BEGIN:VCARD\nFN:Awa Diop\nEND:VCARD', method: 'qr' } });
      }
      const samples: number[] = [];
      const byKind = new Map<Kind, number[]>();
      const results = new Map<string, number>();
      for (const { kind, input } of plan) {
        const { ms, value } = time(() => handler(input));
        samples.push(ms);
        let list = byKind.get(kind);
        if (!list) byKind.set(kind, (list = []));
        list.push(ms);
        const { result } = value as Awaited<ReturnType<typeof handler>>;
        results.set(result, (results.get(result) ?? 0) + 1);
      }
      const dispatched: number[] = [];
      for (let i = 0; i < 1000; i++) dispatched.push((await timeAsync(() => dispatch(services.handlers, 'checkin:scan', plan[i]!.input))).ms);
      return { samples, byKind, results, dispatched };
    };

    // The floor set by the disk: a one-row write transaction, flushed as the kiosk flushes.
    db.exec('CREATE TABLE flush_probe (x)');
    const probe = db.prepare('INSERT INTO flush_probe VALUES (1)');
    const flushFloor = () => Array.from({ length: 500 }, () => time(() => probe.run()).ms);

    // With a disk flush on every commit (synchronous=FULL), then without (NORMAL), which tells
    // the transaction's own cost from the disk's; then as the kiosk runs: NORMAL with WAL
    // checkpoints kept off the scan path (main/core/db/checkpoints.ts).
    db.pragma('synchronous = FULL');
    const full = await pass(1);
    const fullFlush = flushFloor();
    db.pragma('synchronous = NORMAL');
    const normal = await pass(33_334);
    // WAL auto-checkpoints run inside whichever commit crosses 1000 pages (a scan writes ~10):
    // the same scans with checkpoints kept off the scan path, as the kiosk's checkpoint timer does.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const idle = await pass(66_667);
    db.close();

    console.log(`\n${machine()} · load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    console.log(`results per pass: ${[...full.results].map(([result, n]) => `${result} ${n}`).join(', ')}`);
    return [
      { name: `fill ${count} attendees + ${count / 2} earlier check-ins`, value: fill.ms, unit: 'ms' },
      { name: `FULL check-in p50 (${full.samples.length} scans)`, value: percentile(full.samples, 50), unit: 'ms' },
      { name: 'FULL check-in p95', value: percentile(full.samples, 95), unit: 'ms' },
      { name: 'FULL check-in p99', value: percentile(full.samples, 99), unit: 'ms', target: '< 2 ms' },
      { name: 'FULL check-in max', value: Math.max(...full.samples), unit: 'ms' },
      ...[...full.byKind].map(([kind, ms]) => ({ name: `FULL p99 ${kind} (${ms.length})`, value: percentile(ms, 99), unit: 'ms' })),
      { name: 'FULL through dispatch (zod validation) p99', value: percentile(full.dispatched, 99), unit: 'ms' },
      { name: 'FULL one-row commit alone (disk flush floor) p50', value: percentile(fullFlush, 50), unit: 'ms' },
      { name: 'FULL one-row commit alone p99', value: percentile(fullFlush, 99), unit: 'ms' },
      { name: `NORMAL check-in p50 (${normal.samples.length} scans)`, value: percentile(normal.samples, 50), unit: 'ms' },
      { name: 'NORMAL check-in p95', value: percentile(normal.samples, 95), unit: 'ms' },
      { name: 'NORMAL check-in p99', value: percentile(normal.samples, 99), unit: 'ms', target: '< 2 ms' },
      ...[...normal.byKind].map(([kind, ms]) => ({ name: `NORMAL p99 ${kind} (${ms.length})`, value: percentile(ms, 99), unit: 'ms' })),
      { name: 'NORMAL through dispatch p99', value: percentile(normal.dispatched, 99), unit: 'ms' },
      { name: `as the kiosk runs (NORMAL, checkpoints on a timer) p50 (${idle.samples.length} scans)`, value: percentile(idle.samples, 50), unit: 'ms' },
      { name: 'as the kiosk runs p95', value: percentile(idle.samples, 95), unit: 'ms' },
      { name: 'as the kiosk runs (NORMAL, checkpoints on a timer) p99', value: percentile(idle.samples, 99), unit: 'ms', target: '< 2 ms' },
      { name: 'as the kiosk runs, through dispatch p99', value: percentile(idle.dispatched, 99), unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 100_000);
  report(`Check-in transaction at ${count.toLocaleString('en')} attendees`, await benchCheckin(count));
}

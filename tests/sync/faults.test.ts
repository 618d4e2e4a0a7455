/**
 * Faults a kiosk fleet must survive (issue 5), each against the real hub as a child process on
 * loopback, kiosks reaching it through a TCP proxy the test controls. After every fault, once
 * everyone has synced, every kiosk and the hub hold exactly the same set of check-ins: every
 * check-in a kiosk accepted, none twice (Fleet.assertConverged).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../main/core/db/open';
import { protocolHeader, protocolVersion, type Change, type PushResponse } from '../../main/core/sync/protocol';
import { startFleet, type Fleet, type FleetOptions } from '../helpers/fleet';

let fleet: Fleet | null = null;
afterEach(async () => {
  await fleet?.close();
  fleet = null;
});

async function open(options: FleetOptions): Promise<Fleet> {
  fleet = await startFleet(options);
  return fleet;
}

const minutes = 60_000;
const hours = 60 * minutes;

/** Check-ins for attendees [from, to) at kiosk k. */
async function scanRange(f: Fleet, k: number, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const outcome = await f.scan(k, i);
    expect(outcome.result, `${f.kiosks[k]!.name} scan T-${i}`).toBe('accepted');
  }
}

function hubLogCount(f: Fleet): number {
  const db = new BetterSqlite3(path.join(f.hubDir, databaseFileName), { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM hub_log WHERE kind = 'checkin'").pluck().get() as number;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
}

describe('sync faults', { timeout: 10 * 60_000 }, () => {
  it('survives the hub killed (SIGKILL) in the middle of a large push, restarted on the same data folder', async () => {
    const f = await open({ kiosks: 2, attendees: 3000 });
    await scanRange(f, 0, 0, 3000);
    await scanRange(f, 1, 0, 100);
    // Slow the wire so the push is still in flight when the hub dies.
    f.proxies[0]!.delay(5);
    const pushing = f.sync(0);
    await until(() => hubLogCount(f) > 0, 'a first batch stored at the hub');
    await f.killHub();
    const during = await pushing;
    expect(during.ok ? during.value.lastError : { code: during.code }).not.toBeNull();
    const stored = hubLogCount(f);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(3000);
    f.proxies[0]!.resume();
    await f.startHub();
    await f.converge();
    f.assertConverged();
    expect(f.hubCheckinIds()).toHaveLength(3100);
  });

  it('survives a connection cut halfway through a push response, and through a pull response', async () => {
    const f = await open({ kiosks: 2, attendees: 400 });
    await scanRange(f, 0, 0, 200);
    // The hub stores the batch but the kiosk never reads the answer: it must push again, harmlessly.
    f.proxies[0]!.cutResponse({ path: '/v1/push', fraction: 0.5 });
    await f.sync(0);
    expect(f.proxies[0]!.stats.cuts).toBe(1);
    expect(f.hubCheckinIds()).toHaveLength(200);
    await scanRange(f, 1, 200, 400);
    // Kiosk 1 pulls kiosk 0's 200 check-ins: the answer breaks halfway.
    f.proxies[1]!.cutResponse({ path: '/v1/pull', fraction: 0.5 });
    await f.sync(1);
    expect(f.proxies[1]!.stats.cuts).toBe(1);
    // And a push request that never arrives whole.
    await scanRange(f, 0, 200, 250);
    f.proxies[0]!.cutRequest({ path: '/v1/push', fraction: 0.5 });
    await f.sync(0);
    await f.converge();
    f.assertConverged();
    expect(f.hubCheckinIds()).toHaveLength(450);
  });

  it('changes nothing when the same batch arrives twice, and takes batches out of order (raw HTTP with the device token)', async () => {
    const f = await open({ kiosks: 2, attendees: 100 });
    await scanRange(f, 0, 0, 40);
    const kiosk = f.kiosks[0]!;
    const token = JSON.parse(kiosk.db.prepare("SELECT value FROM settings WHERE key = 'sync.token'").pluck().get() as string) as string;
    const rows = kiosk.db.prepare('SELECT id, kind, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY seq').all() as {
      id: string;
      kind: Change['kind'];
      payload: string;
      created_at: string;
    }[];
    expect(rows).toHaveLength(40);
    const changes: Change[] = rows.map((r) => ({ id: r.id, kind: r.kind, eventId: f.eventId, at: r.created_at, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    const push = async (batch: Change[]): Promise<PushResponse> => {
      const res = await fetch(`${f.hub.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [protocolHeader]: String(protocolVersion) },
        body: JSON.stringify({ eventId: f.eventId, changes: batch }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as PushResponse;
    };
    const first = changes.slice(0, 20);
    const second = changes.slice(20);
    expect(await push(second)).toEqual({ accepted: 20, duplicates: 0 }); // the later batch first
    expect(await push(first)).toEqual({ accepted: 20, duplicates: 0 });
    expect(await push(second)).toEqual({ accepted: 0, duplicates: 20 });
    expect(await push(first)).toEqual({ accepted: 0, duplicates: 20 });
    // Reversed inside a batch, and a batch mixing old and new.
    await scanRange(f, 0, 40, 50);
    const more = (kiosk.db.prepare('SELECT id, kind, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY seq DESC').all() as typeof rows)
      .filter((r) => !changes.some((c) => c.id === r.id))
      .map((r): Change => ({ id: r.id, kind: r.kind, eventId: f.eventId, at: r.created_at, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    expect(more).toHaveLength(10);
    expect(await push([...more, ...first.slice(0, 5)])).toEqual({ accepted: 10, duplicates: 5 });
    expect(hubLogCount(f)).toBe(50);
    // The kiosk's own push of the same changes: duplicates only, nothing new at the hub.
    await f.converge();
    f.assertConverged();
    expect(hubLogCount(f)).toBe(50);
    expect(f.hubCheckinIds()).toHaveLength(50);
  });

  it('brings in a kiosk offline for hours with 3,000 queued check-ins', async () => {
    const f = await open({ kiosks: 3, attendees: 3200 });
    f.proxies[2]!.refuse();
    f.kiosks[2]!.clockOffsetMs = 5 * hours; // it stayed on, off the network, all afternoon
    await scanRange(f, 2, 0, 3000);
    const offline = await f.sync(2);
    const status = offline.ok ? offline.value : await f.kiosks[2]!.call('sync:status', {});
    expect(status.pending).toBe(3000);
    expect(status.lastError?.code).toBe('sync.unreachable');
    // Meanwhile the others go on.
    await scanRange(f, 0, 3000, 3100);
    await scanRange(f, 1, 3100, 3200);
    await f.converge({ only: [0, 1] });
    expect(f.hubCheckinIds()).toHaveLength(200);
    expect(f.checkinIds(0)).toHaveLength(200);
    f.proxies[2]!.resume();
    await f.converge();
    f.assertConverged();
    expect(f.hubCheckinIds()).toHaveLength(3200);
  });

  it('tolerates kiosk clocks 10 minutes apart: same set of check-ins, the same double admissions, the later edit wins', async () => {
    const f = await open({ kiosks: 3, attendees: 50, clockOffsets: [0, 10 * minutes, -10 * minutes] });
    // Attendees 0–9 admitted at two kiosks while they did not talk to each other.
    await scanRange(f, 0, 0, 20);
    await scanRange(f, 1, 0, 10);
    await scanRange(f, 2, 20, 30);
    await f.converge();
    f.assertConverged();
    const views = await Promise.all(f.kiosks.map((k) => k.call('sync:conflicts', {})));
    for (const view of views) {
      expect(view.doubleAdmissions.map((d) => d.attendee.id).sort()).toEqual(views[0]!.doubleAdmissions.map((d) => d.attendee.id).sort());
      expect(view.doubleAdmissions).toHaveLength(10);
      for (const d of view.doubleAdmissions) {
        // First arrival first: the earliest time, then the id.
        const sorted = [...d.checkins].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
        expect(d.checkins).toEqual(sorted);
      }
    }
    // The kiosk running 10 minutes ahead edits, then the one 10 minutes behind (having synced) edits the same field:
    // in real time the second edit is later, and it must win everywhere despite its slow clock.
    const attendee = views[0]!.doubleAdmissions[0]!.attendee.id;
    await f.kiosks[1]!.call('attendees:update', { id: attendee, fields: { organisation: 'Avance' } });
    await f.converge();
    await f.kiosks[2]!.call('attendees:update', { id: attendee, fields: { organisation: 'Retard' } });
    await f.converge();
    for (const k of f.kiosks) expect((await k.call('attendees:get', { id: attendee })).organisation, k.name).toBe('Retard');
    const hub = new BetterSqlite3(path.join(f.hubDir, databaseFileName), { readonly: true });
    expect(hub.prepare('SELECT organisation FROM attendees WHERE id = ?').pluck().get(attendee)).toBe('Retard');
    hub.close();
  });

  it("recovers when the hub's database is restored from a backup older than some kiosks' cursors", async () => {
    const f = await open({ kiosks: 3, attendees: 300 });
    await scanRange(f, 0, 0, 50);
    await scanRange(f, 1, 50, 100);
    await f.converge();
    // The backup: the hub stopped cleanly, all its database files copied.
    await f.stopHub();
    const backup = fs.mkdtempSync(path.join(f.hubDir, 'backup-'));
    const files = fs.readdirSync(f.hubDir).filter((name) => name.startsWith(databaseFileName));
    for (const name of files) fs.copyFileSync(path.join(f.hubDir, name), path.join(backup, name));
    await f.startHub();
    // After the backup: kiosks 0 and 1 go on and sync (their cursors move past it), kiosk 2 stays behind.
    await scanRange(f, 0, 100, 150);
    await scanRange(f, 1, 150, 200);
    for (const k of [0, 1]) await f.sync(k);
    await f.sync(0);
    await scanRange(f, 2, 200, 220);
    // The restore.
    await f.stopHub();
    for (const name of fs.readdirSync(f.hubDir).filter((n) => n.startsWith(databaseFileName))) fs.rmSync(path.join(f.hubDir, name));
    for (const name of files) fs.copyFileSync(path.join(backup, name), path.join(f.hubDir, name));
    await f.startHub();
    expect(f.hubCheckinIds()).toHaveLength(100);
    await f.converge();
    f.assertConverged();
    expect(f.hubCheckinIds()).toHaveLength(220);
  });
});

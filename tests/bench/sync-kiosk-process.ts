/**
 * One kiosk of the sync fleet benchmark, as its own process: on a real fleet every kiosk is
 * its own machine, so the 20 kiosk cores must not share one event loop (tests/bench/sync.bench.ts
 * forks 20 of these). A real kiosk core on its own SQLite file, driven through the contract
 * operations as the app calls them, and told what to do over the IPC channel:
 *
 *   ← { type: 'setup', url, code, name, parentDir, tickets, total, idleWaitMs }
 *                                                          pair (first sync: the snapshot), warm
 *                                                          up (an empty sync, an apply rolled
 *                                                          back), then scan the tickets offline
 *                                                          (nothing pushed yet)
 *   → { type: 'ready', dbFile, accepted }                  the ids of the check-ins it accepted
 *   ← { type: 'go' }                                       sync until it holds `total` check-ins
 *   → { type: 'done', ... }                                times (monotonic clock, shared by the
 *                                                          processes of the machine), CPU, rounds
 *   ← { type: 'close' }                                    closes its database and exits
 *
 * Between syncs: at once after one that brought something; `idleWaitMs` after one that
 * brought nothing (the others have not pushed yet), so that 20 waiting kiosks do not spin on
 * the two cores the whole fleet shares. The app's own loop waits seconds; here the figure is
 * how fast the fleet can converge, not how often it polls.
 *
 * SYNC_BENCH_PROFILE=DIR: a CPU profile of each kiosk from 'go' to done, written to DIR.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { databaseFileName } from '../../main/core/db/open';
import { applyChanges } from '../../main/core/sync/apply';
import type { Change } from '../../main/core/sync/protocol';
import { openKiosk, type FleetKiosk } from '../helpers/fleet';

export interface SetupMessage {
  type: 'setup';
  url: string;
  code: string;
  name: string;
  /** Where its data folder goes (the benchmark removes it whole, whatever happens). */
  parentDir: string;
  tickets: string[];
  total: number;
  /** The wait after a sync that brought nothing. */
  idleWaitMs: number;
}
export interface ReadyMessage {
  type: 'ready';
  dbFile: string;
  accepted: string[];
}
export interface DoneMessage {
  type: 'done';
  /** process.hrtime.bigint() as text: when 'go' arrived, when the first sync ended (its push done), when it held everything. */
  goAt: string;
  firstSyncAt: string;
  doneAt: string;
  rounds: number;
  /** Syncs that brought nothing new (the others had not pushed yet). */
  emptyRounds: number;
  failures: number;
  /** CPU seconds of this process from 'go' to done. */
  cpu: number;
}
export interface FailedMessage {
  type: 'failed';
  error: string;
}
export type ToKiosk = SetupMessage | { type: 'go' } | { type: 'close' };
export type FromKiosk = ReadyMessage | DoneMessage | FailedMessage | { type: 'closed' };

const maxFailures = 10;

let kiosk: FleetKiosk | null = null;
let total = 0;
let idleWaitMs = 100;

const send = (message: FromKiosk) => process.send!(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function held(k: FleetKiosk): number {
  return k.db.prepare("SELECT count(*) FROM checkins WHERE result = 'accepted'").pluck().get() as number;
}

class RolledBack extends Error {}

/**
 * A kiosk that has run all day has its apply path compiled by V8 and its heap grown; a process
 * just started has neither. Three pages of 1,000 check-ins, as a pull brings them (JSON text
 * parsed), applied to this kiosk's own database in a transaction rolled back: nothing stays.
 */
function warmApply(k: FleetKiosk): void {
  const eventId = JSON.parse(k.db.prepare("SELECT value FROM settings WHERE key = 'sync.eventId'").pluck().get() as string) as string;
  const attendees = k.db.prepare('SELECT id FROM attendees WHERE event_id = ? LIMIT 1000').pluck().all(eventId) as string[];
  const day = new Date().toISOString().slice(0, 10);
  for (let page = 0; page < 3; page++) {
    const changes = attendees.map((attendeeId) => {
      const id = randomUUID();
      const at = new Date().toISOString();
      const payload = { id, eventId, attendeeId, checkpointId: 'entrance', day, kioskId: 'warm-up', kioskName: 'Warm-up', method: 'wedge', result: 'accepted', at, overridden: false, undoes: null };
      return { id: randomUUID(), kind: 'checkin', eventId, at, payload };
    });
    const parsed = (JSON.parse(JSON.stringify({ changes })) as { changes: Change[] }).changes;
    try {
      k.db.transaction(() => {
        applyChanges(k.db, parsed, { now: () => new Date() });
        throw new RolledBack();
      })();
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
  }
  if (held(k) !== 0) throw new Error('the warm-up left check-ins behind');
}

async function setup(message: SetupMessage): Promise<void> {
  total = message.total;
  idleWaitMs = message.idleWaitMs;
  const k = openKiosk(message.name, 0, message.parentDir);
  kiosk = k;
  const paired = await k.call('sync:pair', { url: message.url, code: message.code });
  if (paired.lastError) throw new Error(`first sync failed: ${paired.lastError.code} ${paired.lastError.message}`);
  // Warm: the sync path once more (nothing to push or pull yet), its connection to the hub kept alive.
  await k.call('sync:now', {});
  warmApply(k);
  const accepted: string[] = [];
  for (const code of message.tickets) {
    const outcome = await k.call('checkin:scan', { code, method: 'wedge' });
    if (outcome.result !== 'accepted' || !outcome.checkinId) throw new Error(`scan ${code}: ${outcome.result}`);
    accepted.push(outcome.checkinId);
  }
  send({ type: 'ready', dbFile: path.join(k.dir, databaseFileName), accepted });
}

async function converge(): Promise<void> {
  const k = kiosk!;
  const profileDir = process.env.SYNC_BENCH_PROFILE;
  const session = profileDir ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const goAt = process.hrtime.bigint();
  const cpuAtGo = process.cpuUsage();
  let firstSyncAt: bigint | null = null;
  let rounds = 0;
  let emptyRounds = 0;
  let failures = 0;
  for (;;) {
    const before = held(k);
    const result = await k.attempt('sync:now', {});
    rounds += 1;
    if (!result.ok || result.value.lastError) {
      failures += 1;
      if (failures > maxFailures) throw new Error(`sync failed ${failures} times: ${JSON.stringify(result)}`);
      await sleep(idleWaitMs);
      continue;
    }
    firstSyncAt ??= process.hrtime.bigint();
    const now = held(k);
    if (now >= total && result.value.pending === 0) break;
    if (now === before) {
      emptyRounds += 1;
      await sleep(idleWaitMs);
    }
  }
  const doneAt = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuAtGo);
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(path.join(profileDir, `${k.name.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  send({
    type: 'done',
    goAt: String(goAt),
    firstSyncAt: String(firstSyncAt),
    doneAt: String(doneAt),
    rounds,
    emptyRounds,
    failures,
    cpu: (cpu.user + cpu.system) / 1e6,
  });
}

const fail = (error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });

process.on('message', (message: ToKiosk) => {
  if (message.type === 'setup') setup(message).catch(fail);
  else if (message.type === 'go') converge().catch(fail);
  else if (message.type === 'close') {
    if (kiosk?.db.open) kiosk.db.close();
    send({ type: 'closed' });
    process.disconnect();
  }
});

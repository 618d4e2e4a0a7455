/**
 * A kiosk fleet for the sync tests and benchmarks: the real hub as a child process on its own
 * data folder, reached through a TCP proxy the test controls, and N kiosk cores (real SQLite
 * files, each its own folder and clock) paired with it through the contract operations, as the
 * app and the CLI call them. Helpers scan, sync, and check that everyone converged: every kiosk
 * and the hub hold exactly the same set of check-in ids, every check-in a kiosk accepted among
 * them, none twice.
 *
 * Free of vitest so the benchmarks use it too; the caller closes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Attendees } from '../../main/core/attendees/attendees';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import type { Input, Operation, Output } from '../../main/core/contract';
import { databaseFileName, openDatabase, openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import { createServices, type Services } from '../../main/core/services';
import { issuePairingCode } from '../../main/core/sync/hub/store';
import type { CheckinOutcome, SyncStatus } from '../../main/core/types';
import { startHubProcess, type HubProcess } from './hub-process';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface FleetKiosk {
  name: string;
  dir: string;
  db: Database;
  services: Services;
  /** Added to the real time: a kiosk whose clock runs ahead or behind, or that was off for hours. */
  clockOffsetMs: number;
  now(): Date;
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  /** Like call, but a failure is returned (a sync while the hub is down is expected to fail). */
  attempt<K extends Operation>(op: K, input: Input<K>): Promise<{ ok: true; value: Output<K> } | { ok: false; code: string; message: string }>;
}

export interface FleetOptions {
  kiosks: number;
  /** Attendees created at the hub before it starts (ticket codes T-0, T-1, …). */
  attendees: number;
  /** Kiosks pair with the hub's own URL, not through their proxies (benchmarks: no proxy cost; faults on proxies then do nothing). */
  direct?: boolean;
  /** Clock offsets per kiosk (ms), default 0. */
  clockOffsets?: number[];
  /** Extra environment of the hub process (a benchmark profiles it with NODE_OPTIONS=--cpu-prof). */
  hubEnv?: NodeJS.ProcessEnv;
}

export interface Fleet {
  hubDir: string;
  hub: HubProcess;
  /** One proxy per kiosk (kiosk k pairs through proxies[k]): one kiosk can be cut off alone. */
  proxies: TcpProxy[];
  kiosks: FleetKiosk[];
  eventId: string;
  /** Ticket codes of the attendees, by index. */
  tickets: string[];
  /** Every check-in a kiosk accepted, by id (what must survive everything). */
  accepted: Set<string>;
  /** Scans attendee `index` at kiosk `k`; an accepted check-in is remembered in `accepted`. */
  scan(k: number, index: number): Promise<CheckinOutcome>;
  /** One sync:now at kiosk `k`; never throws (the hub may be down on purpose). */
  sync(k: number): Promise<{ ok: true; value: SyncStatus } | { ok: false; code: string; message: string }>;
  /**
   * Syncs every kiosk, round after round, until nothing is pending anywhere and a whole round
   * brought nothing new to anyone; returns the number of rounds. Throws after `maxRounds`.
   * `only`: these kiosks (the others are off the network on purpose).
   */
  converge(options?: { maxRounds?: number; only?: number[] }): Promise<number>;
  /** The accepted check-in ids stored at kiosk `k`, or at the hub. */
  checkinIds(k: number): string[];
  hubCheckinIds(): string[];
  /** Throws with a precise account unless every kiosk and the hub hold exactly the accepted set. */
  assertConverged(): void;
  /** Runs a fault on every kiosk's proxy (the hub's network as a whole). */
  everyProxy(fn: (proxy: TcpProxy) => void): void;
  /** SIGKILL the hub (no goodbye); startHub restarts it on the same folder and the proxies follow it. */
  killHub(): Promise<void>;
  stopHub(): Promise<void>;
  startHub(): Promise<void>;
  /** Opens one more kiosk core, pairs it through its own proxy (pairing runs the first sync); returns its index. */
  addKiosk(clockOffsetMs?: number): Promise<number>;
  /** A new pairing code from the running hub. */
  newCode(): Promise<string>;
  close(): Promise<void>;
}

const acceptedIdsSql = "SELECT id FROM checkins WHERE result = 'accepted' ORDER BY id";

/** The accepted check-in ids in a kiosk's or the hub's database file (read-only: it may belong to another process). */
export function checkinIdsInFile(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(acceptedIdsSql).pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Throws with a precise account unless each holder (name, ids) holds exactly the accepted set, none twice. */
export function assertSameCheckins(accepted: ReadonlySet<string>, holders: [string, string[]][]): void {
  const problems: string[] = [];
  const expected = [...accepted].sort();
  for (const [who, ids] of holders) {
    if (new Set(ids).size !== ids.length) problems.push(`${who}: ${ids.length - new Set(ids).size} duplicated ids`);
    const have = new Set(ids);
    const missing = expected.filter((id) => !have.has(id));
    const extra = ids.filter((id) => !accepted.has(id));
    if (missing.length) problems.push(`${who}: ${missing.length} accepted check-ins missing (e.g. ${missing.slice(0, 3).join(', ')})`);
    if (extra.length) problems.push(`${who}: ${extra.length} check-ins no kiosk accepted (e.g. ${extra.slice(0, 3).join(', ')})`);
  }
  if (problems.length) throw new Error(`not converged (${accepted.size} accepted):\n${problems.join('\n')}`);
}

/** Creates the hub's event and attendees straight in its database, before the hub starts. */
export function seedHub(hubDir: string, attendees: number): { eventId: string; tickets: string[] } {
  const db = openDataFolder(hubDir);
  try {
    const services = createServices({ db });
    const events = services.handlers['events:create'] as (input: Input<'events:create'>) => Output<'events:create'>;
    // No days: the event accepts any date, so kiosks with clocks hours ahead still check in.
    const event = events({ name: 'Sync fleet', checkpoints: [{ id: 'entrance', kind: 'entrance', name: 'Entrée' }], select: true });
    const store = new Attendees(db);
    const tickets: string[] = [];
    db.transaction(() =>
      withBulkIndexing(db, () => {
        for (let i = 0; i < attendees; i++) {
          const ticket = `T-${i}`;
          tickets.push(ticket);
          store.insert({ eventId: event.id, firstName: `Prénom ${i}`, lastName: `Nom ${i}`, organisation: `Org ${i % 97}`, ticketCodes: [ticket] });
        }
      }),
    )();
    return { eventId: event.id, tickets };
  } finally {
    db.close();
  }
}

/** One kiosk core on its own new data folder (the benchmark's kiosk processes open theirs with it too). */
export function openKiosk(name: string, clockOffsetMs = 0, parentDir = os.tmpdir()): FleetKiosk {
  const dir = fs.mkdtempSync(path.join(parentDir, 'accueil-kiosk-'));
  const db = openDataFolder(dir);
  const kiosk: FleetKiosk = {
    name,
    dir,
    db,
    clockOffsetMs,
    now: () => new Date(Date.now() + kiosk.clockOffsetMs),
    services: undefined as unknown as Services, // set just below: `now` must exist first
    call: async (op, input) => {
      const result = await dispatch(kiosk.services.handlers, op, input);
      if (!result.ok) throw new Error(`${name} ${op}: ${result.code} ${result.message}`);
      return result.value;
    },
    attempt: async (op, input) => {
      const result = await dispatch(kiosk.services.handlers, op, input);
      return result.ok ? { ok: true, value: result.value } : { ok: false, code: result.code, message: result.message };
    },
  };
  kiosk.services = createServices({ db, now: () => kiosk.now() });
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('kiosk.name', ?)").run(JSON.stringify(name));
  return kiosk;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-hub-'));
  const { eventId, tickets } = seedHub(hubDir, options.attendees);
  let hub = await startHubProcess({ dataDir: hubDir, env: options.hubEnv });
  const kiosks: FleetKiosk[] = [];
  const proxies: TcpProxy[] = [];
  const accepted = new Set<string>();
  let hubReader: BetterSqlite3.Database | null = null;
  let firstCode: string | null = hub.pairingCode;

  const readHub = (): BetterSqlite3.Database => {
    hubReader ??= new BetterSqlite3(path.join(hubDir, databaseFileName), { readonly: true, fileMustExist: true });
    return hubReader;
  };
  const closeReader = () => {
    hubReader?.close();
    hubReader = null;
  };

  const fleet: Fleet = {
    hubDir,
    get hub() {
      return hub;
    },
    proxies,
    kiosks,
    eventId,
    tickets,
    accepted,
    scan: async (k, index) => {
      const outcome = await kiosks[k]!.call('checkin:scan', { code: tickets[index]!, method: 'wedge' });
      if (outcome.result === 'accepted' && outcome.checkinId) accepted.add(outcome.checkinId);
      return outcome;
    },
    sync: (k) => kiosks[k]!.attempt('sync:now', {}),
    converge: async ({ maxRounds = 30, only } = {}) => {
      const members = only ?? kiosks.map((_, k) => k);
      let previous = '';
      for (let round = 1; round <= maxRounds; round++) {
        for (const k of members) await fleet.sync(k);
        const statuses = await Promise.all(members.map((k) => kiosks[k]!.call('sync:status', {})));
        const pending = statuses.reduce((sum, s) => sum + s.pending, 0);
        const failed = statuses.filter((s) => s.lastError !== null);
        const counts = members.map((k) => fleet.checkinIds(k).length).join(',') + `|${fleet.hubCheckinIds().length}`;
        if (pending === 0 && failed.length === 0 && counts === previous) return round;
        previous = counts;
      }
      throw new Error(`no convergence after ${maxRounds} rounds: ${describe(fleet)}`);
    },
    checkinIds: (k) => (kiosks[k]!.db.prepare(acceptedIdsSql).pluck().all() as string[]),
    hubCheckinIds: () => readHub().prepare(acceptedIdsSql).pluck().all() as string[],
    assertConverged: () => assertSameCheckins(accepted, [['hub', fleet.hubCheckinIds()], ...kiosks.map((kiosk, k): [string, string[]] => [kiosk.name, fleet.checkinIds(k)])]),
    killHub: async () => {
      closeReader();
      await hub.kill();
    },
    stopHub: async () => {
      closeReader();
      await hub.stop();
    },
    startHub: async () => {
      hub = await startHubProcess({ dataDir: hubDir, env: options.hubEnv });
      for (const proxy of proxies) {
        proxy.retarget(hub.port);
        proxy.cutAll(); // keep-alive connections still lead to the old process
      }
    },
    everyProxy: (fn) => proxies.forEach(fn),
    addKiosk: async (clockOffsetMs = 0) => {
      const k = kiosks.length;
      const kiosk = openKiosk(`Kiosque ${k + 1}`, clockOffsetMs);
      kiosks.push(kiosk);
      const proxy = await startTcpProxy(hub.port);
      proxies.push(proxy);
      // The hub prints one code when it starts; every further kiosk needs its own (single-use).
      const code = firstCode ?? (await fleet.newCode());
      firstCode = null;
      // Pairing also runs the first sync: the snapshot brings the event and its attendees.
      const status = await kiosk.call('sync:pair', { url: options.direct ? hub.url : proxy.url, code });
      if (status.lastError) throw new Error(`${kiosk.name}: first sync failed: ${status.lastError.code} ${status.lastError.message}`);
      return k;
    },
    // As `accueil hub-code` does: a code stored straight in the hub's file (no process to start per kiosk).
    newCode: async () => {
      const db = openDatabase(path.join(hubDir, databaseFileName));
      try {
        return issuePairingCode(db, eventId, new Date()).code;
      } finally {
        db.close();
      }
    },
    close: async () => {
      closeReader();
      for (const proxy of proxies) await proxy.close();
      await hub.stop().catch(() => undefined);
      for (const kiosk of kiosks) {
        if (kiosk.db.open) kiosk.db.close();
        fs.rmSync(kiosk.dir, { recursive: true, force: true });
      }
      fs.rmSync(hubDir, { recursive: true, force: true });
    },
  };

  try {
    for (let k = 0; k < options.kiosks; k++) await fleet.addKiosk(options.clockOffsets?.[k] ?? 0);
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}

function describe(fleet: Fleet): string {
  const parts = fleet.kiosks.map((kiosk, k) => `${kiosk.name}=${fleet.checkinIds(k).length}`);
  return `${parts.join(' ')} hub=${fleet.hubCheckinIds().length} accepted=${fleet.accepted.size}`;
}

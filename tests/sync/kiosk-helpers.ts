/**
 * The kiosk-side sync tests: a hub on its own data folder (the demo event, its keys) on
 * loopback, and kiosk cores (real SQLite files, each its own folder, clock and loop timers)
 * that pair with it through the contract operations, as the app and the CLI do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Input, Operation, Output } from '../../main/core/contract';
import { databaseFileName, openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createServices, type Services } from '../../main/core/services';
import { startHubServer, type ListeningHub } from '../../main/core/sync/hub/server';
import { prepareHub } from '../../main/core/sync/hub/setup';
import { SqliteHubStore, issuePairingCode, revokeHubDevice } from '../../main/core/sync/hub/store';
import type { LoopTimers } from '../../main/core/sync/loop';
import { tempDir } from '../helpers/temp';

export const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface TestKiosk {
  dir: string;
  db: Database;
  services: Services;
  timers: ManualTimers;
  /** Added to the real time (a kiosk whose clock is behind). */
  offsetMs: number;
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  fail<K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue>;
}

/** Timers the test fires by hand: the loop's waits are read, never slept. */
export class ManualTimers implements LoopTimers {
  pending: { fn: () => void; ms: number; handle: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.push({ fn, ms, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.handle !== handle);
  }
  /** The wait of the one scheduled timer. */
  get delay(): number | null {
    return this.pending[0]?.ms ?? null;
  }
  /** Fires the scheduled timer (the loop's next attempt). */
  fire(): void {
    const timer = this.pending.shift();
    if (!timer) throw new Error('no timer scheduled');
    timer.fn();
  }
}

export function openKiosk(options: { demo?: boolean; offsetMs?: number; name?: string } = {}): TestKiosk {
  const dir = tempDir('accueil-kiosk-');
  const db = openDataFolder(dir);
  const timers = new ManualTimers();
  const kiosk: TestKiosk = {
    dir,
    db,
    timers,
    offsetMs: options.offsetMs ?? 0,
    services: undefined as unknown as Services, // set just below (now() reads kiosk.offsetMs)
    call: async (op, input) => {
      const result = await dispatch(kiosk.services.handlers, op, input);
      if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
      return result.value;
    },
    fail: async (op, input) => {
      const result = await dispatch(kiosk.services.handlers, op, input);
      if (result.ok) throw new Error(`${op} succeeded`);
      return result;
    },
  };
  kiosk.services = createServices({ db, now: () => new Date(Date.now() + kiosk.offsetMs), sync: { timers, random: () => 1, client: undefined } });
  if (options.name) kiosk.services.settings.set('kiosk.name', options.name);
  cleanups.push(() => {
    kiosk.services.syncRunner.stop();
    if (db.open) db.close();
  });
  return kiosk;
}


export interface TestHub {
  url: string;
  eventId: string;
  /** A new pairing code, written in the hub's own file as `accueil hub-code` does. */
  newCode(): string;
  revoke(deviceId: string): void;
  /** Reads the hub's database. */
  query<T>(fn: (db: Database) => T): T;
  /** The hub stops answering (connections refused) … */
  stop(): Promise<void>;
  /** … and comes back on the same address and folder. */
  start(): Promise<void>;
  /** Copies the hub's database file aside (a backup), to restore later with stop/restore/start. */
  backup(): string;
  restore(file: string): void;
}

/** The hub on the demo event, on a random loopback port, with its own data folder. */
export async function startTestHub(): Promise<TestHub> {
  const dir = tempDir('accueil-hub-');
  let db = openDataFolder(dir);
  const event = await createServices({ db }).handlers['demo:load']({});
  prepareHub(db, event.id);
  let server: ListeningHub | null = await startHubServer({ store: new SqliteHubStore(db) });
  const port = server.port;
  const url = server.url;
  const stop = async () => {
    await server?.close();
    server = null;
  };
  cleanups.push(async () => {
    await stop();
    if (db.open) db.close();
  });
  return {
    url,
    eventId: event.id,
    newCode: () => issuePairingCode(db, event.id, new Date()).code,
    revoke: (deviceId) => void revokeHubDevice(db, deviceId, new Date()),
    query: (fn) => fn(db),
    stop,
    start: async () => {
      if (!db.open) db = openDataFolder(dir);
      server = await startHubServer({ store: new SqliteHubStore(db), port });
    },
    backup: () => {
      const file = path.join(tempDir('accueil-backup-'), 'hub.sqlite');
      db.pragma('wal_checkpoint(TRUNCATE)');
      fs.copyFileSync(path.join(dir, databaseFileName), file);
      return file;
    },
    restore: (file) => {
      if (server) throw new Error('stop the hub before restoring');
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, databaseFileName + suffix), { force: true });
      fs.copyFileSync(file, path.join(dir, databaseFileName));
    },
  };
}

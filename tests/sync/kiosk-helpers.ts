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
import { revokeHubDevice } from '../../main/core/sync/hub/store';
import type { LoopTimers } from '../../main/core/sync/loop';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
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
  /** The code `accueil hub` printed when it started. */
  firstCode: string;
  /** A new pairing code (`accueil hub-code` on the hub's folder). */
  newCode(): Promise<string>;
  revoke(deviceId: string): void;
  /** Reads the hub's database through a second connection (WAL: the hub keeps running). */
  query<T>(fn: (db: Database) => T): T;
  /** The hub process stops (SIGTERM): connections refused … */
  stop(): Promise<void>;
  /** … and comes back on the same port and folder. */
  start(): Promise<void>;
  /** An online backup of the hub's database, to restore later (hub stopped) with restore(). */
  backup(): Promise<string>;
  restore(file: string): void;
}

/** The real hub (`accueil hub`, a child process) on the demo event, on a random loopback port, with its own data folder. */
export async function startTestHub(): Promise<TestHub> {
  const dir = tempDir('accueil-hub-');
  const setup = openDataFolder(dir);
  const event = await createServices({ db: setup }).handlers['demo:load']({});
  setup.close();
  let proc: HubProcess | null = await startHubProcess({ dataDir: dir });
  const port = proc.port;
  const url = proc.url;
  const stop = async () => {
    await proc?.stop();
    proc = null;
  };
  cleanups.push(stop);
  const query = <T>(fn: (db: Database) => T): T => {
    const db = openDataFolder(dir);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    url,
    eventId: event.id,
    firstCode: proc.pairingCode,
    newCode: async () => {
      if (!proc) throw new Error('the hub is stopped');
      return proc.newCode();
    },
    revoke: (deviceId) => void query((db) => revokeHubDevice(db, deviceId, new Date())),
    query,
    stop,
    start: async () => {
      proc = await startHubProcess({ dataDir: dir, port });
    },
    backup: async () => {
      const file = path.join(tempDir('accueil-backup-'), databaseFileName);
      const db = openDataFolder(dir);
      try {
        await db.backup(file);
      } finally {
        db.close();
      }
      return file;
    },
    restore: (file) => {
      if (proc) throw new Error('stop the hub before restoring');
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, databaseFileName + suffix), { force: true });
      fs.copyFileSync(file, path.join(dir, databaseFileName));
    },
  };
}

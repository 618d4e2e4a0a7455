/**
 * The background sync of a kiosk: every few seconds while the hub answers; while it does not,
 * exponential backoff with full jitter (a random wait up to 1 s, 2 s, 4 s … 60 s) so that a
 * fleet of kiosks does not hammer a hub coming back up all at the same instant.
 *
 * It never blocks a scan: the network part is asynchronous and every database step of a sync
 * is a short transaction of its own (kiosk-sync.ts). It also keeps what the screen shows
 * (sync:status): online/offline/syncing/unpaired, pending changes, last success, last error,
 * next attempt. Timers and randomness are injected so tests drive it without waiting.
 */
import { DomainError, toErrorValue } from '../errors';
import type { SyncStatus } from '../types';
import type { KioskSync, SyncReport } from './kiosk-sync';

export interface LoopTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncRunnerOptions {
  engine: KioskSync;
  now: () => Date;
  /** In [0, 1): the jitter. */
  random?: () => number;
  timers?: LoopTimers;
  intervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told after every attempt (the CLI prints a status line). */
  onStatus?: (status: SyncStatus) => void;
}

const realTimers: LoopTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A kiosk process (or a test) may end while a sync waits: the loop never keeps it alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The wait before attempt n+1 after n consecutive failures (n ≥ 1): full jitter over an exponential cap. */
export function backoffDelay(failures: number, random: () => number, minMs = 1000, maxMs = 60_000): number {
  const cap = Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * cap);
}

export class SyncRunner {
  private readonly random: () => number;
  private readonly timers: LoopTimers;
  private readonly intervalMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private running: Promise<SyncReport> | null = null;
  private failures = 0;
  private lastError: { code: string; message: string } | null = null;
  private reachable: boolean | null = null;
  private nextAttemptAt: Date | null = null;
  private timer: unknown = null;
  private started = false;

  constructor(private readonly options: SyncRunnerOptions) {
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? realTimers;
    this.intervalMs = options.intervalMs ?? 3000;
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  status(): SyncStatus {
    const { engine } = this.options;
    const pairing = engine.pairing();
    const state = !pairing ? 'unpaired' : this.running ? 'syncing' : this.reachable === false || (this.reachable === null && this.lastError) ? 'offline' : 'online';
    return {
      state,
      hubUrl: pairing?.hubUrl ?? null,
      deviceId: pairing?.deviceId ?? null,
      pending: engine.pending(),
      lastSyncAt: engine.lastSyncAt(),
      lastError: this.lastError,
      nextAttemptAt: this.started && pairing && this.nextAttemptAt ? this.nextAttemptAt.toISOString() : null,
    };
  }

  /** Consecutive failed attempts (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /**
   * One sync now (sync:now, the loop, the CLI); a second caller while one runs shares it.
   * Rejects with the sync's DomainError, which the status keeps as lastError.
   */
  syncNow(): Promise<SyncReport> {
    this.running ??= this.attempt().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async attempt(): Promise<SyncReport> {
    try {
      const report = await this.options.engine.syncOnce();
      this.failures = 0;
      this.lastError = null;
      this.reachable = true;
      return report;
    } catch (error) {
      const value = toErrorValue(error);
      if (value.code !== 'sync.not_paired') {
        this.failures += 1;
        this.lastError = { code: value.code, message: value.message };
      }
      // A hub that answered with an error (unauthorized, wrong event) is reachable; one that did not is offline.
      this.reachable = !(error instanceof DomainError && (error.code === 'sync.unreachable' || error.code === 'sync.bad_response'));
      if (value.code === 'sync.unauthorized') this.reachable = false;
      throw error;
    }
  }

  /** Forgets the failures (after pairing or unpairing: a new hub, a new start). */
  reset(): void {
    this.failures = 0;
    this.lastError = null;
    this.reachable = null;
    if (this.started) this.schedule(0);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  stop(): void {
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  get isStarted(): boolean {
    return this.started;
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.options.now().getTime() + ms);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (!this.started) return;
    if (!this.options.engine.pairing()) {
      // Nothing to reach: look again later (a pairing from the Settings screen starts it at once through reset()).
      this.schedule(this.intervalMs);
      this.options.onStatus?.(this.status());
      return;
    }
    try {
      await this.syncNow();
      this.schedule(this.intervalMs);
    } catch {
      this.schedule(backoffDelay(this.failures, this.random, this.minBackoffMs, this.maxBackoffMs));
    }
    this.options.onStatus?.(this.status());
  }
}

import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../errors';
import type { Settings } from '../settings/settings';
import { hashPin, verifyPin, type PinHash } from './pin';
import type { Role, RoleStatus } from './types';

/** Wrong PINs in a row before the lock-out. */
export const maxPinAttempts = 5;
/** The n-th lock-out in a row lasts this long (the last one repeats): 1, then 5, then 15 minutes. */
export const lockoutMinutes = [1, 5, 15] as const;
/** Organiser mode left alone this long goes back to staff mode (a desk left unlocked). */
export const organiserIdleMs = 10 * 60_000;

const keys = { pin: 'roles.pin', failures: 'roles.failures', kioskLock: 'roles.kioskLock' } as const;

/** Persisted in settings so that quitting the app does not reset the count or end a lock-out. */
interface Failures {
  count: number;
  /** Lock-outs since the last right PIN: each one lasts longer. */
  lockouts: number;
  lockedUntil: string | null;
}

export interface RolesOptions {
  settings: Settings;
  audit: AuditLog;
  now: () => Date;
  /**
   * The caller is the organiser at the machine (the CLI): whoever can run it can read and write
   * the data folder directly, so a PIN would protect nothing there and only break scripts.
   */
  trusted?: boolean;
  idleMs?: number;
}

export type RoleListener = (status: RoleStatus) => void;

/**
 * Staff / organiser mode of one running core. The mode lives in memory (a restart comes back in
 * staff mode); the PIN hash, the wrong-PIN count and the kiosk lock live in settings. Without a
 * PIN nothing is locked: a new kiosk must be set up, and the demo stays fully usable.
 */
export class Roles {
  private organiser = false;
  private lastActionAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<RoleListener>();
  private notified = '';
  private readonly idleMs: number;

  constructor(private readonly options: RolesOptions) {
    this.idleMs = options.idleMs ?? organiserIdleMs;
    this.notified = this.snapshot(this.status());
  }

  pinSet(): boolean {
    return this.options.settings.get<PinHash>(keys.pin) !== undefined;
  }

  kioskLock(): boolean {
    return this.options.settings.get<boolean>(keys.kioskLock) === true;
  }

  mode(): Role {
    if (this.options.trusted || !this.pinSet()) return 'organiser';
    this.expireIfIdle();
    return this.organiser ? 'organiser' : 'staff';
  }

  status(): RoleStatus {
    const mode = this.mode();
    const failures = this.failures();
    const pinSet = this.pinSet();
    const guarded = pinSet && !this.options.trusted && mode === 'organiser';
    return {
      mode,
      pinSet,
      lockedUntil: failures.lockedUntil,
      attemptsLeft: maxPinAttempts - failures.count,
      kioskLock: this.kioskLock(),
      organiserUntil: guarded ? new Date(this.lastActionAt + this.idleMs).toISOString() : null,
    };
  }

  /** Throws role.organiser_required unless organiser mode is on (or no PIN is set). */
  require(operation: string): void {
    if (this.mode() === 'organiser') return;
    throw new DomainError('role.organiser_required', `${operation} needs organiser mode: enter the organiser PIN.`, { operation });
  }

  /** An organiser action: organiser mode lasts another idle period from now. */
  touch(): void {
    if (!this.organiser) return;
    this.lastActionAt = this.options.now().getTime();
    this.arm();
  }

  async unlock(pin: string): Promise<RoleStatus> {
    const stored = this.options.settings.get<PinHash>(keys.pin);
    if (!stored) throw new DomainError('role.pin_not_set', 'No organiser PIN is set on this kiosk: everything is open.');
    this.refuseWhileLockedOut();
    const right = await verifyPin(pin, stored);
    // Read again after the (slow) hash: another attempt may have counted in the meantime.
    this.refuseWhileLockedOut();
    const failures = this.failures();
    if (right) {
      this.options.settings.set(keys.failures, { count: 0, lockouts: 0, lockedUntil: null } satisfies Failures);
      this.organiser = true;
      this.lastActionAt = this.options.now().getTime();
      this.arm();
      this.options.audit.record({ action: 'roles.unlock', role: 'organiser' });
      return this.changed();
    }
    const count = failures.count + 1;
    if (count < maxPinAttempts) {
      this.options.settings.set(keys.failures, { ...failures, count } satisfies Failures);
      const attemptsLeft = maxPinAttempts - count;
      // Who typed it is not known to be an organiser: recorded as staff.
      this.options.audit.record({ action: 'roles.pin_wrong', role: 'staff', details: { attemptsLeft } });
      this.changed();
      throw new DomainError('role.pin_wrong', `Wrong PIN: ${attemptsLeft} attempt(s) left before the lock-out.`, { attemptsLeft });
    }
    const minutes = lockoutMinutes[Math.min(failures.lockouts, lockoutMinutes.length - 1)]!;
    const until = new Date(this.options.now().getTime() + minutes * 60_000).toISOString();
    this.options.settings.set(keys.failures, { count, lockouts: failures.lockouts + 1, lockedUntil: until } satisfies Failures);
    this.options.audit.record({ action: 'roles.locked_out', role: 'staff', details: { until, minutes } });
    this.changed();
    throw this.lockedOut(until);
  }

  lock(reason: 'manual' | 'idle' = 'manual'): RoleStatus {
    if (this.organiser && this.pinSet() && !this.options.trusted) {
      this.organiser = false;
      this.disarm();
      this.options.audit.record({ action: 'roles.lock', role: 'organiser', details: { reason } });
    }
    return this.changed();
  }

  /** Sets or changes the PIN; the caller is the organiser (the guard checked), who stays so. */
  async setPin(pin: string): Promise<RoleStatus> {
    const hadPin = this.pinSet();
    const hash = await hashPin(pin);
    this.options.settings.set(keys.pin, hash);
    this.options.settings.set(keys.failures, { count: 0, lockouts: 0, lockedUntil: null } satisfies Failures);
    this.organiser = true;
    this.lastActionAt = this.options.now().getTime();
    this.arm();
    this.options.audit.record({ action: hadPin ? 'roles.pin_change' : 'roles.pin_set', role: 'organiser' });
    return this.changed();
  }

  /** The full-screen lock only makes sense with a PIN to leave it: without one anybody could. */
  setKioskLock(enabled: boolean): RoleStatus {
    if (enabled && !this.pinSet()) {
      throw new DomainError('role.pin_not_set', 'Set an organiser PIN before locking the kiosk: without one anybody could leave it.');
    }
    this.options.settings.set(keys.kioskLock, enabled);
    this.options.audit.record({ action: 'roles.kiosk_lock', role: 'organiser', details: { enabled } });
    return this.changed();
  }

  /** Told when the mode, the PIN or the kiosk lock changes (the Electron kiosk lock follows it). */
  onChange(listener: RoleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disarm();
    this.listeners.clear();
  }

  private failures(): Failures {
    const stored = this.options.settings.get<Failures>(keys.failures) ?? { count: 0, lockouts: 0, lockedUntil: null };
    // A lock-out that is over gives the full count of attempts back (the next one lasts longer).
    if (stored.lockedUntil && Date.parse(stored.lockedUntil) <= this.options.now().getTime()) {
      return { count: 0, lockouts: stored.lockouts, lockedUntil: null };
    }
    return stored;
  }

  private refuseWhileLockedOut(): void {
    const { lockedUntil } = this.failures();
    if (lockedUntil) throw this.lockedOut(lockedUntil);
  }

  private lockedOut(until: string): DomainError {
    const minutes = Math.max(1, Math.ceil((Date.parse(until) - this.options.now().getTime()) / 60_000));
    return new DomainError('role.locked_out', `Too many wrong PINs: try again after ${until} (${minutes} min).`, { until, minutes });
  }

  private expireIfIdle(): void {
    if (this.organiser && this.options.now().getTime() - this.lastActionAt >= this.idleMs) this.lock('idle');
  }

  /** The clock may be a test's: the timer only wakes the check, `now()` decides. */
  private arm(): void {
    this.disarm();
    const wait = Math.max(1000, this.lastActionAt + this.idleMs - this.options.now().getTime());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.expireIfIdle();
      if (this.organiser) this.arm();
    }, wait);
    this.timer.unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private snapshot(status: RoleStatus): string {
    return JSON.stringify([status.mode, status.pinSet, status.kioskLock, status.lockedUntil, status.attemptsLeft]);
  }

  private changed(): RoleStatus {
    const status = this.status();
    const snapshot = this.snapshot(status);
    if (snapshot !== this.notified) {
      this.notified = snapshot;
      for (const listener of this.listeners) {
        try {
          listener(status);
        } catch (error) {
          console.error('[accueil] a roles listener failed', error);
        }
      }
    }
    return status;
  }
}

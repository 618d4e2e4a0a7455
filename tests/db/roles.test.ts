import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input, Operation, Output } from '../../main/core/contract';
import { databaseFileName, openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { lockoutMinutes, maxPinAttempts, organiserIdleMs } from '../../main/core/roles/roles';
import { createServices, type Services } from '../../main/core/services';
import { tempDir } from '../helpers/temp';

const open: { db: Database; services: Services }[] = [];
afterEach(async () => {
  for (const { db, services } of open.splice(0)) {
    await services.shutdown(0);
    if (db.open) db.close();
  }
});

interface Kiosk {
  dir: string;
  db: Database;
  services: Services;
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  fail<K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue>;
}

/** A kiosk on a data folder (the same folder again = a restart), with the test's clock. */
function kiosk(dir: string, clock: { now: Date }, trustedOrganiser = false): Kiosk {
  const db = openDataFolder(dir);
  const services = createServices({ db, now: () => clock.now, trustedOrganiser });
  open.push({ db, services });
  return {
    dir,
    db,
    services,
    call: async (op, input) => {
      const result = await dispatch(services.handlers, op, input);
      if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
      return result.value;
    },
    fail: async (op, input) => {
      const result = await dispatch(services.handlers, op, input);
      if (result.ok) throw new Error(`${op} succeeded`);
      return result;
    },
  };
}

const restart = async (k: Kiosk, clock: { now: Date }): Promise<Kiosk> => {
  await k.services.shutdown(0);
  k.db.close();
  return kiosk(k.dir, clock);
};

const audit = (db: Database, prefix = 'roles.') =>
  db.prepare('SELECT action, role, details FROM audit_log WHERE action LIKE ? ORDER BY seq').all(`${prefix}%`) as { action: string; role: string; details: string }[];

describe('without a PIN', () => {
  it('everything is open: organiser mode, no lock-out, no kiosk lock', async () => {
    const k = kiosk(tempDir(), { now: new Date() });
    expect(await k.call('roles:status', {})).toMatchObject({ mode: 'organiser', pinSet: false, lockedUntil: null, attemptsLeft: maxPinAttempts, kioskLock: false });
    expect((await k.call('events:create', { name: 'Open' })).name).toBe('Open');
    expect((await k.fail('roles:unlock', { pin: '1234' })).code).toBe('role.pin_not_set');
    // The full-screen lock without a PIN could be left by anybody.
    expect((await k.fail('roles:setKioskLock', { enabled: true })).code).toBe('role.pin_not_set');
    expect((await k.call('roles:lock', {})).mode).toBe('organiser');
  });

  it('refuses a PIN that is not 4 to 12 digits', async () => {
    const k = kiosk(tempDir(), { now: new Date() });
    for (const pin of ['123', '1234567890123', '12a4', ' 1234', '']) {
      expect((await k.fail('roles:setPin', { pin })).code).toBe('invalid_input');
    }
    expect((await k.call('roles:status', {})).pinSet).toBe(false);
  });
});

describe('the organiser PIN', () => {
  it('is stored as a salted scrypt hash, never as the PIN, in the database file', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    const k = kiosk(tempDir(), clock);
    const pin = '90417325';
    await k.call('roles:setPin', { pin });
    const stored = JSON.parse(k.db.prepare("SELECT value FROM settings WHERE key = 'roles.pin'").pluck().get() as string) as Record<string, unknown>;
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(stored.salt as string, 'base64')).toHaveLength(16);
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(path.join(k.dir, databaseFileName));
    expect(bytes.includes(Buffer.from(pin))).toBe(false);
    // Two kiosks with the same PIN store different hashes (random salt).
    const other = kiosk(tempDir(), clock);
    await other.call('roles:setPin', { pin });
    const again = JSON.parse(other.db.prepare("SELECT value FROM settings WHERE key = 'roles.pin'").pluck().get() as string) as Record<string, unknown>;
    expect(again.hash).not.toBe(stored.hash);
  });

  it('a restart comes back in staff mode; the right PIN gives organiser mode; lock gives it back', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    let k = kiosk(tempDir(), clock);
    expect(await k.call('roles:setPin', { pin: '2468' })).toMatchObject({ mode: 'organiser', pinSet: true });
    k = await restart(k, clock);
    expect(await k.call('roles:status', {})).toMatchObject({ mode: 'staff', pinSet: true, organiserUntil: null });
    expect((await k.fail('events:create', { name: 'X' })).code).toBe('role.organiser_required');
    const unlocked = await k.call('roles:unlock', { pin: '2468' });
    expect(unlocked).toMatchObject({ mode: 'organiser', attemptsLeft: maxPinAttempts });
    expect(unlocked.organiserUntil).toBe(new Date(clock.now.getTime() + organiserIdleMs).toISOString());
    await k.call('events:create', { name: 'X' });
    expect((await k.call('roles:lock', {})).mode).toBe('staff');
    expect((await k.fail('events:create', { name: 'Y' })).code).toBe('role.organiser_required');
    // Changing the PIN needs organiser mode; the old one stops working.
    expect((await k.fail('roles:setPin', { pin: '1357' })).code).toBe('role.organiser_required');
    await k.call('roles:unlock', { pin: '2468' });
    await k.call('roles:setPin', { pin: '1357' });
    await k.call('roles:lock', {});
    expect((await k.fail('roles:unlock', { pin: '2468' })).code).toBe('role.pin_wrong');
    expect((await k.call('roles:unlock', { pin: '1357' })).mode).toBe('organiser');
    expect(audit(k.db).map((r) => [r.action, r.role])).toEqual([
      ['roles.pin_set', 'organiser'],
      ['roles.unlock', 'organiser'],
      ['roles.lock', 'organiser'],
      ['roles.unlock', 'organiser'],
      ['roles.pin_change', 'organiser'],
      ['roles.lock', 'organiser'],
      ['roles.pin_wrong', 'staff'],
      ['roles.unlock', 'organiser'],
    ]);
  });

  it('five wrong PINs lock it out for 1, then 5, then 15 minutes; the count survives a restart; the right PIN works after', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    let k = kiosk(tempDir(), clock);
    await k.call('roles:setPin', { pin: '4321' });
    await k.call('roles:lock', {});

    for (let left = maxPinAttempts - 1; left >= 1; left -= 1) {
      const wrong = await k.fail('roles:unlock', { pin: '0000' });
      expect(wrong).toMatchObject({ code: 'role.pin_wrong', params: { attemptsLeft: left } });
    }
    // A restart does not give the attempts back.
    k = await restart(k, clock);
    expect((await k.call('roles:status', {})).attemptsLeft).toBe(1);
    const fifth = await k.fail('roles:unlock', { pin: '0000' });
    const until = new Date(clock.now.getTime() + lockoutMinutes[0] * 60_000).toISOString();
    expect(fifth).toMatchObject({ code: 'role.locked_out', params: { until, minutes: 1 } });
    expect(await k.call('roles:status', {})).toMatchObject({ mode: 'staff', lockedUntil: until, attemptsLeft: 0 });

    // Locked out, even the right PIN is refused, and a restart does not end it.
    expect((await k.fail('roles:unlock', { pin: '4321' })).code).toBe('role.locked_out');
    k = await restart(k, clock);
    expect((await k.fail('roles:unlock', { pin: '4321' })).code).toBe('role.locked_out');
    expect((await k.fail('events:create', { name: 'X' })).code).toBe('role.organiser_required');

    // After the minute: five attempts again; five more wrong ones lock it out for 5 minutes.
    clock.now = new Date(Date.parse(until) + 1000);
    expect(await k.call('roles:status', {})).toMatchObject({ lockedUntil: null, attemptsLeft: maxPinAttempts });
    for (let i = 0; i < maxPinAttempts - 1; i += 1) expect((await k.fail('roles:unlock', { pin: '9999' })).code).toBe('role.pin_wrong');
    const second = await k.fail('roles:unlock', { pin: '9999' });
    expect(second).toMatchObject({ code: 'role.locked_out', params: { minutes: lockoutMinutes[1] } });

    clock.now = new Date(Date.parse(String(second.params?.until)) + 1000);
    for (let i = 0; i < maxPinAttempts - 1; i += 1) await k.fail('roles:unlock', { pin: '9999' });
    const third = await k.fail('roles:unlock', { pin: '9999' });
    expect(third).toMatchObject({ code: 'role.locked_out', params: { minutes: lockoutMinutes[2] } });

    // The right PIN once the lock-out is over, and the count starts afresh.
    clock.now = new Date(Date.parse(String(third.params?.until)) + 1000);
    expect(await k.call('roles:unlock', { pin: '4321' })).toMatchObject({ mode: 'organiser', lockedUntil: null, attemptsLeft: maxPinAttempts });
    await k.call('roles:lock', {});
    for (let i = 0; i < maxPinAttempts - 1; i += 1) await k.fail('roles:unlock', { pin: '9999' });
    expect((await k.fail('roles:unlock', { pin: '9999' })).params?.minutes).toBe(lockoutMinutes[0]);

    const outs = audit(k.db).filter((r) => r.action === 'roles.locked_out');
    expect(outs.map((r) => [r.role, (JSON.parse(r.details) as { minutes: number }).minutes])).toEqual([
      ['staff', 1],
      ['staff', 5],
      ['staff', 15],
      ['staff', 1],
    ]);
    expect(audit(k.db).filter((r) => r.action === 'roles.pin_wrong')).toHaveLength(16);
  }, 120_000);

  it('organiser mode falls back to staff mode after 10 minutes without an organiser action', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    const k = kiosk(tempDir(), clock);
    await k.call('roles:setPin', { pin: '5555' });
    const seen: string[] = [];
    k.services.roles.onChange((status) => seen.push(status.mode));

    clock.now = new Date(clock.now.getTime() + organiserIdleMs - 1000);
    await k.call('events:create', { name: 'Kept alive' }); // an organiser action
    clock.now = new Date(clock.now.getTime() + organiserIdleMs - 1000);
    // Reading the status, an open dashboard (its figures, a room's list) or staff work does not
    // keep it alive, but it is not over yet.
    expect((await k.call('roles:status', {})).mode).toBe('organiser');
    await k.call('attendees:search', { text: 'x' });
    await k.call('dashboard:get', {});
    await dispatch(k.services.handlers, 'dashboard:room', { checkpointId: 'atelier', day: '2026-03-01' });
    clock.now = new Date(clock.now.getTime() + 1000);
    expect((await k.call('roles:status', {})).mode).toBe('staff');
    expect(seen).toEqual(['staff']);
    expect(JSON.parse(audit(k.db).at(-1)!.details)).toEqual({ reason: 'idle' });
    expect((await k.fail('events:create', { name: 'Too late' })).code).toBe('role.organiser_required');
  });
});

describe('the kiosk lock setting', () => {
  it('is organiser-only, persisted, audited and told to listeners', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    let k = kiosk(tempDir(), clock);
    await k.call('roles:setPin', { pin: '8642' });
    const seen: boolean[] = [];
    k.services.roles.onChange((status) => seen.push(status.kioskLock));
    expect((await k.call('roles:setKioskLock', { enabled: true })).kioskLock).toBe(true);
    await k.call('roles:lock', {});
    expect((await k.fail('roles:setKioskLock', { enabled: false })).code).toBe('role.organiser_required');
    k = await restart(k, clock);
    expect(await k.call('roles:status', {})).toMatchObject({ mode: 'staff', kioskLock: true });
    expect(seen).toEqual([true, true]);
    expect(audit(k.db).filter((r) => r.action === 'roles.kiosk_lock').map((r) => [r.role, r.details])).toEqual([['organiser', '{"enabled":true}']]);
  });
});

describe('the CLI', () => {
  it('is the organiser at the machine: a PIN does not lock it', async () => {
    const clock = { now: new Date('2026-03-01T08:00:00Z') };
    const dir = tempDir();
    const k = kiosk(dir, clock);
    await k.call('roles:setPin', { pin: '1111' });
    const cli = kiosk(dir, clock, true);
    expect(await cli.call('roles:status', {})).toMatchObject({ mode: 'organiser', pinSet: true, organiserUntil: null });
    expect((await cli.call('events:create', { name: 'From the shell' })).name).toBe('From the shell');
    expect((await cli.call('roles:lock', {})).mode).toBe('organiser');
  });
});

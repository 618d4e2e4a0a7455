import { expect, test, vi } from 'vitest';
import { startKioskCore } from '../../main/core/kiosk-core';
import { backoffDelay } from '../../main/core/sync/loop';
import { tempDir } from '../helpers/temp';
import { openKiosk, startTestHub, type TestKiosk } from './kiosk-helpers';

/** Fires the loop's scheduled attempt and waits (on the attempt, not on a clock) for the next one to be scheduled. */
async function step(kiosk: TestKiosk): Promise<number> {
  kiosk.timers.fire();
  await vi.waitFor(() => expect(kiosk.timers.pending).toHaveLength(1), { timeout: 60_000, interval: 5 });
  return kiosk.timers.delay!;
}

test('full jitter: a random wait up to a cap that doubles from 1 s to 60 s', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  expect(backoffDelay(3, () => 0.5)).toBe(2000);
  expect(backoffDelay(3, () => 0)).toBe(0);
});

test('the loop backs off while the hub is down and is back to every 3 s when it answers again; the status follows', async () => {
  const hub = await startTestHub();
  const kiosk = openKiosk();
  await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() });
  const runner = kiosk.services.syncRunner;
  runner.start();
  expect(kiosk.timers.delay).toBe(0);
  expect(await step(kiosk)).toBe(3000);
  expect((await kiosk.call('sync:status', {})).state).toBe('online');

  await hub.stop();
  const day = kiosk.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  const code = kiosk.db.prepare('SELECT code FROM ticket_codes LIMIT 1').pluck().get() as string;
  await kiosk.call('checkin:scan', { code, method: 'search', at: `${day}T10:00:00` });
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) delays.push(await step(kiosk));
  expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  const offline = await kiosk.call('sync:status', {});
  expect(offline).toMatchObject({ state: 'offline', pending: 1 });
  expect(offline.lastError?.code).toBe('sync.unreachable');
  expect(Date.parse(offline.nextAttemptAt!) - Date.now()).toBeGreaterThan(30_000);
  // A scan while the loop is in backoff answers at once (nothing waits on the network).
  expect((await kiosk.call('checkin:scan', { code, method: 'search', at: `${day}T10:05:00` })).result).not.toBe('accepted');

  await hub.start();
  expect(await step(kiosk)).toBe(3000);
  const online = await kiosk.call('sync:status', {});
  expect(online).toMatchObject({ state: 'online', pending: 0, lastError: null });
  expect(runner.failureCount).toBe(0);
  runner.stop();
  expect(kiosk.timers.pending).toHaveLength(0);
  expect((await kiosk.call('sync:status', {})).nextAttemptAt).toBeNull();
});

test('an unpaired kiosk loop stays idle (no network) and picks up a pairing', async () => {
  const kiosk = openKiosk();
  kiosk.services.syncRunner.start();
  expect(await step(kiosk)).toBe(3000);
  expect(await kiosk.call('sync:status', {})).toMatchObject({ state: 'unpaired', lastError: null, nextAttemptAt: null });
  const hub = await startTestHub();
  await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() });
  // Pairing restarts the loop at once.
  expect(kiosk.timers.delay).toBe(0);
  expect(await step(kiosk)).toBe(3000);
  expect((await kiosk.call('sync:status', {})).state).toBe('online');
});

test('the kiosk process starts the loop and stops it on close; tests and one-shot tools opt out', () => {
  const started = startKioskCore({ dataDir: tempDir(), version: 'test', log: () => undefined });
  expect(started.services.syncRunner.isStarted).toBe(true);
  started.close();
  expect(started.services.syncRunner.isStarted).toBe(false);
  const quiet = startKioskCore({ dataDir: tempDir(), version: 'test', log: () => undefined, sync: false });
  expect(quiet.services.syncRunner.isStarted).toBe(false);
  quiet.close();
});

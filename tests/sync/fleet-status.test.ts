import { expect, test } from 'vitest';
import { DashboardFigures } from '../../main/core/dashboard/figures';
import { FleetView } from '../../main/core/dashboard/fleet';
import { DashboardTallies } from '../../main/core/dashboard/tallies';
import { createServices } from '../../main/core/services';
import { SyncClient } from '../../main/core/sync/client';
import { syncKeys } from '../../main/core/sync/sync-keys';
import { openKiosk, startTestHub, type TestHub, type TestKiosk } from './kiosk-helpers';

async function paired(hub: TestHub, name: string): Promise<TestKiosk> {
  const kiosk = openKiosk({ name });
  const status = await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() });
  expect(status.lastError).toBeNull();
  return kiosk;
}

/** Admits the n-th valid attendee of the demo event on its first day. */
async function admit(kiosk: TestKiosk, n: number): Promise<void> {
  const id = kiosk.db.prepare("SELECT id FROM attendees WHERE status = 'valid' ORDER BY seq LIMIT 1 OFFSET ?").pluck().get(n) as string;
  const day = kiosk.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  expect((await kiosk.call('checkin:scan', { code: id, method: 'search', at: `${day}T09:00:00` })).result).toBe('accepted');
}

const kiosksOf = async (kiosk: TestKiosk) => (await kiosk.call('dashboard:get', {})).kiosks;

test('two kiosks sync through the real hub: each dashboard lists both, with last sync and pending', async () => {
  const hub = await startTestHub();
  const k1 = await paired(hub, 'Accueil 1');
  const k2 = await paired(hub, 'Accueil 2');
  const id1 = k1.services.settings.kioskId();
  const id2 = k2.services.settings.kioskId();

  // k1 admits two people and does not sync yet: its own row says so at once.
  await admit(k1, 0);
  await admit(k1, 1);
  const before = await kiosksOf(k1);
  expect(before[0]).toMatchObject({ kioskId: id1, name: 'Accueil 1', self: true, pending: 2 });

  // k1 syncs (push, then pull with the fleet), then k2: each hears of the other.
  await k1.call('sync:now', {});
  await admit(k2, 2);
  await k2.call('sync:now', {});
  const seenBy2 = await kiosksOf(k2);
  expect(seenBy2).toHaveLength(2);
  expect(seenBy2[0]).toMatchObject({ kioskId: id2, name: 'Accueil 2', self: true, pending: 0 });
  expect(seenBy2[0]!.lastSyncAt).toBe(k2.services.syncEngine.lastSyncAt());
  expect(seenBy2[1]).toMatchObject({ kioskId: id1, name: 'Accueil 1', self: false, pending: 0 });
  // The hub's last contact with k1: its last sync, not later than k1's own record of it.
  const k1Seen = Date.parse(seenBy2[1]!.lastSyncAt!);
  expect(k1Seen).toBeLessThanOrEqual(Date.parse(k1.services.syncEngine.lastSyncAt()!));
  expect(Date.parse(k1.services.syncEngine.lastSyncAt()!) - k1Seen).toBeLessThan(60_000);

  await k1.call('sync:now', {});
  const seenBy1 = await kiosksOf(k1);
  expect(seenBy1.map((k) => [k.kioskId, k.self, k.pending])).toEqual([
    [id1, true, 0],
    [id2, false, 0],
  ]);
  expect(seenBy1[1]!.name).toBe('Accueil 2');
  // And the arrivals themselves, merged: three people on the first day at both kiosks.
  expect((await k1.call('dashboard:get', {})).days[0]!.arrived).toBe(3);
  expect((await k2.call('dashboard:get', {})).overall.arrived).toBe(3);

  // k1 renamed (non-ASCII), and a push whose kiosk says it still holds 5 changes (its answer lost, say).
  k1.services.settings.set('kiosk.name', 'Accueil Nord — Entrée');
  const pairing = k1.services.syncEngine.requirePairing();
  await new SyncClient({ url: pairing.hubUrl, token: pairing.token }).push(pairing.eventId, [], { kioskId: id1, name: 'Accueil Nord — Entrée', pending: 5 });
  await k2.call('sync:now', {});
  const later = await kiosksOf(k2);
  expect(later[1]).toMatchObject({ kioskId: id1, name: 'Accueil Nord — Entrée', self: false, pending: 5 });
  expect((await k2.call('dashboard:get', {})).overall.arrived).toBe(3);

  // The hub's own database ("this kiosk is the hub"): the devices first-hand.
  hub.query((db) => {
    const services = createServices({ db });
    new DashboardTallies(db).refreshNow();
    const fleet = new FleetView(db, services.settings, services.syncEngine).kiosks(hub.eventId);
    expect(fleet[0]!.self).toBe(true);
    expect(fleet.slice(1).map((k) => [k.kioskId, k.name, k.pending])).toEqual([
      [id2, 'Accueil 2', 0],
      [id1, 'Accueil Nord — Entrée', 5],
    ]);
    expect(new DashboardFigures(db).read(hub.eventId, undefined, new Date()).overall.arrived).toBe(3);
  });

  // Unpairing forgets the fleet.
  await k2.call('sync:unpair', {});
  expect(k2.services.settings.get(syncKeys.fleet)).toBeUndefined();
  expect((await kiosksOf(k2)).map((k) => k.self)).toEqual([true]);
});

test('a hub page without the kiosk state carries no fleet; with it, only the last page does', async () => {
  const hub = await startTestHub();
  const k1 = await paired(hub, 'Accueil 1');
  await admit(k1, 0);
  await admit(k1, 1);
  await k1.call('sync:now', {});
  const pairing = k1.services.syncEngine.requirePairing();
  const client = new SyncClient({ url: pairing.hubUrl, token: pairing.token });
  const state = { kioskId: 'k', name: 'K', pending: 0 };
  const plain = await client.pull('0', 1);
  expect(plain.fleet).toBeUndefined();
  const first = await client.pull('0', 1, state);
  expect(first.more).toBe(true);
  expect(first.fleet).toBeUndefined();
  const last = await client.pull(first.cursor, 1000, state);
  expect(last.more).toBe(false);
  expect(last.fleet?.map((d) => d.name)).toEqual(['K']);
  expect(last.fleet?.[0]).toMatchObject({ deviceId: pairing.deviceId, kioskId: 'k', pending: 0 });
});

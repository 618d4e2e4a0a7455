/**
 * A hub restored from a backup older than a walk-in, while the desk that registered the walk-in
 * is away: another desk that checked them in holds them, and supplies them when the hub refuses
 * its push for an unknown attendee. Its sync goes on (pushes and pulls) instead of stopping.
 * Against the real hub process on loopback.
 */
import { expect, test } from 'vitest';
import { openKiosk, startTestHub, type TestHub, type TestKiosk } from './kiosk-helpers';

async function paired(hub: TestHub): Promise<TestKiosk> {
  const kiosk = openKiosk();
  expect((await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() })).lastError).toBeNull();
  return kiosk;
}

test('the desk that checked a walk-in in supplies them to a restored hub that lost them, and syncs on', async () => {
  const hub = await startTestHub();
  const a = await paired(hub);
  const b = await paired(hub);
  const backup = await hub.backup();

  // Desk A registers a walk-in (checked in at once); it reaches the hub, then desk B.
  const walkin = await a.call('walkin:create', { firstName: 'Abena', lastName: 'Boateng-Restaurée', organisation: 'Kumasi', consent: true });
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  expect(b.db.prepare('SELECT count(*) FROM attendees WHERE id = ?').pluck().get(walkin.attendee.id)).toBe(1);
  // Desk B admits them into a workshop (not registered: admitted anyway), not yet synced.
  const session = b.db.prepare("SELECT id FROM checkpoints WHERE kind = 'session' ORDER BY sort LIMIT 1").pluck().get() as string;
  const day = b.db.prepare('SELECT day FROM checkpoints WHERE id = ?').pluck().get(session) as string | null;
  const entry = await b.call('checkin:scan', { code: walkin.attendee.id, method: 'search', checkpointId: session, override: true, ...(day ? { at: `${day}T10:00:00` } : {}) });
  expect(entry.result).toBe('accepted');

  // The hub's disk is restored from before the walk-in; desk A stays away.
  await hub.stop();
  hub.restore(backup);
  await hub.start();
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM attendees WHERE id = ?').pluck().get(walkin.attendee.id))).toBe(0);

  const report = await b.call('sync:now', {});
  expect(report.lastError).toBeNull();
  expect(hub.query((db) => db.prepare('SELECT last_name FROM attendees WHERE id = ?').pluck().get(walkin.attendee.id))).toBe('Boateng-Restaurée');
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM checkins WHERE id = ?').pluck().get(entry.checkinId))).toBe(1);
  expect(await b.call('sync:status', {})).toMatchObject({ pending: 0 });

  // Desk A comes back: everyone ends with the same check-ins of the walk-in.
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  const ids = (kiosk: TestKiosk) => kiosk.db.prepare('SELECT id FROM checkins WHERE attendee_id = ? ORDER BY id').pluck().all(walkin.attendee.id);
  const onHub = hub.query((db) => db.prepare('SELECT id FROM checkins WHERE attendee_id = ? ORDER BY id').pluck().all(walkin.attendee.id));
  expect(onHub).toHaveLength(2);
  expect(ids(a)).toEqual(onHub);
  expect(ids(b)).toEqual(onHub);
}, 90_000);

/**
 * A purge must not lose arrivals the hub never received: on a paired kiosk with unsent changes
 * it is refused (nothing deleted) until a sync has delivered them, or until the organiser
 * confirms a second time that they may be lost. Against the real hub process on loopback.
 */
import { expect, test } from 'vitest';
import { openKiosk, startTestHub, type TestKiosk } from '../sync/kiosk-helpers';

/** The event this kiosk syncs (the hub's demo event, brought by pairing). */
function pairedEvent(kiosk: TestKiosk): { id: string; name: string } {
  const id = kiosk.services.syncEngine.requirePairing().eventId;
  return kiosk.db.prepare('SELECT id, name FROM events WHERE id = ?').get(id) as { id: string; name: string };
}

test('a paired kiosk with unsent arrivals refuses the purge, then purges once they reached the hub', async () => {
  const hub = await startTestHub();
  const kiosk = openKiosk();
  await kiosk.call('sync:pair', { url: hub.url, code: hub.firstCode });
  const event = pairedEvent(kiosk);
  const day = kiosk.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  const ids = kiosk.db.prepare("SELECT id FROM attendees WHERE status = 'valid' ORDER BY seq LIMIT 3").pluck().all() as string[];
  for (const id of ids) expect((await kiosk.call('checkin:scan', { code: id, method: 'search', at: `${day}T09:00:00` })).result).toBe('accepted');
  const attendees = () => kiosk.db.prepare('SELECT count(*) FROM attendees').pluck().get() as number;
  const before = attendees();

  const refused = await kiosk.fail('data:purge', { eventId: event.id, confirm: event.name });
  expect(refused).toMatchObject({ code: 'purge.unsent_changes', params: { count: 3 } });
  expect(attendees()).toBe(before);
  expect(kiosk.db.prepare("SELECT count(*) FROM checkins WHERE result = 'accepted'").pluck().get()).toBe(3);

  await kiosk.call('sync:now', {});
  expect(hub.query((db) => db.prepare("SELECT count(*) FROM hub_log WHERE kind = 'checkin'").pluck().get())).toBe(3);
  const report = await kiosk.call('data:purge', { eventId: event.id, confirm: event.name });
  expect(report.attendees).toBe(before);
  expect(attendees()).toBe(0);
  const audit = kiosk.db.prepare("SELECT details FROM audit_log WHERE action = 'data.purge'").pluck().get() as string;
  expect(JSON.parse(audit)).toMatchObject({ unsentDiscarded: 0 });
}, 60_000);

test('a kiosk cut off from its hub for good: the second confirmation purges and the log says how many changes were lost', async () => {
  const hub = await startTestHub();
  const kiosk = openKiosk();
  await kiosk.call('sync:pair', { url: hub.url, code: hub.firstCode });
  await hub.stop();
  const event = pairedEvent(kiosk);
  const day = kiosk.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  const id = kiosk.db.prepare("SELECT id FROM attendees WHERE status = 'valid' ORDER BY seq LIMIT 1").pluck().get() as string;
  await kiosk.call('checkin:scan', { code: id, method: 'search', at: `${day}T09:00:00` });
  expect((await kiosk.fail('sync:now', {})).code).toMatch(/^sync\./);
  expect((await kiosk.fail('data:purge', { eventId: event.id, confirm: event.name })).code).toBe('purge.unsent_changes');

  await kiosk.call('data:purge', { eventId: event.id, confirm: event.name, discardUnsent: true });
  expect(kiosk.db.prepare('SELECT count(*) FROM attendees').pluck().get()).toBe(0);
  const audit = kiosk.db.prepare("SELECT details FROM audit_log WHERE action = 'data.purge'").pluck().get() as string;
  expect(JSON.parse(audit)).toMatchObject({ unsentDiscarded: 1 });
}, 60_000);

/**
 * Late registrations imported on a paired kiosk (an organiser's laptop, not the hub) reach the
 * hub as attendee_upsert changes pushed from the outbox: the hub then accepts these people's
 * arrivals instead of refusing every push of this desk as naming unknown attendees, and the
 * other desks learn both. Against the real hub process on loopback.
 */
import { expect, test } from 'vitest';
import { encodeCsv } from '../fixtures/import/helpers';
import { openKiosk, startTestHub, type TestHub, type TestKiosk } from './kiosk-helpers';

async function paired(hub: TestHub): Promise<TestKiosk> {
  const kiosk = openKiosk();
  expect((await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() })).lastError).toBeNull();
  return kiosk;
}

const lateList = (functionOfAma: string) =>
  encodeCsv([
    ['Civilité', 'Prénom', 'Nom', 'Fonction', 'Organisation', 'Pays', 'Code billet'],
    ['Mme', 'Ama', 'Owusu-Tardive', functionOfAma, 'Accra Metropolitan Assembly', 'Ghana', 'LATE-0001'],
    ['M.', 'Kwame', 'Mensah-Tardif', 'Conseiller', 'Kumasi', 'Ghana', 'LATE-0002'],
  ]);

test('an import on a paired kiosk is pushed to the hub; arrivals of the new people then sync everywhere', async () => {
  const hub = await startTestHub();
  const organiser = await paired(hub);
  const desk = await paired(hub);
  const eventId = organiser.services.syncEngine.requirePairing().eventId;

  const report = await organiser.call('import:run', { fileName: 'inscriptions-tardives.csv', data: lateList('Maire adjointe'), eventId });
  expect(report.imported).toBe(2);
  expect(await organiser.call('sync:status', {})).toMatchObject({ pending: 2 });
  const ama = organiser.db.prepare("SELECT id FROM attendees WHERE last_name = 'Owusu-Tardive'").pluck().get() as string;
  const day = organiser.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  expect((await organiser.call('checkin:scan', { code: 'LATE-0001', method: 'wedge', at: `${day}T09:00:00` })).result).toBe('accepted');

  await organiser.call('sync:now', {});
  expect(await organiser.call('sync:status', {})).toMatchObject({ pending: 0, lastError: null });
  expect(hub.query((db) => db.prepare('SELECT first_name, function FROM attendees WHERE id = ?').get(ama))).toEqual({ first_name: 'Ama', function: 'Maire adjointe' });
  expect(hub.query((db) => db.prepare("SELECT count(*) FROM checkins WHERE attendee_id = ? AND result = 'accepted'").pluck().get(ama))).toBe(1);

  // The other desk knows them, their code and that Ama is already in.
  await desk.call('sync:now', {});
  expect(desk.db.prepare('SELECT first_name FROM attendees WHERE id = ?').pluck().get(ama)).toBe('Ama');
  const again = await desk.call('checkin:scan', { code: 'late-0001', method: 'wedge', at: `${day}T10:00:00` });
  expect(again.result).toBe('already_checked_in');
  expect((await desk.call('checkin:scan', { code: 'LATE-0002', method: 'wedge', at: `${day}T10:01:00` })).result).toBe('accepted');

  // A corrected list imported again: only the changed field travels, and wins at the other desk.
  const second = await organiser.call('import:run', { fileName: 'inscriptions-tardives.csv', data: lateList('Maire'), eventId });
  expect(second.updated).toBe(1);
  await organiser.call('sync:now', {});
  await desk.call('sync:now', {});
  expect(desk.db.prepare('SELECT function FROM attendees WHERE id = ?').pluck().get(ama)).toBe('Maire');
}, 60_000);

test('an import into another event on a paired kiosk stays local: nothing is queued for the hub', async () => {
  const hub = await startTestHub();
  const organiser = await paired(hub);
  const other = await organiser.call('events:create', { name: 'Séminaire interne', checkpoints: [{ id: 'porte', kind: 'entrance', name: 'Porte' }] });
  const report = await organiser.call('import:run', { fileName: 'autre-evenement.csv', data: lateList('Maire'), eventId: other.id });
  expect(report).toMatchObject({ eventId: other.id, imported: 2 });
  expect(organiser.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'attendee_upsert'").pluck().get()).toBe(0);
}, 60_000);

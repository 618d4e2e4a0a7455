import { expect, test } from 'vitest';
import { EventKeyStore, rawPublicKey } from '../../main/core/checkin/keys';
import { openKiosk, startTestHub, type TestHub, type TestKiosk } from './kiosk-helpers';

async function paired(hub: TestHub, options: Parameters<typeof openKiosk>[0] = {}): Promise<TestKiosk> {
  const kiosk = openKiosk(options);
  const status = await kiosk.call('sync:pair', { url: hub.url, code: await hub.newCode() });
  expect(status.lastError).toBeNull();
  return kiosk;
}

const count = (kiosk: TestKiosk, sql: string, ...params: unknown[]) => kiosk.db.prepare(sql).pluck().get(...params) as number;

/** An attendee of the demo event that any kiosk can admit at the entrance today. */
function someone(hub: TestHub, offset = 0): { id: string; code: string } {
  return hub.query((db) => {
    const row = db
      .prepare(
        `SELECT a.id, t.code FROM attendees a JOIN ticket_codes t ON t.attendee_id = a.id
         WHERE a.event_id = ? AND a.status = 'valid' ORDER BY a.seq LIMIT 1 OFFSET ?`,
      )
      .get(hub.eventId, offset) as { id: string; code: string };
    return row;
  });
}

/** A scan at the kiosk on one of the event's days (the demo event's days may not include today). */
async function admit(kiosk: TestKiosk, code: string): Promise<string> {
  const day = kiosk.db.prepare("SELECT date FROM event_days ORDER BY date LIMIT 1").pluck().get() as string;
  const outcome = await kiosk.call('checkin:scan', { code, method: 'search', at: `${day}T09:00:00` });
  expect(outcome.result).toBe('accepted');
  return outcome.checkinId!;
}

test('the first sync of an empty kiosk brings the event, its keys and every attendee; the status says so', async () => {
  const hub = await startTestHub();
  const kiosk = openKiosk();
  expect((await kiosk.call('sync:status', {})).state).toBe('unpaired');
  const status = await kiosk.call('sync:pair', { url: hub.url, code: hub.firstCode });

  expect(status).toMatchObject({ state: 'online', hubUrl: hub.url, pending: 0, lastError: null });
  expect(status.deviceId).toMatch(/^[0-9a-f-]{36}$/);
  expect(Date.parse(status.lastSyncAt!)).not.toBeNaN();
  const hubCount = hub.query((db) => db.prepare('SELECT count(*) FROM attendees WHERE event_id = ?').pluck().get(hub.eventId) as number);
  expect(count(kiosk, 'SELECT count(*) FROM attendees WHERE event_id = ?', hub.eventId)).toBe(hubCount);
  expect(count(kiosk, 'SELECT count(*) FROM ticket_codes WHERE event_id = ?', hub.eventId)).toBe(
    hub.query((db) => db.prepare('SELECT count(*) FROM ticket_codes WHERE event_id = ?').pluck().get(hub.eventId) as number),
  );
  const info = await kiosk.call('app:info', {});
  expect(info.event?.id).toBe(hub.eventId);
  // The hub's key pair: a badge printed here is read by every kiosk.
  const hubKey = hub.query((db) => rawPublicKey(new EventKeyStore(db).find(hub.eventId)!.publicKey).toString('base64'));
  expect(rawPublicKey(new EventKeyStore(kiosk.db).find(hub.eventId)!.publicKey).toString('base64')).toBe(hubKey);
  const person = someone(hub);
  const qr = await kiosk.call('qr:attendee', { id: person.id });
  const day = kiosk.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  expect((await kiosk.call('checkin:scan', { code: qr.text, method: 'qr', at: `${day}T09:00:00` })).result).toBe('accepted');
  // Search works on the synced list (the index was built with it).
  const found = await kiosk.call('attendees:search', { text: hub.query((db) => db.prepare('SELECT last_name FROM attendees WHERE id = ?').pluck().get(person.id) as string) });
  expect(found.map((a) => a.id)).toContain(person.id);
});

test('two kiosks admit the same person while the hub is down: after sync both hold both check-ins and list the double admission', async () => {
  const hub = await startTestHub();
  const a = await paired(hub, { name: 'Entrée A' });
  const b = await paired(hub, { name: 'Entrée B' });
  await hub.stop();
  const person = someone(hub, 3);
  const first = await admit(a, person.code);
  const second = await admit(b, person.code);
  const down = await a.fail('sync:now', {});
  expect(down.code).toBe('sync.unreachable');
  expect(down.params).toMatchObject({ url: hub.url });
  expect((await a.call('sync:status', {})).pending).toBe(1);
  await hub.start();
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  for (const kiosk of [a, b]) {
    const ids = kiosk.db.prepare("SELECT id FROM checkins WHERE attendee_id = ? AND result = 'accepted' ORDER BY id").pluck().all(person.id);
    expect(ids).toEqual([first, second].sort());
    const { doubleAdmissions } = await kiosk.call('sync:conflicts', {});
    expect(doubleAdmissions).toHaveLength(1);
    expect(doubleAdmissions[0]!.attendee.id).toBe(person.id);
    expect(doubleAdmissions[0]!.checkins.map((c) => c.kioskName).sort()).toEqual(['Entrée A', 'Entrée B']);
    expect((await kiosk.call('sync:status', {})).pending).toBe(0);
  }
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM checkins WHERE attendee_id = ?').pluck().get(person.id))).toBe(2);
});

test('edits on two kiosks: different fields both survive; on one field the later clock wins even from a kiosk 10 minutes behind', async () => {
  const hub = await startTestHub();
  const a = await paired(hub);
  const b = await paired(hub, { offsetMs: -10 * 60 * 1000 });
  const person = someone(hub, 5);
  await a.call('attendees:update', { id: person.id, fields: { function: 'Directrice' } });
  await b.call('attendees:update', { id: person.id, fields: { organisation: 'Mairie de Lyon' } });
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  for (const kiosk of [a, b]) expect(await kiosk.call('attendees:get', { id: person.id })).toMatchObject({ function: 'Directrice', organisation: 'Mairie de Lyon' });

  // A writes the name first; B (10 minutes behind, but it has seen A's edit) writes it after: B's wins everywhere.
  await a.call('attendees:update', { id: person.id, fields: { lastName: 'Premier' } });
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  await b.call('attendees:update', { id: person.id, fields: { lastName: 'Second' } });
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  for (const kiosk of [a, b]) expect((await kiosk.call('attendees:get', { id: person.id })).lastName).toBe('Second');
  expect(hub.query((db) => db.prepare('SELECT last_name FROM attendees WHERE id = ?').pluck().get(person.id))).toBe('Second');
  const outbox = JSON.parse(b.db.prepare("SELECT payload FROM outbox WHERE kind = 'attendee_update' ORDER BY seq DESC LIMIT 1").pluck().get() as string) as {
    clocks: Record<string, string>;
  };
  expect(Object.keys(outbox.clocks)).toEqual(['lastName']);
});

test('a walk-in on kiosk A reaches kiosk B; the same person registered on both while apart is flagged, never merged', async () => {
  const hub = await startTestHub();
  const a = await paired(hub);
  const b = await paired(hub);
  const walkin = { firstName: 'Aurélie', lastName: 'Vasseur-Tindall', organisation: 'Institut Pasteur', email: 'aurelie.vasseur@example.org', consent: true };
  const created = await a.call('walkin:create', walkin);
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  expect((await b.call('attendees:get', { id: created.attendee.id })).lastName).toBe('Vasseur-Tindall');
  expect((await b.call('sync:conflicts', {})).flags).toEqual([]);

  await hub.stop();
  const other = { firstName: 'Kwame', lastName: 'Mensah-Oduro', organisation: 'Ghana Health Service', email: 'k.mensah@example.org', consent: true };
  const onA = await a.call('walkin:create', other);
  const onB = await b.call('walkin:create', { ...other, organisation: 'Ghana Health Services' });
  await hub.start();
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  for (const kiosk of [a, b]) {
    const { flags } = await kiosk.call('sync:conflicts', {});
    expect(flags).toHaveLength(1);
    expect([flags[0]!.attendee.id, flags[0]!.other?.id].sort()).toEqual([onA.attendee.id, onB.attendee.id].sort());
    expect(flags[0]!.resolution).toBe('');
    // Both records stay.
    expect(count(kiosk, "SELECT count(*) FROM attendees WHERE last_name = 'Mensah-Oduro'")).toBe(2);
  }
  const flag = (await a.call('sync:conflicts', {})).flags[0]!;
  const resolved = await a.call('sync:resolveFlag', { id: flag.id, resolution: 'dismissed' });
  expect(resolved.flags[0]).toMatchObject({ id: flag.id, resolution: 'dismissed' });
  expect(resolved.flags[0]!.resolvedAt).not.toBeNull();
});

test('not paired: sync:now says sync.not_paired; unpair forgets the hub but keeps what was made here', async () => {
  const kiosk = openKiosk();
  expect((await kiosk.fail('sync:now', {})).code).toBe('sync.not_paired');
  const hub = await startTestHub();
  const a = await paired(hub);
  const person = someone(hub, 7);
  await admit(a, person.code);
  const status = await a.call('sync:unpair', {});
  expect(status).toMatchObject({ state: 'unpaired', hubUrl: null, deviceId: null });
  expect((await a.fail('sync:now', {})).code).toBe('sync.not_paired');
  expect(count(a, "SELECT count(*) FROM checkins WHERE attendee_id = ? AND result = 'accepted'", person.id)).toBe(1);
});

test('a revoked device: sync.unauthorized in the status, nothing lost here, nothing stored at the hub', async () => {
  const hub = await startTestHub();
  const a = await paired(hub);
  const deviceId = (await a.call('sync:status', {})).deviceId!;
  hub.revoke(deviceId);
  const person = someone(hub, 9);
  const checkinId = await admit(a, person.code);
  expect((await a.fail('sync:now', {})).code).toBe('sync.unauthorized');
  const status = await a.call('sync:status', {});
  expect(status.lastError?.code).toBe('sync.unauthorized');
  expect(status.pending).toBe(1);
  expect(count(a, 'SELECT count(*) FROM checkins WHERE id = ?', checkinId)).toBe(1);
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM checkins WHERE id = ?').pluck().get(checkinId))).toBe(0);
  // Paired again with a new code: everything goes.
  await a.call('sync:pair', { url: hub.url, code: await hub.newCode() });
  expect((await a.call('sync:status', {})).pending).toBe(0);
  expect(hub.query((db) => db.prepare('SELECT count(*) FROM checkins WHERE id = ?').pluck().get(checkinId))).toBe(1);
});

test('a hub restored from an older backup: the kiosk pushes everything again and pulls from the start; nothing lost, nothing twice', async () => {
  const hub = await startTestHub();
  const a = await paired(hub);
  const b = await paired(hub);
  const backup = await hub.backup();
  const early = await admit(a, someone(hub, 11).code);
  const late = await admit(b, someone(hub, 12).code);
  await a.call('sync:now', {});
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  await hub.stop();
  hub.restore(backup);
  await hub.start();
  // The hub's log no longer holds the kiosks' cursors.
  const reportA = await a.services.syncEngine.syncOnce();
  expect(reportA.cursorReset).toBe(true);
  await b.call('sync:now', {});
  await a.call('sync:now', {});
  const ids = (db: { prepare: TestKiosk['db']['prepare'] }) => db.prepare("SELECT id FROM checkins WHERE result = 'accepted' ORDER BY id").pluck().all();
  expect(ids(a.db)).toEqual([early, late].sort());
  expect(ids(b.db)).toEqual([early, late].sort());
  expect(hub.query((db) => ids(db))).toEqual([early, late].sort());
});

test('a QR code revoked at one desk (lost badge) is refused at every desk after sync, and the new one is accepted', async () => {
  const hub = await startTestHub();
  const a = await paired(hub, { name: 'Entrée A' });
  const b = await paired(hub, { name: 'Entrée B' });
  const person = someone(hub, 5);
  const day = b.db.prepare('SELECT date FROM event_days ORDER BY date LIMIT 1').pluck().get() as string;
  const lost = await a.call('qr:attendee', { id: person.id });
  const revoked = await a.call('token:revoke', { attendeeId: person.id });
  expect(revoked.tokenVersion).toBe(2);
  expect((await a.call('sync:now', {})).pending).toBe(0);
  await b.call('sync:now', {});

  const old = await b.call('checkin:scan', { code: lost.text, method: 'qr', at: `${day}T09:00:00` });
  expect(old.result).toBe('revoked');
  const reissued = await a.call('qr:attendee', { id: person.id });
  expect((await b.call('checkin:scan', { code: reissued.text, method: 'qr', at: `${day}T09:05:00` })).result).toBe('accepted');
  // The hub holds the new version too (a kiosk paired later gets it in the snapshot).
  expect(hub.query((db) => db.prepare('SELECT token_version FROM attendees WHERE id = ?').pluck().get(person.id))).toBe(2);
});

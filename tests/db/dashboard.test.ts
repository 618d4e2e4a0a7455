import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { DashboardFigures } from '../../main/core/dashboard/figures';
import { originOf } from '../../main/core/dashboard/origin';
import { DashboardTallies } from '../../main/core/dashboard/tallies';
import type { Dashboard } from '../../main/core/dashboard/types';
import { DEMO_EVENT_ID } from '../../main/core/demo/demo';
import { openCore, type Core } from '../helpers/services';

/**
 * A small event counted by hand (Paris, UTC+2 in September):
 *
 * | who | country, category | day 1 (17th) | day 2 (18th) |
 * | A | France, Élu·e, registered ws1 | door 09:05 | door-b 08:50, ws1 10:02, ws2 (override) undone |
 * | B | Martinique, Élu·e | door 09:14, door-b 09:20 (a second entrance: still one person), meeting (override) | — |
 * | C | Sénégal, Délégation étrangère | door 09:40, undone | — |
 * | D | (none), Presse | — | door 11:59 |
 * | E | Sénégal, Presse | door 09:00, then cancelled | — |
 * | F | Bénin, Participant·e: walk-in | — | registered and checked in at 10:30 |
 * | G | France, Partenaire, registered ws1 | — | — |
 */
async function handBuiltEvent() {
  const clock = { now: new Date('2026-09-17T06:00:00Z') };
  const core = openCore(() => clock.now);
  const event = await core.call('events:create', {
    name: 'Rencontres',
    timezone: 'Europe/Paris',
    days: [
      { date: '2026-09-17', label: 'Jour 1' },
      { date: '2026-09-18', label: 'Jour 2' },
    ],
    checkpoints: [
      { id: 'door', kind: 'entrance', name: 'Entrée principale' },
      { id: 'door-b', kind: 'entrance', name: 'Entrée B' },
      { id: 'meet', kind: 'session', name: 'Réunion Afrique', day: '2026-09-17', room: 'Salle 1', capacity: 10, startsAt: '14:00' },
      { id: 'ws1', kind: 'session', name: 'Atelier climat', day: '2026-09-18', room: 'Salle 2', capacity: 2, startsAt: '10:00' },
      { id: 'ws2', kind: 'session', name: 'Atelier sport', day: '2026-09-18', room: 'Salle 3', startsAt: '10:00' },
    ],
    select: true,
  });
  const attendees = new Attendees(core.db);
  const add = (firstName: string, country: string, category: string, sessions: string[] = []) =>
    attendees.insert({ eventId: event.id, firstName, lastName: 'Test', country, category, sessions });
  const p = {
    A: add('A', 'France', 'Élu·e', ['ws1']),
    B: add('B', 'Martinique', 'Élu·e'),
    C: add('C', 'Sénégal', 'Délégation étrangère'),
    D: add('D', '', 'Presse'),
    E: add('E', 'Sénégal', 'Presse'),
    G: add('G', 'France', 'Partenaire', ['ws1']),
  };
  const scan = async (id: string, checkpointId: string, at: string, override = false) => {
    const outcome = await core.call('checkin:scan', { code: id, method: 'search', checkpointId, at, override });
    expect(outcome.result, `${id} at ${checkpointId} ${at}`).toBe('accepted');
    return outcome.checkinId!;
  };
  return { core, clock, eventId: event.id, p, scan, attendees };
}

async function scanHandBuiltEvent(e: Awaited<ReturnType<typeof handBuiltEvent>>) {
  const { core, clock, p, scan } = e;
  await scan(p.A, 'door', '2026-09-17T09:05');
  await scan(p.B, 'door', '2026-09-17T09:14');
  await scan(p.B, 'door-b', '2026-09-17T09:20');
  await scan(p.B, 'meet', '2026-09-17T14:05', true);
  await core.call('checkin:undo', { checkinId: await scan(p.C, 'door', '2026-09-17T09:40'), reason: 'wrong person' });
  await scan(p.E, 'door', '2026-09-17T09:00');
  e.attendees.update(p.E, {}, 'cancelled');
  await scan(p.A, 'door-b', '2026-09-18T08:50');
  await scan(p.A, 'ws1', '2026-09-18T10:02');
  await core.call('checkin:undo', { checkinId: await scan(p.A, 'ws2', '2026-09-18T10:05', true), reason: 'wrong room' });
  await scan(p.D, 'door', '2026-09-18T11:59');
  clock.now = new Date('2026-09-18T08:30:00Z'); // 10:30 in Paris
  const walkin = await core.call('walkin:create', { firstName: 'F', lastName: 'Test', country: 'Bénin', category: 'Participant·e', consent: true, checkIn: true });
  expect(walkin.checkin?.result).toBe('accepted');
  clock.now = new Date('2026-09-18T10:00:00Z'); // noon in Paris, day 2
  return walkin.attendee.id;
}

const slot = (dashboard: Dashboard, start: string) => dashboard.arrivalsPer15.find((s) => s.start === start)?.count;

describe('dashboard figures on a hand-built event', () => {
  it('counts people per day, category, country and origin; undone and cancelled never count', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    const day2 = await e.core.call('dashboard:get', {});
    expect(day2.eventId).toBe(e.eventId);
    expect(day2.day).toBe('2026-09-18'); // today at the venue
    expect(day2.overall).toEqual({ arrived: 4, expected: 6 }); // A B D F of A B C D F G
    expect(day2.days).toEqual([
      { date: '2026-09-17', label: 'Jour 1', arrived: 2, expected: 5 },
      { date: '2026-09-18', label: 'Jour 2', arrived: 3, expected: 6 },
    ]);
    expect(day2.byCategory).toEqual([
      { key: 'Élu·e', arrived: 1, expected: 2 },
      { key: 'Participant·e', arrived: 1, expected: 1 },
      { key: 'Presse', arrived: 1, expected: 1 },
      { key: 'Délégation étrangère', arrived: 0, expected: 1 },
      { key: 'Partenaire', arrived: 0, expected: 1 },
    ]);
    expect(day2.byCountry).toEqual([
      { key: 'France', arrived: 1, expected: 2 },
      { key: '', arrived: 1, expected: 1 },
      { key: 'Bénin', arrived: 1, expected: 1 },
      { key: 'Martinique', arrived: 0, expected: 1 },
      { key: 'Sénégal', arrived: 0, expected: 1 },
    ]);
    expect(day2.byOrigin).toEqual({
      french: { arrived: 1, expected: 3 },
      foreign: { arrived: 1, expected: 2 },
      unknown: { arrived: 1, expected: 1 },
    });
    expect(day2.walkins).toEqual({ total: 1, onDay: 1 });
    expect(day2.noShows).toBe(3); // B, C, G
    expect(day2.generatedAt).toBe('2026-09-18T10:00:00.000Z');

    const day1 = await e.core.call('dashboard:get', { day: '2026-09-17' });
    expect(day1.day).toBe('2026-09-17');
    expect(day1.byCategory).toEqual([
      { key: 'Élu·e', arrived: 2, expected: 2 },
      { key: 'Délégation étrangère', arrived: 0, expected: 1 },
      { key: 'Partenaire', arrived: 0, expected: 1 },
      { key: 'Presse', arrived: 0, expected: 1 },
    ]);
    expect(day1.byOrigin).toEqual({ french: { arrived: 2, expected: 3 }, foreign: { arrived: 0, expected: 1 }, unknown: { arrived: 0, expected: 1 } });
    expect(day1.walkins).toEqual({ total: 1, onDay: 0 });
    expect(day1.noShows).toBe(3); // C, D, G
  });

  it('puts first arrivals in 15-minute slots of the venue clock, empty quarters included', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    const day1 = await e.core.call('dashboard:get', { day: '2026-09-17' });
    // A 09:05 and B 09:14 (B's second entrance is not a second arrival); C undone, E cancelled.
    expect(day1.arrivalsPer15).toEqual([{ start: '2026-09-17T09:00', count: 2 }]);
    const day2 = await e.core.call('dashboard:get', {});
    expect(day2.arrivalsPer15).toHaveLength(13); // 08:45 … 11:45
    expect(day2.arrivalsPer15[0]).toEqual({ start: '2026-09-18T08:45', count: 1 });
    expect(slot(day2, '2026-09-18T10:30')).toBe(1);
    expect(slot(day2, '2026-09-18T11:45')).toBe(1);
    expect(slot(day2, '2026-09-18T09:00')).toBe(0);
    expect(day2.arrivalsPer15.reduce((n, s) => n + s.count, 0)).toBe(day2.days[1]!.arrived);
  });

  it('slots follow the event time zone (Kolkata, UTC+5:30)', async () => {
    const core = openCore(() => new Date('2026-03-02T12:00:00Z'));
    const event = await core.call('events:create', {
      name: 'Delhi',
      timezone: 'Asia/Kolkata',
      days: [{ date: '2026-03-02' }],
      checkpoints: [{ id: 'gate', kind: 'entrance', name: 'Gate' }],
      select: true,
    });
    const attendees = new Attendees(core.db);
    const ids = [0, 1, 2].map((i) => attendees.insert({ eventId: event.id, firstName: `P${i}`, lastName: 'Test' }));
    // 03:44Z = 09:14 local; 03:45Z = 09:15 local; 04:29:59Z = 09:59:59 local.
    for (const [i, at] of ['2026-03-02T03:44:00Z', '2026-03-02T03:45:00Z', '2026-03-02T04:29:59Z'].entries()) {
      expect((await core.call('checkin:scan', { code: ids[i]!, method: 'search', at })).result).toBe('accepted');
    }
    const dashboard = await core.call('dashboard:get', {});
    expect(dashboard.arrivalsPer15).toEqual([
      { start: '2026-03-02T09:00', count: 1 },
      { start: '2026-03-02T09:15', count: 1 },
      { start: '2026-03-02T09:30', count: 0 },
      { start: '2026-03-02T09:45', count: 1 },
    ]);
  });

  it('shows each room against its capacity and registrations', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    const { rooms } = await e.core.call('dashboard:get', {});
    expect(rooms).toEqual([
      { checkpointId: 'meet', name: 'Réunion Afrique', room: 'Salle 1', day: '2026-09-17', startsAt: '14:00', capacity: 10, attended: 1, registered: 0 },
      { checkpointId: 'ws1', name: 'Atelier climat', room: 'Salle 2', day: '2026-09-18', startsAt: '10:00', capacity: 2, attended: 1, registered: 2 },
      { checkpointId: 'ws2', name: 'Atelier sport', room: 'Salle 3', day: '2026-09-18', startsAt: '10:00', capacity: null, attended: 0, registered: 0 },
    ]);
  });

  it('lists who attended each room: first entry and desk, registered or admitted anyway, undone and cancelled left out, by last name', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    const desk = e.core.services.settings.kioskName();
    // A second entry later is "already in" at the door: still one line, with the first time.
    expect((await e.core.call('checkin:scan', { code: e.p.A, method: 'search', checkpointId: 'ws1', at: '2026-09-18T11:30' })).result).toBe('already_checked_in');
    // Someone registered comes in too, and is later cancelled: no longer listed (nor counted).
    const lateG = await e.core.call('checkin:scan', { code: e.p.G, method: 'search', checkpointId: 'ws1', at: '2026-09-18T10:20' });
    expect(lateG.result).toBe('accepted');
    // Two people sorted as a French reader expects (accents do not push Émile after Z).
    const emile = e.attendees.insert({ eventId: e.eventId, firstName: 'Émile', lastName: 'Éluard', country: 'France', sessions: ['ws1'] });
    await e.scan(emile, 'ws1', '2026-09-18T10:40');
    const ws1 = await e.core.call('dashboard:room', { checkpointId: 'ws1', day: '2026-09-17' });
    expect(ws1).toMatchObject({ checkpointId: 'ws1', name: 'Atelier climat', day: '2026-09-18' });
    expect(ws1.people.map((p) => [p.firstName, p.lastName, p.firstAt, p.localTime, p.kiosk, p.registered])).toEqual([
      ['Émile', 'Éluard', '2026-09-18T08:40:00.000Z', '10:40', desk, true],
      ['A', 'Test', '2026-09-18T08:02:00.000Z', '10:02', desk, true],
      ['G', 'Test', '2026-09-18T08:20:00.000Z', '10:20', desk, true],
    ]);
    e.attendees.update(e.p.G, {}, 'cancelled');
    expect((await e.core.call('dashboard:room', { checkpointId: 'ws1', day: '2026-09-18' })).people.map((p) => p.firstName)).toEqual(['Émile', 'A']);
    // Admitted to the meeting without registering (an override); the sport workshop's entry was undone.
    expect((await e.core.call('dashboard:room', { checkpointId: 'meet', day: '2026-09-18' })).people).toEqual([
      expect.objectContaining({ attendeeId: e.p.B, firstName: 'B', registered: false, firstAt: '2026-09-17T12:05:00.000Z' }),
    ]);
    expect((await e.core.call('dashboard:room', { checkpointId: 'ws2', day: '2026-09-18' })).people).toEqual([]);
    // The room count on the dashboard agrees with the list.
    const { rooms } = await e.core.call('dashboard:get', {});
    expect(rooms.find((r) => r.checkpointId === 'ws1')?.attended).toBe(2);
    // An entrance or an unknown id is not a room.
    expect((await e.core.fail('dashboard:room', { checkpointId: 'door', day: '2026-09-18' })).code).toBe('checkpoint.not_found');
    expect((await e.core.fail('dashboard:room', { checkpointId: 'nope', day: '2026-09-18' })).code).toBe('checkpoint.not_found');
  });

  it('no-shows only once the day has started at the venue', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    e.clock.now = new Date('2026-09-17T21:59:00Z'); // 23:59 on day 1 in Paris
    const before = await e.core.call('dashboard:get', { day: '2026-09-18' });
    expect(before.noShows).toBe(0);
    expect((await e.core.call('dashboard:get', { day: '2026-09-17' })).noShows).toBe(3);
    e.clock.now = new Date('2026-09-17T22:00:00Z'); // midnight: day 2 has started
    expect((await e.core.call('dashboard:get', { day: '2026-09-18' })).noShows).toBe(3);
  });

  it('follows changes made after a read: new scans, an undo, a cancellation, a corrected country', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    await e.core.call('dashboard:get', {}); // tallies counted
    await e.scan(e.p.G, 'door', '2026-09-18T09:31');
    let day2 = await e.core.call('dashboard:get', {});
    expect(day2.days[1]).toMatchObject({ arrived: 4, expected: 6 });
    expect(slot(day2, '2026-09-18T09:30')).toBe(1);
    expect(day2.rooms.find((r) => r.checkpointId === 'ws1')).toMatchObject({ attended: 1, registered: 2 });

    // G's country corrected: France → Sénégal moves both expected and arrived.
    await e.core.call('attendees:update', { id: e.p.G, fields: { country: 'Sénégal' } });
    day2 = await e.core.call('dashboard:get', {});
    expect(day2.byCountry.find((r) => r.key === 'Sénégal')).toEqual({ key: 'Sénégal', arrived: 1, expected: 2 });
    expect(day2.byCountry.find((r) => r.key === 'France')).toEqual({ key: 'France', arrived: 1, expected: 1 });

    // A cancelled: gone from expected, arrived, the slots and the room's registrations.
    e.attendees.update(e.p.A, {}, 'cancelled');
    day2 = await e.core.call('dashboard:get', {});
    expect(day2.overall).toEqual({ arrived: 4, expected: 5 }); // B D F G of B C D F G
    expect(day2.days[1]).toMatchObject({ arrived: 3, expected: 5 });
    expect(slot(day2, '2026-09-18T08:45')).toBeUndefined();
    expect(day2.rooms.find((r) => r.checkpointId === 'ws1')).toMatchObject({ attended: 0, registered: 1 });

    // D's only arrival undone: D is a no-show again.
    const dCheckin = e.core.db.prepare("SELECT id FROM checkins WHERE attendee_id = ? AND result = 'accepted'").pluck().get(e.p.D) as string;
    await e.core.call('checkin:undo', { checkinId: dCheckin, reason: 'mistake' });
    day2 = await e.core.call('dashboard:get', {});
    expect(day2.days[1]).toMatchObject({ arrived: 2, expected: 5 });
    expect(day2.noShows).toBe(3); // B C D
    expect(day2.overall.arrived).toBe(3);

    // The same figures when everything is counted again from scratch.
    e.core.db.prepare('UPDATE dashboard_state SET stale = 1').run();
    expect({ ...(await e.core.call('dashboard:get', {})), generatedAt: '' }).toEqual({ ...day2, generatedAt: '' });
  });

  it('a deleted attendee (a purge) leaves nothing in the tallies; the figures are counted again', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    await e.core.call('dashboard:get', {});
    e.core.db.prepare('DELETE FROM attendees WHERE id = ?').run(e.p.A);
    expect(e.core.db.prepare('SELECT count(*) FROM dashboard_presence WHERE attendee_id = ?').pluck().get(e.p.A)).toBe(0);
    const day2 = await e.core.call('dashboard:get', {});
    expect(day2.overall).toEqual({ arrived: 3, expected: 5 });
    expect(day2.days[1]).toMatchObject({ arrived: 2, expected: 5 });
    expect(day2.rooms.find((r) => r.checkpointId === 'ws1')).toMatchObject({ attended: 0, registered: 1 });
  });

  it('counted in chunks of one row at a time (undo and check-in in different chunks): the same figures', async () => {
    const e = await handBuiltEvent();
    await scanHandBuiltEvent(e);
    const whole = await e.core.call('dashboard:get', {});
    e.core.db.prepare('UPDATE dashboard_state SET stale = 1').run();
    const tallies = new DashboardTallies(e.core.db, { checkins: 1, attendees: 1 });
    let steps = 0;
    while (tallies.step()) steps++;
    expect(steps).toBe(12); // 13 check-in rows, undos included: the last step says there is no more
    const { generatedAt: _generatedAt, kiosks: _kiosks, ...figures } = whole;
    expect(new DashboardFigures(e.core.db).read(e.eventId, undefined, e.clock.now)).toEqual(figures);
  });

  it('an earlier check-in synced later moves the first arrival to its slot', async () => {
    const e = await handBuiltEvent();
    await e.scan(e.p.A, 'door', '2026-09-17T10:40');
    e.clock.now = new Date('2026-09-17T10:00:00Z');
    expect((await e.core.call('dashboard:get', {})).arrivalsPer15).toEqual([{ start: '2026-09-17T10:30', count: 1 }]);
    // The same person at the other door earlier, as another kiosk's check-in arriving by sync.
    e.core.db
      .prepare(
        `INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, method, result, at)
         VALUES ('synced-1', ?, ?, 'door-b', '2026-09-17', 'other-kiosk', 'qr', 'accepted', '2026-09-17T06:10:00.000Z')`,
      )
      .run(e.eventId, e.p.A);
    const dashboard = await e.core.call('dashboard:get', {});
    expect(dashboard.arrivalsPer15.filter((s) => s.count > 0)).toEqual([{ start: '2026-09-17T08:00', count: 1 }]);
    expect(dashboard.days[0]).toMatchObject({ arrived: 1 });
  });
});

describe('dashboard without figures', () => {
  it('an event with no check-ins: everyone expected, nobody arrived, no slots', async () => {
    const e = await handBuiltEvent();
    const dashboard = await e.core.call('dashboard:get', {});
    expect(dashboard.day).toBe('2026-09-17');
    expect(dashboard.overall).toEqual({ arrived: 0, expected: 6 }); // A B C D E G (nobody cancelled yet)
    expect(dashboard.days.map((d) => d.arrived)).toEqual([0, 0]);
    expect(dashboard.arrivalsPer15).toEqual([]);
    expect(dashboard.rooms.map((r) => r.attended)).toEqual([0, 0, 0]);
    expect(dashboard.noShows).toBe(6);
    expect(dashboard.walkins).toEqual({ total: 0, onDay: 0 });
  });

  it('no current event: eventId null and empty figures, this kiosk still listed', async () => {
    const core = openCore(() => new Date('2026-09-17T08:00:00Z'));
    const dashboard = await core.call('dashboard:get', {});
    expect(dashboard).toMatchObject({
      eventId: null,
      day: null,
      overall: { arrived: 0, expected: 0 },
      days: [],
      byCategory: [],
      byCountry: [],
      byOrigin: { french: { arrived: 0, expected: 0 }, foreign: { arrived: 0, expected: 0 }, unknown: { arrived: 0, expected: 0 } },
      arrivalsPer15: [],
      rooms: [],
      walkins: { total: 0, onDay: 0 },
      noShows: 0,
    });
    expect(dashboard.kiosks).toEqual([{ kioskId: core.services.settings.kioskId(), name: core.services.settings.kioskName(), self: true, lastSyncAt: null, pending: 0 }]);
  });

  it('refuses a malformed day', async () => {
    const core = openCore();
    expect((await core.fail('dashboard:get', { day: '18/09/2026' })).code).toBe('invalid_input');
  });
});

describe('dashboard on the demo event', () => {
  it('counts the demo attendees and a few arrivals, with this kiosk pending them', async () => {
    const now = new Date();
    const core: Core = openCore(() => now);
    await core.call('demo:load', {});
    const empty = await core.call('dashboard:get', {});
    expect(empty.eventId).toBe(DEMO_EVENT_ID);
    const valid = core.db.prepare("SELECT count(*) FROM attendees WHERE event_id = ? AND status = 'valid'").pluck().get(DEMO_EVENT_ID) as number;
    expect(valid).toBeGreaterThan(500);
    expect(empty.overall).toEqual({ arrived: 0, expected: valid });
    expect(empty.byOrigin.french.expected + empty.byOrigin.foreign.expected + empty.byOrigin.unknown.expected).toBe(valid);
    expect(empty.byOrigin.french.expected).toBeGreaterThan(0);
    expect(empty.byOrigin.foreign.expected).toBeGreaterThan(0);
    expect(empty.rooms.length).toBeGreaterThan(0);
    expect(empty.rooms.reduce((n, r) => n + r.registered, 0)).toBeGreaterThan(0);

    const ids = core.db.prepare("SELECT id FROM attendees WHERE event_id = ? AND status = 'valid' ORDER BY seq LIMIT 3").pluck().all(DEMO_EVENT_ID) as string[];
    for (const id of ids) expect((await core.call('checkin:scan', { code: id, method: 'search' })).result).toBe('accepted');
    const after = await core.call('dashboard:get', {});
    expect(after.days.find((d) => d.date === after.day)).toMatchObject({ arrived: 3 });
    expect(after.overall.arrived).toBe(3);
    expect(after.arrivalsPer15.reduce((n, s) => n + s.count, 0)).toBe(3);
    expect(after.kiosks).toEqual([expect.objectContaining({ self: true, pending: 3, lastSyncAt: null })]);
  });
});

describe('origin of a country', () => {
  it.each([
    ['France', 'french'],
    ['FRANCE ', 'french'],
    ['fr', 'french'],
    ['République française', 'french'],
    ['Martinique', 'french'],
    ['Nouvelle Calédonie', 'french'],
    ['La Réunion', 'french'],
    ['Sénégal', 'foreign'],
    ['Belgique', 'foreign'],
    ['Côte d’Ivoire', 'foreign'],
    ['', 'unknown'],
    ['   ', 'unknown'],
  ])('%s is %s', (country, origin) => {
    expect(originOf(country)).toBe(origin);
  });
});

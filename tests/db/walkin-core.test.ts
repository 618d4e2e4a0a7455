import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import type { Input } from '../../main/core/contract';
import type { Database } from '../../main/core/db/open';
import { openCore } from '../helpers/services';

/** An event on 18–19 September 2023 (Paris) with François Rebsamen and a few others registered. */
async function desk() {
  const clock = { now: new Date('2023-09-18T07:14:00Z') };
  const { db, services, call, fail } = openCore(() => clock.now);
  const event = await call('events:create', {
    name: 'Rencontres',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18' }, { date: '2023-09-19' }],
    checkpoints: [{ id: 'entree', kind: 'entrance', name: 'Entrée principale' }],
    select: true,
  });
  const attendees = new Attendees(db);
  const people = {
    rebsamen: attendees.insert({
      eventId: event.id,
      honorific: 'M.',
      firstName: 'François',
      lastName: 'Rebsamen',
      organisation: 'Dijon Métropole',
      email: 'francois.rebsamen@metropole-dijon.fr',
    }),
    diop: attendees.insert({ eventId: event.id, firstName: 'Awa', lastName: 'Diop', email: 'awa@example.org' }),
    other: attendees.insert({ eventId: event.id, firstName: 'Marie', lastName: 'Rebsamen', organisation: 'Ville de Lyon' }),
  };
  return { db, clock, eventId: event.id, people, call, fail };
}

const count = (db: Database, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const attendeeCount = (db: Database) => count(db, 'SELECT count(*) AS n FROM attendees');

describe('walk-in duplicate check', () => {
  it.each([
    ['francois', 'rebsamen', 'same_name'],
    ['FRANÇOIS', 'REBSAMEN', 'same_name'],
    ['Rebsamen', 'François', 'same_name'],
    ['Françoise', 'Rebsamen', 'similar_name'],
    ['François', 'Rebsamne', 'similar_name'],
  ])('finds François Rebsamen for %s %s (%s)', async (firstName, lastName, reason) => {
    const d = await desk();
    const { candidates } = await d.call('walkin:check', { firstName, lastName });
    expect(candidates[0]).toMatchObject({ attendee: { id: d.people.rebsamen, firstName: 'François', organisation: 'Dijon Métropole' } });
    expect(candidates[0]!.reasons).toContain(reason);
    // Another Rebsamen with a different first name is not taken for him.
    expect(candidates.map((c) => c.attendee.id)).not.toContain(d.people.other);
  });

  it('finds the same e-mail under a different name, and notes the same organisation', async () => {
    const d = await desk();
    const byEmail = await d.call('walkin:check', { firstName: 'Jean', lastName: 'Martin', email: 'Awa@Example.org' });
    expect(byEmail.candidates).toHaveLength(1);
    expect(byEmail.candidates[0]).toMatchObject({ attendee: { id: d.people.diop }, reasons: ['same_email'] });
    const withOrg = await d.call('walkin:check', { firstName: 'Francois', lastName: 'Rebsamem', organisation: 'dijon metropole' });
    expect(withOrg.candidates[0]!.reasons).toEqual(['similar_name', 'same_organisation']);
  });

  it('finds nobody for a new person', async () => {
    const d = await desk();
    expect((await d.call('walkin:check', { firstName: 'Kwame', lastName: 'Mensah' })).candidates).toEqual([]);
  });
});

describe('walk-in registration', () => {
  it('creates, checks in, queues for sync and logs in one step', async () => {
    const d = await desk();
    const outcome = await d.call('walkin:create', {
      honorific: 'Mme',
      firstName: 'Kwame',
      lastName: 'Mensah',
      organisation: 'Ville de Kumasi',
      country: 'Ghana',
      category: 'Élu·e',
      email: 'kwame@example.org',
      consent: true,
    });
    expect(outcome.attendee).toMatchObject({ firstName: 'Kwame', lastName: 'Mensah', source: 'walk-in', status: 'valid', country: 'Ghana' });
    expect(outcome.attendee.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.checkin).toMatchObject({ result: 'accepted', attendee: { id: outcome.attendee.id } });
    expect(outcome.duplicates).toEqual([]);
    const checkin = d.db.prepare('SELECT method, attendee_id FROM checkins WHERE id = ?').get(outcome.checkin!.checkinId) as Record<string, string>;
    expect(checkin).toEqual({ method: 'walk-in', attendee_id: outcome.attendee.id });
    const outbox = d.db.prepare("SELECT payload FROM outbox WHERE kind = 'walkin'").all() as { payload: string }[];
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ id: outcome.attendee.id, firstName: 'Kwame', email: 'kwame@example.org', source: 'walk-in', consent: true });
    expect(count(d.db, "SELECT count(*) AS n FROM outbox WHERE kind = 'checkin'")).toBe(1);
    expect(count(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'walkin.create' AND target = ?", outcome.attendee.id)).toBe(1);
    expect(JSON.parse(d.db.prepare("SELECT details FROM audit_log WHERE action = 'walkin.create'").pluck().get() as string)).toMatchObject({ consent: true });
    // The new person is searchable at once.
    expect((await d.call('attendees:search', { text: 'mensah' })).map((a) => a.id)).toEqual([outcome.attendee.id]);
  });

  it('registers without check-in when asked', async () => {
    const d = await desk();
    const outcome = await d.call('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: true, checkIn: false });
    expect(outcome.checkin).toBeNull();
    expect(count(d.db, 'SELECT count(*) AS n FROM checkins')).toBe(0);
  });

  it('leaves no attendee when the check-in is refused (a day outside the event)', async () => {
    const d = await desk();
    d.clock.now = new Date('2023-09-25T08:00:00Z');
    const before = attendeeCount(d.db);
    const error = await d.fail('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: true });
    expect(error).toMatchObject({ code: 'walkin.checkin_refused', params: { result: 'wrong_day' } });
    expect(attendeeCount(d.db)).toBe(before);
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count(d.db, 'SELECT count(*) AS n FROM checkins')).toBe(0);
    expect(count(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'walkin.create'")).toBe(0);
  });

  it('leaves no attendee, outbox or audit row when recording the check-in fails', async () => {
    const d = await desk();
    const before = attendeeCount(d.db);
    d.db.exec("CREATE TEMP TRIGGER break_checkins BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const error = await d.fail('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: true });
    expect(error).toMatchObject({ code: 'internal', message: expect.stringContaining('disk full') });
    expect(attendeeCount(d.db)).toBe(before);
    expect(count(d.db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'walkin.create'")).toBe(0);
    d.db.exec('DROP TRIGGER break_checkins');
    expect((await d.call('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: true })).checkin?.result).toBe('accepted');
  });

  it('refuses a likely duplicate unless confirmed', async () => {
    const d = await desk();
    const before = attendeeCount(d.db);
    const error = await d.fail('walkin:create', { firstName: 'francois', lastName: 'rebsamen', consent: true });
    expect(error).toMatchObject({ code: 'walkin.possible_duplicate', params: { name: 'M. François Rebsamen', organisation: 'Dijon Métropole', id: d.people.rebsamen } });
    expect(attendeeCount(d.db)).toBe(before);
    const forced = await d.call('walkin:create', { firstName: 'francois', lastName: 'rebsamen', consent: true, confirmNotDuplicate: true });
    expect(forced.duplicates.map((c) => c.attendee.id)).toEqual([d.people.rebsamen]);
    expect(attendeeCount(d.db)).toBe(before + 1);
    const audit = d.db.prepare("SELECT details FROM audit_log WHERE action = 'walkin.create'").get() as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ consent: true, duplicatesOverridden: [d.people.rebsamen] });
  });

  it('refuses without consent, without any name, and with a malformed e-mail', async () => {
    const d = await desk();
    const before = attendeeCount(d.db);
    expect(await d.fail('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', consent: false })).toMatchObject({ code: 'walkin.consent_required' });
    expect(await d.fail('walkin:create', { firstName: '  ', lastName: '', consent: true })).toMatchObject({ code: 'walkin.name_required' });
    // Asked as staff type: no name yet, or a half-typed e-mail, is not an error.
    expect((await d.call('walkin:check', { firstName: '', lastName: '' })).candidates).toEqual([]);
    expect((await d.call('walkin:check', { firstName: 'Jean', lastName: 'Martin', email: 'awa@' })).candidates).toEqual([]);
    expect(await d.fail('walkin:create', { firstName: 'Kwame', lastName: 'Mensah', email: 'kwame@', consent: true })).toMatchObject({
      code: 'walkin.invalid_email',
      params: { email: 'kwame@' },
    });
    // The consent flag itself is required by the contract.
    expect(await d.fail('walkin:create', { firstName: 'Kwame', lastName: 'Mensah' } as Input<'walkin:create'>)).toMatchObject({ code: 'invalid_input' });
    expect(attendeeCount(d.db)).toBe(before);
  });

  it('keeps a 120-character name whole, emoji and a single name', async () => {
    const d = await desk();
    const long = `${'Maximilienne-Apolline '.repeat(5)}de la Tour d'Auvergne-Lauraguais`.slice(0, 120);
    expect(long).toHaveLength(120);
    const a = await d.call('walkin:create', { firstName: long, lastName: 'Test', consent: true });
    expect(a.attendee.firstName).toBe(long);
    const b = await d.call('walkin:create', { firstName: 'Zoé 🌍', lastName: 'Ngô Thị 🎉', consent: true });
    expect(b.attendee).toMatchObject({ firstName: 'Zoé 🌍', lastName: 'Ngô Thị 🎉' });
    const c = await d.call('walkin:create', { firstName: '', lastName: 'Sukarno', consent: true });
    expect(c.attendee).toMatchObject({ firstName: '', lastName: 'Sukarno' });
  });
});

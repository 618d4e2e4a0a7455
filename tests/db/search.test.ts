import { describe, expect, it } from 'vitest';
import { openDataFolder } from '../../main/core/db/open';
import { Events } from '../../main/core/events/events';
import { Attendees } from '../../main/core/attendees/attendees';
import { searchAttendees, toMatchQuery } from '../../main/core/attendees/search';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import { tempDir } from '../helpers/temp';

function setup() {
  const db = openDataFolder(tempDir());
  const events = new Events(db);
  const event = events.create({ name: 'Rencontres' });
  const other = events.create({ name: 'Autre' });
  const attendees = new Attendees(db);
  const add = (fields: Parameters<Attendees['insert']>[0]) => attendees.insert(fields);
  const ids = {
    francois: add({ eventId: event.id, firstName: 'François', lastName: 'REBSAMEN', organisation: 'Dijon Métropole', country: 'France', email: 'f.rebsamen@dijon.example', ticketCodes: ['3601234567890'] }),
    francoise: add({ eventId: event.id, firstName: 'Françoise', lastName: 'Martin', organisation: 'Région Occitanie', country: 'France' }),
    nguyen: add({ eventId: event.id, firstName: 'Thị Lan', lastName: 'Nguyễn', organisation: 'Ủy ban nhân dân Hà Nội', country: 'Viêt Nam' }),
    zoe: add({ eventId: event.id, firstName: 'Zoë', lastName: 'Kowalczyk', organisation: 'Miasto Kraków', country: 'Pologne' }),
    dijonnais: add({ eventId: event.id, firstName: 'Paul', lastName: 'Dijonnais', organisation: 'Ville de Lyon', country: 'France' }),
    wang: add({ eventId: event.id, firstName: '伟', lastName: '王', organisation: '北京市', country: 'Chine' }),
    ivanov: add({ eventId: event.id, firstName: 'Олена', lastName: 'Іваненко', organisation: 'Київ', country: 'Ukraine' }),
    elsewhere: add({ eventId: other.id, firstName: 'François', lastName: 'Ailleurs' }),
  };
  return { db, event, attendees, ids };
}

describe('attendee search', () => {
  it('ignores accents and case: "francois" finds François and Françoise, not another event', () => {
    const { db, event, ids } = setup();
    const found = searchAttendees(db, event.id, 'francois').map((r) => r.id);
    expect(found).toEqual(expect.arrayContaining([ids.francois, ids.francoise]));
    expect(found).not.toContain(ids.elsewhere);
  });

  it('finds by organisation, country, e-mail and ticket code', () => {
    const { db, event, ids } = setup();
    expect(searchAttendees(db, event.id, 'dijon').map((r) => r.id)).toEqual(expect.arrayContaining([ids.francois, ids.dijonnais]));
    expect(searchAttendees(db, event.id, 'pologne').map((r) => r.id)).toEqual([ids.zoe]);
    expect(searchAttendees(db, event.id, 'f.rebsamen').map((r) => r.id)).toEqual([ids.francois]);
    expect(searchAttendees(db, event.id, '36012345').map((r) => r.id)).toEqual([ids.francois]);
  });

  it('matches Vietnamese diacritics and word prefixes: "nguyen", "ha noi", "zoe"', () => {
    const { db, event, ids } = setup();
    expect(searchAttendees(db, event.id, 'nguyen').map((r) => r.id)).toEqual([ids.nguyen]);
    expect(searchAttendees(db, event.id, 'ha no').map((r) => r.id)).toEqual([ids.nguyen]);
    expect(searchAttendees(db, event.id, 'zoe').map((r) => r.id)).toEqual([ids.zoe]);
  });

  it('needs every word to match: "fran dij" narrows to the people of Dijon', () => {
    const { db, event, ids } = setup();
    const found = searchAttendees(db, event.id, 'fran dij').map((r) => r.id);
    expect(found).toEqual(expect.arrayContaining([ids.francois, ids.dijonnais]));
    expect(found).not.toContain(ids.francoise);
    expect(searchAttendees(db, event.id, 'francois rebsamen').map((r) => r.id)).toEqual([ids.francois]);
  });

  it('ranks a name match above an organisation match', () => {
    const { db, event, ids } = setup();
    const found = searchAttendees(db, event.id, 'dijon').map((r) => r.id);
    expect(found.indexOf(ids.dijonnais)).toBeLessThan(found.indexOf(ids.francois));
  });

  it('finds names in their own script and through their Latin transliteration', () => {
    const { db, event, ids } = setup();
    expect(searchAttendees(db, event.id, '王').map((r) => r.id)).toEqual([ids.wang]);
    expect(searchAttendees(db, event.id, 'wang').map((r) => r.id)).toEqual([ids.wang]);
    expect(searchAttendees(db, event.id, 'Іван').map((r) => r.id)).toEqual([ids.ivanov]);
    expect(searchAttendees(db, event.id, 'ivan').map((r) => r.id)).toEqual([ids.ivanov]);
  });

  it('follows edits and new ticket codes', () => {
    const { db, event, attendees, ids } = setup();
    attendees.update(ids.zoe, { organisation: 'Ville de Gdańsk' });
    expect(searchAttendees(db, event.id, 'gdansk').map((r) => r.id)).toEqual([ids.zoe]);
    expect(searchAttendees(db, event.id, 'krakow')).toEqual([]);
    attendees.addTicketCode(event.id, ids.zoe, 'EB-778899');
    expect(searchAttendees(db, event.id, 'EB-7788').map((r) => r.id)).toEqual([ids.zoe]);
  });

  it('treats FTS syntax typed by accident as text', () => {
    const { db, event } = setup();
    for (const text of ['"', 'AND', 'NEAR(', 'a:b', '*', '-', '(', 'OR OR', "o'brien", '""""']) {
      expect(() => searchAttendees(db, event.id, text)).not.toThrow();
    }
    expect(toMatchQuery('  ')).toBeNull();
    expect(toMatchQuery('f')).toBeNull();
    expect(toMatchQuery('王')).toBe('"王"*');
    expect(toMatchQuery('say "hi"')).toBe('"say"* """hi"""*');
  });

  it('indexes a bulk insert in one go, and indexes nothing when the transaction rolls back', () => {
    const { db, event, attendees } = setup();
    const ids = db.transaction(() =>
      withBulkIndexing(db, () => [attendees.insert({ eventId: event.id, firstName: 'Aïssata', lastName: 'Koné', organisation: 'Mairie de Bamako' })]),
    )();
    expect(searchAttendees(db, event.id, 'aissata bamako').map((r) => r.id)).toEqual(ids);

    expect(() =>
      db.transaction(() =>
        withBulkIndexing(db, () => {
          attendees.insert({ eventId: event.id, firstName: 'Ousmane', lastName: 'Sembène' });
          throw new Error('fatal row');
        }),
      )(),
    ).toThrow('fatal row');
    expect(searchAttendees(db, event.id, 'ousmane')).toEqual([]);
    // The trigger is live again: a plain insert is indexed at once.
    const later = attendees.insert({ eventId: event.id, firstName: 'Ousmane', lastName: 'Sembène' });
    expect(searchAttendees(db, event.id, 'sembene').map((r) => r.id)).toEqual([later]);
    const { n } = db.prepare('SELECT count(*) AS n FROM attendee_search').get() as { n: number };
    expect(n).toBe((db.prepare('SELECT count(*) AS n FROM attendees').get() as { n: number }).n);
  });

  it('finds the few matches of a small event even when a big event crowds the top of the ranking', () => {
    const { db, event, attendees, ids } = setup();
    const big = new Events(db).create({ name: 'Grand congrès' });
    db.transaction(() => {
      for (let i = 0; i < 300; i++) attendees.insert({ eventId: big.id, firstName: 'Paul', lastName: `Martin ${i}` });
    })();
    const mine = ['Anne', 'Luc', 'Inès'].map((firstName) => attendees.insert({ eventId: event.id, firstName, lastName: 'Martinez' }));
    expect(searchAttendees(db, event.id, 'martin').map((r) => r.id).sort()).toEqual([...mine, ids.francoise].sort());
    expect(searchAttendees(db, big.id, 'martin', 500)).toHaveLength(300);
  });
});

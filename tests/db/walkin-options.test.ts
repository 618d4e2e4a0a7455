import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { openCore } from '../helpers/services';

describe('walk-in form options', () => {
  it('offers nothing before an event exists', async () => {
    const { call } = openCore();
    expect(await call('walkin:options', {})).toEqual({ categories: [], countries: [] });
  });

  it("lists the current event's categories and countries as stored, most used first", async () => {
    const { db, call } = openCore();
    const other = await call('events:create', { name: 'Autre' });
    const event = await call('events:create', { name: 'Rencontres', select: true });
    const attendees = new Attendees(db);
    attendees.insert({ eventId: event.id, firstName: 'A', lastName: 'A', country: 'France', category: 'Participant·e' });
    attendees.insert({ eventId: event.id, firstName: 'B', lastName: 'B', country: 'France', category: 'Presse' });
    attendees.insert({ eventId: event.id, firstName: 'C', lastName: 'C', country: 'Viêt Nam', category: 'Participant·e' });
    attendees.insert({ eventId: event.id, firstName: 'D', lastName: 'D', country: '', category: '' });
    attendees.insert({ eventId: other.id, firstName: 'E', lastName: 'E', country: 'Maroc', category: 'Ambassade' });
    expect(await call('walkin:options', {})).toEqual({ categories: ['Participant·e', 'Presse'], countries: ['France', 'Viêt Nam'] });
  });
});

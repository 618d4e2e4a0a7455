/**
 * Who attended a workshop or meeting: the people with an accepted entry there on the day, not
 * undone, not cancelled since (the rule of the room's count on the dashboard, figures.ts), each
 * with their first entry and the desk that admitted them, in the attendance list's name order.
 * Read from the check-ins themselves (the checkins_event_day index), not from the tallies: the
 * list is asked for one room at a time, and must agree with the arrivals to the second.
 */
import type { Database, Statement } from 'better-sqlite3';
import { localMinute } from '../checkin/day';
import { DomainError } from '../errors';
import { registerSortKey, sortKeyFn } from '../exports/sort-key';
import type { RoomPeople, RoomPerson } from './types';

export class RoomAttendees {
  private readonly checkpoint: Statement;
  private readonly people: Statement;

  constructor(db: Database) {
    // The attendance list's name order (exports/sort-key.ts): the list reads like the Par atelier sheet.
    registerSortKey(db);
    this.checkpoint = db.prepare(
      "SELECT p.name, p.day, e.timezone FROM checkpoints p JOIN events e ON e.id = p.event_id WHERE p.event_id = ? AND p.id = ? AND p.kind = 'session'",
    );
    // One row per person: SQLite takes the bare columns (desk) from the row of min(c.at).
    this.people = db.prepare(`
      SELECT a.id AS attendeeId, a.honorific, a.first_name AS firstName, a.last_name AS lastName, a.organisation, a.country,
             min(c.at) AS firstAt, coalesce(nullif(c.kiosk_name, ''), c.kiosk_id) AS kiosk,
             EXISTS (SELECT 1 FROM attendee_sessions s WHERE s.attendee_id = a.id AND s.checkpoint_id = c.checkpoint_id) AS registered
      FROM checkins c JOIN attendees a ON a.id = c.attendee_id
      WHERE c.event_id = ? AND c.day = ? AND c.checkpoint_id = ? AND c.result = 'accepted' AND a.status = 'valid'
        AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)
      GROUP BY a.id
      ORDER BY ${sortKeyFn}(a.last_name), ${sortKeyFn}(a.first_name), a.last_name, a.first_name, a.id`);
  }

  read(eventId: string, checkpointId: string, shownDay: string): RoomPeople {
    const room = this.checkpoint.get(eventId, checkpointId) as { name: string; day: string | null; timezone: string } | undefined;
    if (!room) throw new DomainError('checkpoint.not_found', `No workshop or meeting "${checkpointId}" in this event.`, { id: checkpointId });
    const day = room.day ?? shownDay;
    const people = (this.people.all(eventId, day, checkpointId) as (Omit<RoomPerson, 'registered' | 'localTime'> & { registered: number })[])
      .map((row) => ({ ...row, localTime: localMinute(new Date(row.firstAt), room.timezone).slice(11), registered: row.registered === 1 }));
    return { checkpointId, name: room.name, day, people };
  }
}


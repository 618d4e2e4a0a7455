import type { Database } from 'better-sqlite3';
import { Attendees } from '../attendees/attendees';
import { Events, type CheckpointInput } from '../events/events';
import type { Checkpoint, EventInfo } from '../types';
import { addDays, localDate } from './dates';
import { generateDemoPeople, type DemoPerson } from './people';
import { DEMO_EVENT_ID, demoCheckpoints, demoDays, demoEvent } from './programme';

export { DEMO_EVENT_ID } from './programme';
export { DEMO_ATTENDEE_COUNT, demoAttendeeId, demoCategories, demoFixtures, generateDemoPeople } from './people';
export type { DemoPerson } from './people';

let cachedPeople: DemoPerson[] | undefined;
/** Generated once per process: the output never changes, so there is no point redoing it. */
function demoPeople(): DemoPerson[] {
  cachedPeople ??= generateDemoPeople();
  return cachedPeople;
}

/** The demo's two days: today and tomorrow at the venue, so a newcomer can scan at once. */
export function demoDates(now: Date): [string, string] {
  const today = localDate(now, demoEvent.timezone);
  return [today, addDays(today, 1)];
}

/**
 * Loads the demo event (the 2023 Rencontres AICT, ~520 attendees), or refreshes it when it is
 * already there: its days move to today and tomorrow, its checkpoints and attendees are
 * rewritten in place (same ids), nothing is duplicated. Check-ins, walk-ins and checkpoints
 * added by hand are kept. One transaction: a failure leaves the database as it was.
 */
export function loadDemo(db: Database, now: () => Date): EventInfo {
  const events = new Events(db, now);
  const attendees = new Attendees(db, now);
  const [day1, day2] = demoDates(now());
  const days = demoDays(day1, day2);
  const checkpoints = demoCheckpoints(day1, day2);
  const people = demoPeople();

  return db.transaction(() => {
    const existing = events.find(DEMO_EVENT_ID);
    if (existing) {
      const ours = new Set(checkpoints.map((c) => c.id));
      const added = existing.checkpoints.filter((c) => !ours.has(c.id)).map(toInput);
      events.update(DEMO_EVENT_ID, {
        name: demoEvent.name,
        venue: demoEvent.venue,
        timezone: demoEvent.timezone,
        days,
        checkpoints: [...checkpoints, ...added],
      });
    } else {
      events.create({ ...demoEvent, days, checkpoints });
    }

    for (const person of people) {
      const { id, key: _key, status, ticketCodes, sessions, ...fields } = person;
      const row = attendees.findRow(id);
      if (!row) {
        attendees.insert({ ...fields, id, eventId: DEMO_EVENT_ID, status, source: 'demo', ticketCodes, sessions });
        continue;
      }
      // The id belongs to the demo by construction; never touch a row of another event.
      if (row.event_id !== DEMO_EVENT_ID) continue;
      attendees.update(id, fields, status);
      for (const code of ticketCodes) attendees.addTicketCode(DEMO_EVENT_ID, id, code);
      attendees.setSessions(id, sessions);
    }
    return events.get(DEMO_EVENT_ID);
  })();
}

/**
 * First start of the app: with no event at all, load the demo so the kiosk opens on
 * something to scan. Returns whether it did.
 */
export function ensureDemoOnFirstStart(db: Database, now: () => Date): boolean {
  // Checked and loaded in one transaction: two windows starting at once load it once.
  return db.transaction(() => {
    const { n } = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    if (n > 0) return false;
    const event = loadDemo(db, now);
    new Events(db, now).setCurrent(event.id);
    return true;
  }).immediate();
}

function toInput(checkpoint: Checkpoint): CheckpointInput {
  return {
    id: checkpoint.id,
    kind: checkpoint.kind,
    name: checkpoint.name,
    day: checkpoint.day,
    room: checkpoint.room,
    capacity: checkpoint.capacity,
    startsAt: checkpoint.startsAt,
    endsAt: checkpoint.endsAt,
  };
}

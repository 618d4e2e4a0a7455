/**
 * The final attendance list's rows (issue 6), streamed from SQLite: one cursor, one row per
 * attendee, everything about that attendee gathered by correlated subqueries on indexed
 * columns, so 100,000 attendees never sit in a JavaScript array.
 */
import type { Database } from 'better-sqlite3';
import { counted, ExportPeople } from './people';
import type { AttendanceRow, FirstCheckin, SessionEntry } from './types';

export interface AttendanceFilter {
  /** Only people who arrived (an entrance check-in) that day. */
  day?: string;
  /** Only people who entered this checkpoint (a workshop). */
  checkpointId?: string;
  /**
   * Also list the people expected who never arrived (the Absents sheet): valid attendees, and
   * for a checkpoint those registered for it. Default: true with neither a day nor a
   * checkpoint (the whole list), false with either.
   */
  includeAbsent?: boolean;
  /** Only walk-ins (registered at the desk), present or not. */
  walkinsOnly?: boolean;
  /** Only valid attendees with no check-in at all (the Absents sheet); overrides includeAbsent. */
  absentOnly?: boolean;
}

// The list is read in one statement, attendee by attendee in the name order the export's
// people table holds (ExportPeople: its key is the rank, so SQLite walks it without sorting),
// each row's registrations, badge and counted check-ins gathered by correlated subqueries on
// indexed columns; firsts per day and per workshop are picked in JavaScript from the handful
// of check-ins. Check-ins come as one text (fields split by char(31), check-ins by char(30)):
// one value to convert instead of a statement call per attendee.
const detail = (people: string, where: string) => `
  SELECT a.id, a.honorific, a.first_name, a.last_name, a.function, a.organisation, a.country,
    a.category, a.email, a.status, a.source,
    (SELECT group_concat(s.checkpoint_id, char(31)) FROM attendee_sessions s WHERE s.attendee_id = a.id) AS sessions,
    EXISTS (SELECT 1 FROM print_log l WHERE l.attendee_id = a.id AND l.status = 'sent') AS printed,
    (SELECT group_concat(c.checkpoint_id || char(31) || c.day || char(31) || c.at || char(31) || coalesce(nullif(c.kiosk_name, ''), c.kiosk_id)
        || char(31) || c.method, char(30) ORDER BY c.at, c.id)
       FROM checkins c WHERE c.attendee_id = a.id AND ${counted}) AS checkins
  FROM ${people} p JOIN attendees a ON a.seq = p.seq
  WHERE ${where}
  ORDER BY p.rank`;

const entered = `EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = p.id AND c.checkpoint_id = @checkpointId AND ${counted})`;
const registeredFor = `EXISTS (SELECT 1 FROM attendee_sessions s WHERE s.attendee_id = p.id AND s.checkpoint_id = @checkpointId)`;

interface Raw {
  id: string;
  honorific: string;
  first_name: string;
  last_name: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  email: string;
  status: 'valid' | 'cancelled';
  source: string;
  sessions: string | null;
  printed: number;
  checkins: string | null;
}

type CheckinTuple = [checkpointId: string, day: string, at: string, kioskName: string, method: string];

interface Place {
  kind: 'entrance' | 'session';
  name: string;
  sort: number;
}

/** The WHERE clause for a filter (over the people table `p`): who is present, and who else is expected (the absent). */
function whereFor(people: ExportPeople, filter: AttendanceFilter): string {
  const who = presence(people, filter);
  return filter.walkinsOnly ? `p.walkin AND (${who})` : who;
}

function presence(people: ExportPeople, filter: AttendanceFilter): string {
  if (filter.absentOnly) return `p.valid AND NOT p.present`;
  const present: string[] = [];
  if (filter.day !== undefined) present.push(`EXISTS (SELECT 1 FROM ${people.firsts} f WHERE f.entrance = 1 AND f.day = @day AND f.rank = p.rank)`);
  if (filter.checkpointId !== undefined) present.push(entered);
  const isPresent = present.length > 0 ? present.join(' AND ') : 'p.present';
  const includeAbsent = filter.includeAbsent ?? (filter.day === undefined && filter.checkpointId === undefined);
  if (!includeAbsent) return isPresent;
  const expected = ['p.valid'];
  if (filter.checkpointId !== undefined) expected.push(registeredFor);
  return `(${isPresent}) OR (${expected.join(' AND ')})`;
}

function paramsFor(filter: AttendanceFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.day !== undefined) params.day = filter.day;
  if (filter.checkpointId !== undefined) params.checkpointId = filter.checkpointId;
  return params;
}

/**
 * One row per attendee of the event, sorted by last name then first name (French order: accents
 * and case ignored). An export passes the people table its sheets share; without one, the list
 * works it out for itself and drops it when done.
 */
export function* attendanceRows(db: Database, eventId: string, filter: AttendanceFilter = {}, shared?: ExportPeople): Generator<AttendanceRow> {
  const people = shared ?? new ExportPeople(db, eventId);
  try {
    const places = new Map<string, Place>();
    const byOrder = db.prepare('SELECT id, kind, name, sort FROM checkpoints WHERE event_id = ? ORDER BY sort, name, id');
    for (const p of byOrder.iterate(eventId) as Iterable<Place & { id: string }>) places.set(p.id, { kind: p.kind, name: p.name, sort: places.size });
    const rows = db.prepare(detail(people.people, whereFor(people, filter))).iterate(paramsFor(filter)) as IterableIterator<Raw>;
    for (const raw of rows) yield toRow(raw, places);
  } finally {
    if (!shared) people.drop();
  }
}

/** How many rows `attendanceRows` yields for the same arguments (for headers such as "page x/y" or a progress bar). */
export function countAttendanceRows(db: Database, eventId: string, filter: AttendanceFilter = {}, shared?: ExportPeople): number {
  const people = shared ?? new ExportPeople(db, eventId);
  try {
    return db.prepare(`SELECT count(*) FROM ${people.people} p WHERE ${whereFor(people, filter)}`).pluck().get(paramsFor(filter)) as number;
  } finally {
    if (!shared) people.drop();
  }
}

function checkinsOf(text: string | null): CheckinTuple[] {
  if (text === null) return [];
  return text.split('\u001e').map((one) => one.split('\u001f') as CheckinTuple);
}

function toRow(raw: Raw, places: Map<string, Place>): AttendanceRow {
  const firstCheckins: FirstCheckin[] = [];
  const sessionEntries: SessionEntry[] = [];
  // Check-ins come oldest first: the first one seen of a day (entrance) or of a workshop is the one kept.
  for (const [checkpointId, day, at, kioskName, method] of checkinsOf(raw.checkins)) {
    const place = places.get(checkpointId);
    if (!place) continue;
    if (place.kind === 'entrance') {
      if (!firstCheckins.some((first) => first.day === day)) firstCheckins.push({ day, at, kioskName, method });
    } else if (!sessionEntries.some((entry) => entry.checkpointId === checkpointId)) {
      sessionEntries.push({ checkpointId, name: place.name, day, at, kioskName, method });
    }
  }
  firstCheckins.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const order = (id: string) => places.get(id)?.sort ?? Number.MAX_SAFE_INTEGER;
  sessionEntries.sort((a, b) => order(a.checkpointId) - order(b.checkpointId));
  const sessions = (raw.sessions === null ? [] : raw.sessions.split('\u001f')).filter((id) => places.has(id)).sort((a, b) => order(a) - order(b));
  return {
    id: raw.id,
    honorific: raw.honorific,
    firstName: raw.first_name,
    lastName: raw.last_name,
    function: raw.function,
    organisation: raw.organisation,
    country: raw.country,
    category: raw.category,
    email: raw.email,
    status: raw.status,
    walkin: raw.source === 'walk-in',
    registeredSessions: sessions.map((id) => places.get(id)!.name),
    registeredSessionIds: sessions,
    firstCheckins,
    workshopsAttended: sessionEntries.map((entry) => entry.name),
    sessionEntries,
    badgePrinted: raw.printed === 1,
  };
}

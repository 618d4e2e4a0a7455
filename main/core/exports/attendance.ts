/**
 * The final attendance list's rows (issue 6), streamed from SQLite: one cursor, one row per
 * attendee, everything about that attendee gathered by correlated subqueries on indexed
 * columns, so 100,000 attendees never sit in a JavaScript array.
 */
import type { Database } from 'better-sqlite3';
import { frenchSortKey } from './sort-key';
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

/** SQL function name registered on the connection (deterministic, so SQLite may reuse results). */
export const sortKeyFn = 'accueil_export_sort_key';

// A check-in counts when it was accepted and no later row undoes it (check-ins are append-only).
const counted = `c.result = 'accepted' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)`;

// The sorter only holds each attendee's seq and sort keys (the payload of 100,000 rows would
// otherwise sit in SQLite's sorter); each row's details are read by seq as the cursor reaches it,
// with two indexed lookups (the person with their registrations and badge, then their counted
// check-ins); firsts per day and per workshop are picked in JavaScript from the handful of rows.
const person = `
  SELECT a.id, a.honorific, a.first_name, a.last_name, a.function, a.organisation, a.country,
    a.category, a.email, a.status, a.source,
    (SELECT group_concat(s.checkpoint_id, char(31)) FROM attendee_sessions s WHERE s.attendee_id = a.id) AS sessions,
    EXISTS (SELECT 1 FROM print_log l WHERE l.attendee_id = a.id AND l.status = 'sent') AS printed
  FROM attendees a WHERE a.seq = ?`;
const checkinsOf = `
  SELECT c.checkpoint_id, c.day, c.at, coalesce(nullif(c.kiosk_name, ''), c.kiosk_id), c.method
  FROM checkins c WHERE c.attendee_id = ? AND ${counted}
  ORDER BY c.at, c.id`;

const arrivedOn = `EXISTS (SELECT 1 FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id AND p.kind = 'entrance'
  WHERE c.attendee_id = a.id AND c.day = @day AND ${counted})`;
const arrivedAny = `EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id AND ${counted})`;
const entered = `EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id AND c.checkpoint_id = @checkpointId AND ${counted})`;
const registeredFor = `EXISTS (SELECT 1 FROM attendee_sessions s WHERE s.attendee_id = a.id AND s.checkpoint_id = @checkpointId)`;

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
}

type CheckinTuple = [checkpointId: string, day: string, at: string, kioskName: string, method: string];

interface Place {
  kind: 'entrance' | 'session';
  name: string;
  sort: number;
}

/** The WHERE clause for a filter: who is present, and who else is expected (the absent). */
function whereFor(filter: AttendanceFilter): string {
  const who = presence(filter);
  return filter.walkinsOnly ? `a.source = 'walk-in' AND (${who})` : who;
}

function presence(filter: AttendanceFilter): string {
  if (filter.absentOnly) return `a.status = 'valid' AND NOT ${arrivedAny}`;
  const present: string[] = [];
  if (filter.day !== undefined) present.push(arrivedOn);
  if (filter.checkpointId !== undefined) present.push(entered);
  const isPresent = present.length > 0 ? present.join(' AND ') : arrivedAny;
  const includeAbsent = filter.includeAbsent ?? (filter.day === undefined && filter.checkpointId === undefined);
  if (!includeAbsent) return isPresent;
  const expected = [`a.status = 'valid'`];
  if (filter.checkpointId !== undefined) expected.push(registeredFor);
  return `(${isPresent}) OR (${expected.join(' AND ')})`;
}

/** Registers the sort key on this connection (once: the function table lives as long as it). */
const registered = new WeakSet<Database>();
export function registerSortKey(db: Database): void {
  if (registered.has(db)) return;
  db.function(sortKeyFn, { deterministic: true }, (text: unknown) => frenchSortKey(typeof text === 'string' ? text : ''));
  registered.add(db);
}

/** One row per attendee of the event, sorted by last name then first name (French order: accents and case ignored). */
export function* attendanceRows(db: Database, eventId: string, filter: AttendanceFilter = {}): Generator<AttendanceRow> {
  registerSortKey(db);
  const sql = `SELECT a.seq FROM attendees a
    WHERE a.event_id = @eventId AND (${whereFor(filter)})
    ORDER BY ${sortKeyFn}(a.last_name), ${sortKeyFn}(a.first_name), a.last_name, a.first_name, a.id`;
  const params: Record<string, string> = { eventId };
  if (filter.day !== undefined) params.day = filter.day;
  if (filter.checkpointId !== undefined) params.checkpointId = filter.checkpointId;
  const detail = db.prepare(person);
  const checkins = db.prepare(checkinsOf).raw();
  const places = new Map<string, Place>();
  const byOrder = db.prepare('SELECT id, kind, name, sort FROM checkpoints WHERE event_id = ? ORDER BY sort, name, id');
  for (const p of byOrder.iterate(eventId) as Iterable<Place & { id: string }>) places.set(p.id, { kind: p.kind, name: p.name, sort: places.size });
  for (const seq of db.prepare(sql).pluck().iterate(params) as IterableIterator<number>) {
    const raw = detail.get(seq) as Raw | undefined;
    if (raw) yield toRow(raw, checkins.all(raw.id) as CheckinTuple[], places); // undefined: gone since the sort (outside a transaction)
  }
}

/** How many rows `attendanceRows` yields for the same arguments (for headers such as "page x/y" or a progress bar). */
export function countAttendanceRows(db: Database, eventId: string, filter: AttendanceFilter = {}): number {
  const params: Record<string, string> = { eventId };
  if (filter.day !== undefined) params.day = filter.day;
  if (filter.checkpointId !== undefined) params.checkpointId = filter.checkpointId;
  return db.prepare(`SELECT count(*) FROM attendees a WHERE a.event_id = @eventId AND (${whereFor(filter)})`).pluck().get(params) as number;
}

function toRow(raw: Raw, checkins: CheckinTuple[], places: Map<string, Place>): AttendanceRow {
  const firstCheckins: FirstCheckin[] = [];
  const sessionEntries: SessionEntry[] = [];
  // Check-ins come oldest first: the first one seen of a day (entrance) or of a workshop is the one kept.
  for (const [checkpointId, day, at, kioskName, method] of checkins) {
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

/**
 * What the attendance exports contain, independent of the file format: each sheet is a name,
 * columns (header, kind, width, how to read a row) and a lazy source of rows. The CSV writer
 * writes the Participants table; the XLSX writer writes them all.
 */
import type { Database } from 'better-sqlite3';
import type { EventInfo } from '../types';
import { attendanceRows, type AttendanceFilter } from './attendance';
import type { ExportLabels } from './labels';
import type { ExportPeople } from './people';
import { counted } from './people';
import { registerSortKey, sortKeyFn } from './sort-key';
import type { AttendanceRow, FirstCheckin } from './types';

/** text: neutralised string; instant: an ISO time shown at the venue; count: a number. */
export type CellKind = 'text' | 'instant' | 'count';

export interface Column<T> {
  header: string;
  kind: CellKind;
  width: number;
  value(row: T): string | number;
}

export interface Table<T = unknown> {
  name: string;
  columns: Column<T>[];
  rows(): Iterable<T>;
}

export interface ExportScope {
  db: Database;
  event: EventInfo;
  labels: ExportLabels;
  filter: AttendanceFilter;
  /** Name order, presence and first arrivals, worked out once for every sheet of the export. */
  people: ExportPeople;
}

const list = (items: string[]) => items.join(' ; ');

/** Days of the event, plus any day a check-in was recorded on that the programme does not list. */
export function exportDays(db: Database, event: EventInfo): string[] {
  const days = new Set(event.days.map((day) => day.date));
  // Day after day along the (event_id, day) index: a few probes, not a read of every check-in.
  const recorded = db
    .prepare(
      `WITH RECURSIVE d(day) AS (
         SELECT min(day) FROM checkins WHERE event_id = @eventId
         UNION ALL
         SELECT (SELECT min(day) FROM checkins WHERE event_id = @eventId AND day > d.day) FROM d WHERE d.day IS NOT NULL)
       SELECT day FROM d WHERE day IS NOT NULL`,
    )
    .pluck()
    .all({ eventId: event.id }) as string[];
  for (const day of recorded) days.add(day);
  return [...days].sort();
}

function text<T>(header: string, width: number, value: (row: T) => string): Column<T> {
  return { header, kind: 'text', width, value };
}

function person<T>(labels: ExportLabels, of: (row: T) => Pick<AttendanceRow, (typeof identity)[number]>, keys: ('honorific' | 'lastName' | 'firstName' | 'function' | 'organisation' | 'country' | 'category')[]): Column<T>[] {
  const widths = { honorific: 9, lastName: 22, firstName: 18, function: 24, organisation: 30, country: 16, category: 20 };
  return keys.map((key) => text(labels.column(key), widths[key], (row: T) => of(row)[key]));
}

const identity = ['honorific', 'lastName', 'firstName', 'function', 'organisation', 'country', 'category'] as const;

/** Every column the issue lists: who, what they registered for, when and where they first arrived each day, what they attended. */
export function participantsTable(scope: ExportScope): Table<AttendanceRow> {
  const { labels } = scope;
  const days = scope.filter.day !== undefined ? [scope.filter.day] : exportDays(scope.db, scope.event);
  const firstOn = (row: AttendanceRow, day: string): FirstCheckin | undefined => row.firstCheckins.find((first) => first.day === day);
  const columns: Column<AttendanceRow>[] = [
    ...person(labels, (row: AttendanceRow) => row, [...identity]),
    text(labels.column('status'), 10, (row) => labels.status(row.status)),
    text(labels.column('registeredSessions'), 40, (row) => list(row.registeredSessions)),
  ];
  for (const day of days) {
    const shown = labels.day(day);
    columns.push(
      { header: labels.column('arrival', { day: shown }), kind: 'instant', width: 17, value: (row) => firstOn(row, day)?.at ?? '' },
      text(labels.column('kiosk', { day: shown }), 14, (row) => firstOn(row, day)?.kioskName ?? ''),
      text(labels.column('method', { day: shown }), 14, (row) => {
        const first = firstOn(row, day);
        return first ? labels.method(first.method) : '';
      }),
    );
  }
  columns.push(
    text(labels.column('workshopsAttended'), 40, (row) => list(row.workshopsAttended)),
    text(labels.column('badgePrinted'), 10, (row) => labels.yesNo(row.badgePrinted)),
    text(labels.column('walkin'), 10, (row) => labels.yesNo(row.walkin)),
  );
  return { name: labels.sheet('participants'), columns, rows: () => attendanceRows(scope.db, scope.event.id, scope.filter, scope.people) };
}

/** The identity columns as the one-pass sheets read them straight from SQL. */
interface PersonLine {
  honorific: string;
  lastName: string;
  firstName: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  walkin: number;
}

const personColumns = `a.honorific, a.last_name AS lastName, a.first_name AS firstName, a.function, a.organisation, a.country,
  a.category, a.source = 'walk-in' AS walkin`;

/** One cursor over a sorted query (the rows stream). */
function streamed<T>(db: Database, sql: string, params: Record<string, string>): () => Iterable<T> {
  return function* () {
    yield* db.prepare(sql).iterate(params) as Iterable<T>;
  };
}

interface DayLine extends PersonLine {
  day: string;
  at: string;
  kioskName: string;
  method: string;
}

/**
 * Who arrived each day (one block per day, sorted by name), with when, where and how: the
 * export's first arrivals (ExportPeople.firsts), whose key (entrance, day, rank) is already this order.
 */
export function byDayTable(scope: ExportScope): Table<DayLine> {
  const { labels, db, people } = scope;
  const params: Record<string, string> = {};
  if (scope.filter.day !== undefined) params.day = scope.filter.day;
  const sql = `
    SELECT f.day, f.at, f.kiosk_name AS kioskName, f.method, ${personColumns}
    FROM ${people.firsts} f JOIN attendees a ON a.seq = f.seq
    WHERE f.entrance = 1 ${params.day !== undefined ? 'AND f.day = @day' : ''}
    ORDER BY f.day, f.rank`;
  return {
    name: labels.sheet('byDay'),
    columns: [
      text(labels.column('day'), 12, (line) => labels.day(line.day)),
      ...person(labels, (line: DayLine) => line, [...identity]),
      { header: labels.column('arrivedAt'), kind: 'instant', width: 17, value: (line) => line.at },
      text(labels.column('arrivalKiosk'), 14, (line) => line.kioskName),
      text(labels.column('arrivalMethod'), 14, (line) => labels.method(line.method)),
      text(labels.column('walkin'), 10, (line) => labels.yesNo(line.walkin === 1)),
    ],
    rows: streamed<DayLine>(db, sql, params),
  };
}

interface WorkshopLine extends PersonLine {
  workshop: string;
  workshopDay: string | null;
  room: string;
  registered: number;
  enteredAt: string | null;
}

/**
 * Each workshop or meeting: the valid people registered for it and whoever came in, registered
 * or not; one sorted query over (session, person) pairs, not one pass per session.
 */
export function byWorkshopTable(scope: ExportScope): Table<WorkshopLine> {
  const { labels, db, event, people } = scope;
  const params: Record<string, string> = { eventId: event.id };
  const where: string[] = [];
  if (scope.filter.checkpointId !== undefined) {
    params.checkpointId = scope.filter.checkpointId;
    where.push('p.id = @checkpointId');
  }
  if (scope.filter.day !== undefined) {
    params.day = scope.filter.day;
    where.push('(p.day IS NULL OR p.day = @day)');
  }
  // Registrations and counted entries in one grouped pass: registered (any registration),
  // listed (a valid person's registration) and the first entry of each (session, person).
  // +c.event_id: a scan of the table reads the check-ins faster than the event index and a
  // row lookup for each (an event's check-ins are nearly all of them).
  const sql = `
    SELECT p.name AS workshop, p.day AS workshopDay, p.room, ${personColumns}, x.registered, x.enteredAt
    FROM (SELECT y.checkpoint_id, y.rank, max(y.seq) AS seq, max(y.registered) AS registered, max(y.listed) AS listed, min(y.at) AS enteredAt
          FROM (SELECT s.checkpoint_id, r.rank, r.seq, 1 AS registered, r.valid AS listed, NULL AS at
                  FROM attendee_sessions s JOIN ${people.people} r ON r.id = s.attendee_id
                UNION ALL
                SELECT c.checkpoint_id, r.rank, r.seq, 0, 0, c.at
                  FROM checkins c JOIN checkpoints k ON k.id = c.checkpoint_id AND k.kind = 'session'
                    JOIN ${people.people} r ON r.id = c.attendee_id
                 WHERE +c.event_id = @eventId AND ${counted}) y
          GROUP BY y.checkpoint_id, y.rank) x
    JOIN checkpoints p ON p.id = x.checkpoint_id AND p.kind = 'session'
    JOIN attendees a ON a.seq = x.seq
    WHERE (x.listed OR x.enteredAt IS NOT NULL) ${where.map((term) => `AND ${term}`).join(' ')}
    ORDER BY p.sort, p.name, p.id, x.rank`;
  return {
    name: labels.sheet('byWorkshop'),
    columns: [
      text(labels.column('workshop'), 30, (line) => line.workshop),
      text(labels.column('day'), 12, (line) => (line.workshopDay ? labels.day(line.workshopDay) : '')),
      text(labels.column('room'), 14, (line) => line.room),
      ...person(labels, (line: WorkshopLine) => line, [...identity]),
      text(labels.column('registered'), 10, (line) => labels.yesNo(line.registered === 1)),
      text(labels.column('attended'), 10, (line) => labels.yesNo(line.enteredAt !== null)),
      { header: labels.column('enteredAt'), kind: 'instant', width: 17, value: (line) => line.enteredAt ?? '' },
    ],
    rows: streamed<WorkshopLine>(db, sql, params),
  };
}

interface Totals {
  key: string;
  country: string;
  expected: number;
  present: number;
  days: number[];
  walkins: number;
  absent: number;
}

/**
 * Totals per group (country, or organisation and country): registered (valid), present on any
 * day, present each day (an entrance check-in), walk-ins, and absent (valid, never checked in).
 */
function totals(db: Database, people: ExportPeople, days: string[], groupBy: 'country' | 'organisation'): Iterable<Totals> {
  const key = groupBy === 'country' ? 'n.country' : 'n.organisation';
  registerSortKey(db);
  // Arrivals per group and day: as many entries as the sheet has rows times days.
  const perDay = new Map<string, Map<string, number>>();
  const arrivals = db.prepare(`SELECT ${key} AS key, f.day, count(*) FROM ${people.firsts} f JOIN ${people.people} n ON n.rank = f.rank WHERE f.entrance = 1 GROUP BY ${key}, f.day`);
  for (const [group, day, count] of arrivals.raw().iterate() as Iterable<[string, string, number]>) {
    let ofGroup = perDay.get(group);
    if (!ofGroup) perDay.set(group, (ofGroup = new Map()));
    ofGroup.set(day, count);
  }
  const statement = db.prepare(`
    SELECT ${key} AS key, ${groupBy === 'country' ? "''" : 'min(n.country)'} AS country,
      sum(n.valid) AS expected, sum(n.present) AS present, sum(n.walkin) AS walkins, sum(n.valid AND NOT n.present) AS absent
    FROM ${people.people} n
    WHERE n.valid OR n.present
    GROUP BY ${key}
    ORDER BY ${sortKeyFn}(${key}), ${key}`);
  return (function* () {
    for (const raw of statement.iterate() as Iterable<{ key: string; country: string; expected: number; present: number; walkins: number; absent: number }>) {
      const arrived = perDay.get(raw.key);
      yield {
        key: String(raw.key),
        country: String(raw.country),
        expected: Number(raw.expected),
        present: Number(raw.present),
        days: days.map((day) => arrived?.get(day) ?? 0),
        walkins: Number(raw.walkins),
        absent: Number(raw.absent),
      };
    }
  })();
}

function totalsTable(scope: ExportScope, groupBy: 'country' | 'organisation'): Table<Totals> {
  const { labels, db, event } = scope;
  const days = exportDays(db, event);
  const columns: Column<Totals>[] =
    groupBy === 'country'
      ? [text(labels.column('country'), 24, (t) => t.key || labels.none)]
      : [text(labels.column('organisation'), 36, (t) => t.key || labels.none), text(labels.column('country'), 16, (t) => t.country)];
  const count = (header: string, value: (t: Totals) => number): Column<Totals> => ({ header, kind: 'count', width: 12, value });
  columns.push(count(labels.column('expected'), (t) => t.expected), count(labels.column('present'), (t) => t.present));
  days.forEach((day, i) => columns.push(count(labels.column('presentOn', { day: labels.day(day) }), (t) => t.days[i] ?? 0)));
  columns.push(count(labels.column('walkins'), (t) => t.walkins), count(labels.column('absent'), (t) => t.absent));
  return {
    name: labels.sheet(groupBy === 'country' ? 'byCountry' : 'byOrganisation'),
    columns,
    rows: () => totals(db, scope.people, days, groupBy),
  };
}

export const byCountryTable = (scope: ExportScope) => totalsTable(scope, 'country');
export const byOrganisationTable = (scope: ExportScope) => totalsTable(scope, 'organisation');

/** People registered at the desk, with their first arrival and whether their badge was printed. */
export function walkinsTable(scope: ExportScope): Table<AttendanceRow> {
  const { labels } = scope;
  return {
    name: labels.sheet('walkins'),
    columns: [
      ...person(labels, (row: AttendanceRow) => row, [...identity]),
      { header: labels.column('firstArrival'), kind: 'instant', width: 17, value: (row) => row.firstCheckins[0]?.at ?? '' },
      text(labels.column('arrivalKiosk'), 14, (row) => row.firstCheckins[0]?.kioskName ?? ''),
      text(labels.column('badgePrinted'), 10, (row) => labels.yesNo(row.badgePrinted)),
    ],
    rows: () => attendanceRows(scope.db, scope.event.id, { walkinsOnly: true }, scope.people),
  };
}

/** Valid registrations that never checked in anywhere. */
export function absentTable(scope: ExportScope): Table<AttendanceRow> {
  const { labels } = scope;
  return {
    name: labels.sheet('absent'),
    columns: [
      ...person(labels, (row: AttendanceRow) => row, [...identity]),
      text(labels.column('registeredSessions'), 40, (row) => list(row.registeredSessions)),
    ],
    rows: () => attendanceRows(scope.db, scope.event.id, { absentOnly: true }, scope.people),
  };
}

/** The workbook's sheets, in the order the issue names them. */
export function workbookTables(scope: ExportScope): Table[] {
  return [
    participantsTable(scope),
    byDayTable(scope),
    byWorkshopTable(scope),
    byCountryTable(scope),
    byOrganisationTable(scope),
    walkinsTable(scope),
    absentTable(scope),
  ] as Table[];
}

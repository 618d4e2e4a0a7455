/**
 * What the attendance exports contain, independent of the file format: each sheet is a name,
 * columns (header, kind, width, how to read a row) and a lazy source of rows. The CSV writer
 * writes the Participants table; the XLSX writer writes them all.
 */
import type { Database } from 'better-sqlite3';
import type { Checkpoint, EventInfo } from '../types';
import { attendanceRows, registerSortKey, sortKeyFn, type AttendanceFilter } from './attendance';
import type { ExportLabels } from './labels';
import type { AttendanceRow, FirstCheckin, SessionEntry } from './types';

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
}

const list = (items: string[]) => items.join(' ; ');

/** Days of the event, plus any day a check-in was recorded on that the programme does not list. */
export function exportDays(db: Database, event: EventInfo): string[] {
  const days = new Set(event.days.map((day) => day.date));
  const recorded = db.prepare('SELECT DISTINCT day FROM checkins WHERE event_id = ? ORDER BY day').pluck().all(event.id) as string[];
  for (const day of recorded) days.add(day);
  return [...days].sort();
}

function text<T>(header: string, width: number, value: (row: T) => string): Column<T> {
  return { header, kind: 'text', width, value };
}

function person<T>(labels: ExportLabels, of: (row: T) => AttendanceRow, keys: ('honorific' | 'lastName' | 'firstName' | 'function' | 'organisation' | 'country' | 'category')[]): Column<T>[] {
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
  return { name: labels.sheet('participants'), columns, rows: () => attendanceRows(scope.db, scope.event.id, scope.filter) };
}

interface DayLine {
  day: string;
  row: AttendanceRow;
  first: FirstCheckin | undefined;
}

/** Who arrived each day (one block per day, sorted by name), with when, where and how. */
export function byDayTable(scope: ExportScope): Table<DayLine> {
  const { labels, db, event } = scope;
  const days = scope.filter.day !== undefined ? [scope.filter.day] : exportDays(db, event);
  return {
    name: labels.sheet('byDay'),
    columns: [
      text(labels.column('day'), 12, (line) => labels.day(line.day)),
      ...person(labels, (line: DayLine) => line.row, [...identity]),
      { header: labels.column('arrivedAt'), kind: 'instant', width: 17, value: (line) => line.first?.at ?? '' },
      text(labels.column('arrivalKiosk'), 14, (line) => line.first?.kioskName ?? ''),
      text(labels.column('arrivalMethod'), 14, (line) => (line.first ? labels.method(line.first.method) : '')),
      text(labels.column('walkin'), 10, (line) => labels.yesNo(line.row.walkin)),
    ],
    *rows() {
      for (const day of days) {
        for (const row of attendanceRows(db, event.id, { day })) {
          yield { day, row, first: row.firstCheckins.find((first) => first.day === day) };
        }
      }
    },
  };
}

interface WorkshopLine {
  checkpoint: Checkpoint;
  row: AttendanceRow;
  entry: SessionEntry | undefined;
}

/** Each workshop or meeting: those registered and those who came in, whether registered or not. */
export function byWorkshopTable(scope: ExportScope): Table<WorkshopLine> {
  const { labels, db, event } = scope;
  const sessions = event.checkpoints.filter(
    (checkpoint) =>
      checkpoint.kind === 'session' &&
      (scope.filter.checkpointId === undefined || checkpoint.id === scope.filter.checkpointId) &&
      (scope.filter.day === undefined || checkpoint.day === null || checkpoint.day === scope.filter.day),
  );
  return {
    name: labels.sheet('byWorkshop'),
    columns: [
      text(labels.column('workshop'), 30, (line) => line.checkpoint.name),
      text(labels.column('day'), 12, (line) => (line.checkpoint.day ? labels.day(line.checkpoint.day) : '')),
      text(labels.column('room'), 14, (line) => line.checkpoint.room),
      ...person(labels, (line: WorkshopLine) => line.row, [...identity]),
      text(labels.column('registered'), 10, (line) => labels.yesNo(line.row.registeredSessionIds.includes(line.checkpoint.id))),
      text(labels.column('attended'), 10, (line) => labels.yesNo(line.entry !== undefined)),
      { header: labels.column('enteredAt'), kind: 'instant', width: 17, value: (line) => line.entry?.at ?? '' },
    ],
    *rows() {
      for (const checkpoint of sessions) {
        for (const row of attendanceRows(db, event.id, { checkpointId: checkpoint.id, includeAbsent: true })) {
          yield { checkpoint, row, entry: row.sessionEntries.find((entry) => entry.checkpointId === checkpoint.id) };
        }
      }
    },
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
function totals(db: Database, eventId: string, days: string[], groupBy: 'country' | 'organisation'): Iterable<Totals> {
  const counted = `c.result = 'accepted' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)`;
  const perDay = days
    .map(
      (_, i) => `, sum(EXISTS (SELECT 1 FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id AND p.kind = 'entrance'
        WHERE c.attendee_id = t.id AND c.day = @day${i} AND ${counted})) AS day${i}`,
    )
    .join('');
  const key = groupBy === 'country' ? 't.country' : 't.organisation';
  const sql = `
    SELECT ${key} AS key, ${groupBy === 'country' ? "''" : 'min(t.country)'} AS country,
      sum(t.status = 'valid') AS expected, sum(t.present) AS present ${perDay},
      sum(t.source = 'walk-in') AS walkins, sum(t.status = 'valid' AND NOT t.present) AS absent
    FROM (SELECT a.id, a.country, a.organisation, a.status, a.source,
            EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id AND ${counted}) AS present
          FROM attendees a WHERE a.event_id = @eventId) t
    WHERE t.status = 'valid' OR t.present
    GROUP BY ${key}
    ORDER BY ${sortKeyFn}(${key}), ${key}`;
  const params: Record<string, string> = { eventId };
  days.forEach((day, i) => (params[`day${i}`] = day));
  registerSortKey(db);
  const statement = db.prepare(sql);
  return (function* () {
    for (const raw of statement.iterate(params) as Iterable<Record<string, string | number>>) {
      yield {
        key: String(raw.key),
        country: String(raw.country),
        expected: Number(raw.expected),
        present: Number(raw.present),
        days: days.map((_, i) => Number(raw[`day${i}`])),
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
    rows: () => totals(db, event.id, days, groupBy),
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
    rows: () => attendanceRows(scope.db, scope.event.id, { walkinsOnly: true }),
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
    rows: () => attendanceRows(scope.db, scope.event.id, { absentOnly: true }),
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

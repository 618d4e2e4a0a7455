/** SCAFFOLD (owned by the exports core work, issue 6): the attendance list's rows, streamed from SQLite. */
import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { AttendanceRow } from './types';

export interface AttendanceFilter {
  /** Only people who arrived (an entrance check-in) that day. */
  day?: string;
  /** Only people who entered this checkpoint (a workshop). */
  checkpointId?: string;
  /** Include registered people who never arrived (the Absents sheet); default false when a day or checkpoint is given. */
  includeAbsent?: boolean;
}

/** One row per attendee of the event, sorted by last name then first name (French collation). */
export function* attendanceRows(_db: Database, _eventId: string, _filter: AttendanceFilter = {}): Generator<AttendanceRow> {
  throw new DomainError('internal', 'Exports are being built.');
}

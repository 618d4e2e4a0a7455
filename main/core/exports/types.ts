/**
 * One attendee's line in the final attendance list (issue 6): what CSV, XLSX and the feuille
 * d'émargement are made of. Times are ISO instants; the writers format them in the venue's time.
 */
import type { AttendeeFields, AttendeeStatus } from '../types';

export interface FirstCheckin {
  day: string;
  at: string;
  kioskName: string;
  method: string;
}

/** The first entry into one workshop or meeting (a 'session' checkpoint). */
export interface SessionEntry {
  checkpointId: string;
  name: string;
  day: string;
  at: string;
  kioskName: string;
  method: string;
}

/** The person's identity fields as registered (the same names as everywhere else). */
export interface AttendanceRow
  extends Pick<AttendeeFields, 'honorific' | 'firstName' | 'lastName' | 'function' | 'organisation' | 'country' | 'category' | 'email'> {
  id: string;
  status: AttendeeStatus;
  walkin: boolean;
  /** Names of the sessions they registered for. */
  registeredSessions: string[];
  /** Their checkpoint ids, in the same order. */
  registeredSessionIds: string[];
  /** First entrance check-in per event day (days without one are absent). */
  firstCheckins: FirstCheckin[];
  /** Names of the workshops/meetings they entered. */
  workshopsAttended: string[];
  /** The same workshops with when, where and how each was first entered (sorted like the event's checkpoints). */
  sessionEntries: SessionEntry[];
  badgePrinted: boolean;
}

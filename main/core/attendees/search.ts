import type { Database } from 'better-sqlite3';
import type { AttendeeRow } from './attendees';

/**
 * Turns what staff type into an FTS5 query: every word must match the start of some word
 * in the name, organisation, country, e-mail or ticket codes ("fran dij" finds François
 * Rebsamen of Dijon). Words are quoted so that FTS syntax typed by accident (quotes,
 * AND, NEAR, a colon) is searched for as text, never interpreted.
 */
export function toMatchQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[\s,;]+/u)
    .map((word) => word.replace(/"/g, '""').trim())
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** Column weights for bm25: a hit in the name counts most, then the code and transliteration. */
const rank = 'bm25(attendee_search, 10.0, 4.0, 2.0, 2.0, 6.0, 5.0)';

export function searchAttendees(db: Database, eventId: string, text: string, limit = 50): AttendeeRow[] {
  const query = toMatchQuery(text);
  if (!query) return [];
  return db
    .prepare(
      `SELECT a.rowid, a.* FROM attendee_search s JOIN attendees a ON a.rowid = s.rowid
       WHERE attendee_search MATCH ? AND a.event_id = ?
       ORDER BY ${rank}, a.last_name, a.first_name LIMIT ?`,
    )
    .all(query, eventId, limit) as AttendeeRow[];
}

import type { Database } from 'better-sqlite3';
import { eventToken } from './search-index';
import type { AttendeeRow } from './attendees';

/**
 * Turns what staff type into an FTS5 query: every word must match the start of some word
 * in the name, organisation, country or e-mail ("fran dij" finds François Rebsamen of
 * Dijon). Words are quoted so that FTS syntax typed by accident (quotes, AND, NEAR, a
 * colon) is searched for as text, never interpreted.
 */
export function toMatchQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0 || !longEnough(words.join(''))) return null;
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * One Latin letter matches a third of the list and helps nobody at the desk; a single
 * ideograph, though, is a whole syllable of a Chinese or Japanese name.
 */
export function longEnough(text: string): boolean {
  return [...text].length >= 2 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text);
}

function searchWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[\s,;]+/u)
    .map((word) => word.trim())
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Column weights for bm25 (event, names, organisation, country, email, latin): a name hit counts most. */
const rank = 'bm25(attendee_search, 0.0, 10.0, 4.0, 2.0, 2.0, 5.0)';

/**
 * Ranks inside FTS first and joins only the top rows: joining every match before sorting
 * costs ten times more at 100,000 attendees (see BENCHMARKS.md). A ticket code typed at the
 * desk (or its start) comes first.
 */
export function searchAttendees(db: Database, eventId: string, text: string, limit = 50): AttendeeRow[] {
  const query = toMatchQuery(text);
  if (!query) return [];
  const byCode = codeMatches(db, eventId, text.trim(), limit);
  const ranked = db
    .prepare(
      `SELECT a.rowid, a.* FROM (
         SELECT rowid AS seq, ${rank} AS score FROM attendee_search
         WHERE attendee_search MATCH ? ORDER BY score LIMIT ?
       ) s JOIN attendees a ON a.seq = s.seq
       ORDER BY s.score, a.last_name, a.first_name`,
    )
    .all(`event:${eventToken(eventId)} AND (${query})`, limit) as AttendeeRow[];
  if (byCode.length === 0) return ranked;
  const seen = new Set(byCode.map((row) => row.id));
  return [...byCode, ...ranked.filter((row) => !seen.has(row.id))].slice(0, limit);
}

function codeMatches(db: Database, eventId: string, text: string, limit: number): AttendeeRow[] {
  if (text.length < 3 || /\s/.test(text)) return [];
  const pattern = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare(
      `SELECT DISTINCT a.rowid, a.* FROM ticket_codes t JOIN attendees a ON a.id = t.attendee_id
       WHERE t.event_id = ? AND t.code LIKE ? ESCAPE '\\' ORDER BY length(t.code), t.code LIMIT ?`,
    )
    .all(eventId, pattern, limit) as AttendeeRow[];
}

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
 * Ranks inside FTS and joins only the top rows: joining every match before sorting costs ten
 * times more at 100,000 attendees. Ranking is tiered because bm25 costs about a microsecond
 * per match: "fr" matches every attendee from France through the country column, but what
 * staff mean is a name. So a ticket code typed at the desk (or its start) comes first, then
 * people whose name matches every word, then, only if that leaves room, everyone else who
 * matches (organisation, country, e-mail).
 */
export function searchAttendees(db: Database, eventId: string, text: string, limit = 50): AttendeeRow[] {
  const query = toMatchQuery(text);
  if (!query) return [];
  const found = new Map<string, AttendeeRow>();
  const add = (rows: AttendeeRow[]) => {
    for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, row);
  };
  add(codeMatches(db, eventId, text.trim(), limit));
  if (found.size < limit) add(ranked(db, eventId, `{names latin} : (${query})`, limit));
  if (found.size < limit) add(ranked(db, eventId, query, limit));
  return [...found.values()];
}

type RankedRow = AttendeeRow & { score: number };

/**
 * The best `limit` matches in the event. Intersecting with the event's token costs a pass
 * over every attendee of the event, so the common case (one event holds nearly everyone on
 * the kiosk) ranks without it, over-fetches, and filters; only when other events crowd the
 * top does it rank again inside the event.
 */
function ranked(db: Database, eventId: string, match: string, limit: number): AttendeeRow[] {
  const fetch = limit * 2;
  const top = db.prepare(topMatches).all(match, fetch) as RankedRow[];
  const mine = top.filter((row) => row.event_id === eventId);
  if (mine.length >= limit || top.length < fetch) return mine.slice(0, limit);
  return db.prepare(topMatches).all(`event:${eventToken(eventId)} AND (${match})`, limit) as RankedRow[];
}

const topMatches = `
  SELECT a.rowid, a.*, s.score FROM (
    SELECT rowid AS seq, ${rank} AS score FROM attendee_search
    WHERE attendee_search MATCH ? ORDER BY score LIMIT ?
  ) s JOIN attendees a ON a.seq = s.seq
  ORDER BY s.score, a.last_name, a.first_name`;

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

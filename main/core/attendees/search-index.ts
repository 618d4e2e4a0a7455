import type { Database } from 'better-sqlite3';
import anyAscii from 'any-ascii';

/**
 * The FTS index `attendee_search` is kept in step with `attendees` by triggers (see
 * migrations/0001-initial.ts) that call the SQL functions registered here. Row-by-row
 * trigger inserts into FTS5 cost about four times a bulk INSERT … SELECT, so large imports
 * pause the insert trigger and index their new rows in one statement at the end.
 */

const paused = new WeakSet<Database>();

/** One FTS token per event id (letters and digits only, so the tokenizer keeps it whole). */
export function eventToken(eventId: string): string {
  return `ev${eventId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

const nonLatinLetter = /[^\p{Script=Latin}\P{L}]/u;

/**
 * ASCII transliteration, so that "wang" finds 王 and "ivan" finds Іван. Text already in
 * Latin letters gets none: the tokenizer's remove_diacritics covers it, and indexing it
 * twice would double the index.
 */
export function latinForm(text: string): string {
  return nonLatinLetter.test(text) ? anyAscii(text) : '';
}

export function registerSearchIndexFunctions(db: Database): void {
  db.function('accueil_latin', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? latinForm(text) : ''));
  db.function('accueil_event_token', { deterministic: true }, (eventId: unknown) => eventToken(String(eventId)));
  db.function('accueil_index_paused', () => (paused.has(db) ? 1 : 0));
}

/**
 * Runs `fn` (inside the caller's transaction) with the per-row insert trigger paused, then
 * indexes every attendee it inserted in one statement. Updates stay indexed row by row.
 */
export function withBulkIndexing<T>(db: Database, fn: () => T): T {
  if (!db.inTransaction) throw new Error('withBulkIndexing must run inside a transaction');
  const { before } = db.prepare('SELECT coalesce(max(seq), 0) AS before FROM attendees').get() as { before: number };
  paused.add(db);
  let result: T;
  try {
    result = fn();
  } finally {
    paused.delete(db);
  }
  db.prepare(
    `INSERT INTO attendee_search (rowid, event, names, organisation, country, email, latin)
     SELECT seq, accueil_event_token(event_id), first_name || ' ' || last_name, organisation, country, email,
            accueil_latin(first_name || ' ' || last_name || ' ' || organisation || ' ' || country)
     FROM attendees WHERE seq > ?`,
  ).run(before);
  return result;
}

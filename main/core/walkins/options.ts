import type { Database } from 'better-sqlite3';
import type { WalkinOptions } from '../types';

/**
 * What the walk-in form offers: the categories and countries the event's attendees already
 * carry, spelled exactly as stored, most used first — a walk-in then files and prints like
 * everyone else ("France", not "FR" or "france").
 */
export function walkinOptions(db: Database, eventId: string | null | undefined): WalkinOptions {
  if (!eventId) return { categories: [], countries: [] };
  const values = (column: 'category' | 'country') =>
    (
      db
        .prepare(`SELECT ${column} AS value FROM attendees WHERE event_id = ? AND ${column} <> '' GROUP BY ${column} ORDER BY COUNT(*) DESC, ${column}`)
        .all(eventId) as { value: string }[]
    ).map((row) => row.value);
  return { categories: values('category'), countries: values('country') };
}

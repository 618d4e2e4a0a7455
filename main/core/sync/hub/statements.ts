/**
 * Prepared statements kept per database: the hub answers every request with a handful of
 * small queries, and preparing them anew each time was a twentieth of its CPU on a fleet.
 */
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/** `pluck`: the statement hands back the first column (kept apart: pluck() changes the statement). */
export function prepared(db: Database, sql: string, pluck = false): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = pluck ? `pluck\n${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (pluck) statement.pluck();
    cache.set(key, statement);
  }
  return statement;
}

/**
 * Exports read through their own read-only connection inside one read transaction: the
 * writers yield to the event loop between rows (flat memory), and a cursor held open on the
 * kiosk's connection would make every check-in meanwhile fail ("connection is busy"). In WAL
 * mode the reader neither blocks nor is blocked by the desk, and every sheet of one export
 * sees the same snapshot. An in-memory database has no second connection: it is read directly.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

export async function withExportReader<T>(db: Db, read: (reader: Db) => Promise<T>): Promise<T> {
  if (db.memory) return read(db);
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    // The sort of a large list spills to a temporary file rather than growing the process.
    reader.pragma('temp_store = FILE');
    reader.pragma('cache_size = -16384');
    reader.exec('BEGIN');
    return await read(reader);
  } finally {
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }
}

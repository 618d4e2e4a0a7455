import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { nativeBindingForRuntime } from './native-binding';
import { registerSearchIndexFunctions } from '../attendees/search-index';

export type { Database };

export const databaseFileName = 'accueil.sqlite';

/** Opens (creating if needed) a kiosk database: WAL, foreign keys, a busy timeout, migrated. */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(file, { nativeBinding: nativeBindingForRuntime() });
  } catch (error) {
    throw new DomainError('db.open_failed', `Cannot open the database ${file}: ${(error as Error).message}`, { file });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL in WAL mode: a commit survives the app crashing or being killed; only a power cut
    // or an OS crash can lose what was written since the last checkpoint (at most a couple
    // of seconds on a kiosk: see checkpoints.ts). FULL would flush the disk on every scan,
    // which is what made the check-in p99 miss 2 ms (BENCHMARKS.md), on laptops that run on
    // battery and a fleet that syncs every arrival to the hub within seconds.
    db.pragma('synchronous = NORMAL');
    // Inside a long transaction (an import) every INSERT journals the pages it touches so that
    // it alone can be rolled back; in a temp file that was a million small writes for 100,000
    // rows. In memory, with a cache that holds a 100,000-person list, the import runs in half
    // the time (BENCHMARKS.md).
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    registerSearchIndexFunctions(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DomainError) throw error;
    throw new DomainError('db.open_failed', `Cannot open the database ${file}: ${(error as Error).message}`, { file });
  }
}

export function openDataFolder(dataDir: string): Database {
  return openDatabase(path.join(dataDir, databaseFileName));
}

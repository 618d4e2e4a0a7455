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

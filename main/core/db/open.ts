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
    // FULL: an arrival acknowledged on screen must survive a power cut at the desk.
    db.pragma('synchronous = FULL');
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

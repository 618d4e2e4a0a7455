import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}

/**
 * Brings the file up to the latest schema, each step in its own transaction.
 * A file written by a newer Accueil is refused rather than guessed at: its tables may
 * mean things this version does not know, and writing to it could corrupt them.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new DomainError(
      'db.newer_version',
      `This database was written by a newer version of Accueil (schema ${current}, this version knows ${latest}). Update Accueil to open it.`,
      { found: current, supported: latest },
    );
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.up);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return latest;
}

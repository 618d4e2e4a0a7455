import type { Database } from 'better-sqlite3';
import { HybridClock } from './hlc';

/**
 * The kiosk's hybrid logical clock, persisted in settings 'sync.hlc' so a restart never goes
 * back in time. Read and written inside the caller's transaction (an edit, a pulled page):
 * the clock and the facts it stamped are saved together.
 */
const key = 'sync.hlc';

function restore(db: Database, node: string, now: () => Date): HybridClock {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return new HybridClock(node, () => now().getTime(), row ? (JSON.parse(row) as string) : null);
}

function save(db: Database, clock: HybridClock): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(clock.current()));
}

/** A clock for a local write (an edit at this desk). */
export function tickKioskClock(db: Database, node: string, now: () => Date): string {
  const clock = restore(db, node, now);
  const stamp = clock.tick();
  save(db, clock);
  return stamp;
}

/** Every string value of a `{field: hlc}` object (a payload's `clocks`, a row's field_clocks). */
export function clocksIn(value: unknown): string[] {
  if (typeof value === 'string') {
    try {
      return clocksIn(JSON.parse(value));
    } catch {
      return [];
    }
  }
  if (!value || typeof value !== 'object') return [];
  return Object.values(value).filter((v): v is string => typeof v === 'string');
}

import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Key/value settings of this kiosk, stored as JSON. */
export class Settings {
  constructor(private readonly db: Database) {}

  get<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  /** This kiosk's stable identity, created on first use. */
  kioskId(): string {
    let id = this.get<string>('kiosk.id');
    if (!id) {
      id = randomUUID();
      this.set('kiosk.id', id);
    }
    return id;
  }

  /**
   * The name staff see ("Accueil 1"). Until someone names the desk it is "#" and the start of
   * its id: the same in French and English, since it is stored in check-ins and shown in
   * either language ("au poste #3f9a", "at desk #3f9a").
   */
  kioskName(): string {
    return this.get<string>('kiosk.name') ?? `#${this.kioskId().slice(0, 4)}`;
  }
}

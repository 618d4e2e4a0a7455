import type { Database, Statement } from 'better-sqlite3';

export interface AuditEntry {
  action: string;
  target?: string;
  /** Only what an organiser needs to understand the action later: ids and counts, not personal data. */
  details?: Record<string, unknown>;
  role?: 'staff' | 'organiser' | 'system';
}

/** Append-only record of what was done on this kiosk (imports, overrides, undos, revocations). */
export class AuditLog {
  private readonly insert: Statement;

  constructor(
    db: Database,
    private readonly kioskId: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare('INSERT INTO audit_log (at, kiosk_id, role, action, target, details) VALUES (?, ?, ?, ?, ?, ?)');
  }

  record({ action, target = '', details = {}, role = 'staff' }: AuditEntry): void {
    this.insert.run(this.now().toISOString(), this.kioskId(), role, action, target, JSON.stringify(details));
  }
}

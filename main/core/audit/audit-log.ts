import type { Database, Statement } from 'better-sqlite3';
import type { AuditRecord, Role } from '../roles/types';

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
  private readonly page: Statement;
  private readonly pageBefore: Statement;
  private readonly every: Statement;

  constructor(
    private readonly db: Database,
    private readonly kioskId: () => string,
    private readonly now: () => Date = () => new Date(),
    /** The mode in force, for entries that do not name their role (the same action may be staff's or an organiser's). */
    private readonly currentRole: () => Role = () => 'staff',
  ) {
    this.insert = db.prepare('INSERT INTO audit_log (at, kiosk_id, role, action, target, details) VALUES (?, ?, ?, ?, ?, ?)');
    const columns = 'SELECT seq, at, kiosk_id, role, action, target, details FROM audit_log';
    this.page = db.prepare(`${columns} ORDER BY seq DESC LIMIT ?`);
    this.pageBefore = db.prepare(`${columns} WHERE seq < ? ORDER BY seq DESC LIMIT ?`);
    this.every = db.prepare(`${columns} ORDER BY seq`);
  }

  /** Newest first; the next page starts before the last id of this one. */
  list({ limit = 100, beforeId }: { limit?: number; beforeId?: number } = {}): AuditRecord[] {
    const rows = (beforeId === undefined ? this.page.all(limit) : this.pageBefore.all(beforeId, limit)) as AuditRow[];
    return rows.map(toRecord);
  }

  /** Oldest first, one row at a time (an export of a long log never holds it whole). */
  *all(): Generator<AuditRecord> {
    for (const row of this.every.iterate() as Iterable<AuditRow>) yield toRecord(row);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  }

  record({ action, target = '', details = {}, role = this.currentRole() }: AuditEntry): void {
    this.insert.run(this.now().toISOString(), this.kioskId(), role, action, target, JSON.stringify(details));
  }
}

interface AuditRow {
  seq: number;
  at: string;
  kiosk_id: string;
  role: string;
  action: string;
  target: string;
  details: string;
}

function toRecord(row: AuditRow): AuditRecord {
  let details: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(row.details);
    details = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    // Written by this app as JSON; a damaged row is still listed rather than hiding the rest.
    details = { raw: row.details };
  }
  return { id: row.seq, at: row.at, kioskId: row.kiosk_id, role: row.role, action: row.action, target: row.target, details };
}

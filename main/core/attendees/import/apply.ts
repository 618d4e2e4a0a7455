/**
 * Rows → the attendee list. Each row is matched, in memory, against the event's attendees
 * and the rows before it: by ticket code first, else by e-mail and name. A match updates
 * (never deletes, never changes the id, so check-ins stay attached); a second row for the
 * same person merges into the first. The database is written at the end, with prepared
 * statements, by the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AttendeeFields, AttendeeStatus, ImportRowError } from '../../types';
import { emptyFields, fieldColumns, fieldNames } from '../attendees';
import { withBulkIndexing } from '../search-index';
import { emailKey, labelKey, nameKey } from './normalise';
import { rowError } from './notices';
import type { RowAttendee } from './rows';

export interface ApplyCounts {
  imported: number;
  updated: number;
  unchanged: number;
  merged: number;
  cancelled: number;
}

interface Entry {
  id: string;
  isNew: boolean;
  fields: AttendeeFields;
  status: AttendeeStatus;
  /** nameKey of the current first and last name (kept, not recomputed on every lookup). */
  nameKey: string;
  codes: string[];
  /** Checkpoint ids; null while none (most attendees: a Set each would be 100,000 Sets). */
  sessions: Set<string> | null;
  /** What the database held before this import (existing attendees only), to tell updated from unchanged. */
  before?: { row: unknown[]; codeCount: number; sessions: string };
  /** Set by the first row of this file that matched the entry, with the codes that row gave it. */
  claimedBy?: { row: number; nameKey: string; codes: string[] };
  /**
   * Ticket → its status as this file lists it, by code ('' for rows without a code). Built
   * only when a second row with a status merges into the entry (see `mergeStatus`).
   */
  tickets?: Map<string, AttendeeStatus>;
}

/** Columns read back, in `fieldNames` order, then id and status (raw arrays: fewer objects on big lists). */
const fieldColumnList = fieldNames.map((name) => fieldColumns[name]);
const idColumn = fieldColumnList.length;
const at = Object.fromEntries(fieldNames.map((name, i) => [name, i])) as Record<keyof AttendeeFields, number>;
/** One literal per row (faster than building it field by field on 100,000 rows). */
const fieldsOf = (row: string[]): AttendeeFields => ({
  honorific: row[at.honorific]!,
  firstName: row[at.firstName]!,
  lastName: row[at.lastName]!,
  function: row[at.function]!,
  organisation: row[at.organisation]!,
  country: row[at.country]!,
  category: row[at.category]!,
  language: row[at.language]!,
  email: row[at.email]!,
  ticketType: row[at.ticketType]!,
});
const sessionKey = (sessions: Set<string> | null) => (sessions ? [...sessions].sort().join('\u0000') : '');

const key = (email: string, name: string) => `${email}\u0000${name}`;

export class ImportApplier {
  private readonly entries: Entry[] = [];
  private readonly byCode = new Map<string, Entry>();
  private readonly byEmailName = new Map<string, Entry>();
  private readonly byName = new Map<string, Entry[]>();
  readonly errors: ImportRowError[] = [];
  private merged = 0;

  constructor(
    private readonly db: Database,
    private readonly eventId: string,
  ) {
    this.loadExisting();
  }

  /** One pass over the event's attendees, codes and sessions, instead of a query per row. */
  private loadExisting(): void {
    const rows = this.db
      .prepare(`SELECT ${fieldColumnList.join(', ')}, id, status FROM attendees WHERE event_id = ? ORDER BY rowid`)
      .raw(true)
      .all(this.eventId) as string[][];
    const byId = new Map<string, Entry>();
    for (const row of rows) {
      const fields = fieldsOf(row);
      const entry: Entry = {
        id: row[idColumn]!,
        isNew: false,
        fields,
        status: row[idColumn + 1] as AttendeeStatus,
        nameKey: nameKey(fields.firstName, fields.lastName),
        codes: [],
        sessions: null,
      };
      entry.before = { row, codeCount: 0, sessions: '' };
      byId.set(entry.id, entry);
      this.entries.push(entry);
      this.indexName(entry);
    }
    const codes = this.db
      .prepare('SELECT code, attendee_id FROM ticket_codes WHERE event_id = ? ORDER BY rowid')
      .raw(true)
      .all(this.eventId) as [string, string][];
    for (const [code, attendeeId] of codes) {
      const entry = byId.get(attendeeId);
      if (!entry) continue;
      entry.codes.push(code);
      entry.before!.codeCount++;
      this.byCode.set(code, entry);
    }
    const sessions = this.db
      .prepare('SELECT s.attendee_id, s.checkpoint_id FROM attendee_sessions s JOIN attendees a ON a.id = s.attendee_id WHERE a.event_id = ?')
      .raw(true)
      .all(this.eventId) as [string, string][];
    for (const [attendeeId, checkpointId] of sessions) {
      const entry = byId.get(attendeeId);
      if (entry) (entry.sessions ??= new Set()).add(checkpointId);
    }
    for (const entry of this.entries) if (entry.sessions) entry.before!.sessions = sessionKey(entry.sessions);
  }

  private indexName(entry: Entry): void {
    const name = entry.nameKey;
    if (!entry.fields.email) {
      const list = this.byName.get(name) ?? [];
      if (!list.includes(entry)) list.push(entry);
      this.byName.set(name, list);
      return;
    }
    const k = key(emailKey(entry.fields.email), name);
    if (!this.byEmailName.has(k)) this.byEmailName.set(k, entry);
  }

  add(row: RowAttendee): void {
    let target: Entry | undefined;
    const codes: string[] = [];
    for (const code of row.codes) {
      const holder = this.byCode.get(code);
      if (!holder) {
        codes.push(code);
        continue;
      }
      // A code already claimed in this file by someone of another name is not this person's:
      // an order number shared by a group, or a typo. The first holder keeps it.
      const conflicting = (holder.claimedBy && holder.claimedBy.nameKey !== row.nameKey) || (target && holder !== target);
      if (conflicting) {
        this.conflict(row, code, holder);
        continue;
      }
      target = holder;
      codes.push(code);
    }
    if (!target && row.emailKey) target = this.byEmailName.get(key(row.emailKey, row.nameKey));
    if (!target && !row.emailKey) target = this.matchByNameOnly(row);
    // An e-mail + name match may hold codes other rows hold; keep only codes free or its own.
    const own = target;
    const kept = own ? codes.filter((code) => (this.byCode.get(code) ?? own) === own) : codes;

    if (!target) {
      target = {
        id: '', // given in write()
        isNew: true,
        fields: { ...emptyFields, ...row.fields },
        status: row.status ?? 'valid',
        nameKey: row.nameKey,
        codes: [],
        sessions: row.sessions?.length ? new Set(row.sessions) : null,
        claimedBy: { row: row.row, nameKey: row.nameKey, codes: kept },
      };
      this.entries.push(target);
    } else if (target.claimedBy) {
      // The same person twice in this file: one attendee, later non-empty values win; the
      // status follows the tickets (mergeStatus).
      this.merged++;
      assignFields(target, row);
      if (row.status) mergeStatus(target, kept, row.status);
      for (const id of row.sessions ?? []) (target.sessions ??= new Set()).add(id);
    } else {
      target.claimedBy = { row: row.row, nameKey: row.nameKey, codes: kept };
      assignFields(target, row);
      if (row.status) target.status = row.status;
      if (row.sessions) target.sessions = row.sessions.length ? new Set(row.sessions) : null;
    }
    for (const code of kept) {
      if (!target.codes.includes(code)) target.codes.push(code);
      this.byCode.set(code, target);
    }
    this.indexName(target);
  }

  /**
   * Lists without codes or e-mails (a plain spreadsheet of names) must re-import without
   * doubling everyone: such a row takes over a registered attendee of the same name who has
   * no e-mail either. Within the file, only a row repeating name and organisation merges:
   * two namesakes in one list are two people.
   */
  private matchByNameOnly(row: RowAttendee): Entry | undefined {
    for (const candidate of this.byName.get(row.nameKey) ?? []) {
      if (candidate.fields.email) continue;
      if (!candidate.claimedBy) {
        if (row.codes.length === 0 || candidate.codes.length === 0) return candidate;
      } else if (
        candidate.codes.length === 0 &&
        row.codes.length === 0 &&
        labelKey(candidate.fields.organisation) === labelKey(row.fields.organisation ?? '')
      ) {
        return candidate;
      }
    }
    return undefined;
  }

  private conflict(row: RowAttendee, code: string, holder: Entry): void {
    const who = `${holder.fields.firstName} ${holder.fields.lastName}`.trim();
    const where = holder.claimedBy ? `row ${holder.claimedBy.row}` : 'an attendee already registered';
    this.errors.push(
      rowError(row.row, 'row.code_conflict', `Row ${row.row}: ticket code "${code}" already belongs to ${who} (${where}); not given to this row.`, {
        code,
        holder: who,
        ...(holder.claimedBy ? { holderRow: holder.claimedBy.row } : {}),
      }),
    );
  }

  /** Writes what changed. Must run inside a transaction. */
  write(at: string): ApplyCounts {
    // Positional parameters in `fieldNames` order: no object per row on a 100,000-row import.
    const insert = this.db.prepare(`
      INSERT INTO attendees (${fieldColumnList.join(', ')}, id, event_id, status, source, created_at, updated_at)
      VALUES (${fieldColumnList.map(() => '?').join(', ')}, ?, ?, ?, 'import', ?, ?)`);
    const update = this.db.prepare(`
      UPDATE attendees SET ${fieldColumnList.map((column) => `${column} = ?`).join(', ')}, status = ?, updated_at = ?
      WHERE id = ?`);
    const statements: Statements = {
      insert,
      update,
      touch: this.db.prepare('UPDATE attendees SET updated_at = ? WHERE id = ?'),
      addCode: this.db.prepare('INSERT INTO ticket_codes (event_id, code, attendee_id) VALUES (?, ?, ?)'),
      addSession: this.db.prepare('INSERT OR IGNORE INTO attendee_sessions (attendee_id, checkpoint_id) VALUES (?, ?)'),
      clearSessions: this.db.prepare('DELETE FROM attendee_sessions WHERE attendee_id = ?'),
    };
    const counts: ApplyCounts = { imported: 0, updated: 0, unchanged: 0, merged: this.merged, cancelled: 0 };
    // New attendees are indexed for search in one statement at the end, not row by row.
    withBulkIndexing(this.db, () => this.writeEntries(at, counts, statements));
    return counts;
  }

  private writeEntries(at: string, counts: ApplyCounts, statements: Statements): void {
    const { insert, update, touch, addCode, addSession, clearSessions } = statements;
    // Random v4 UUIDs, handed out in ascending order: the unique index on id then grows at its
    // end instead of at random pages (about half a second saved per 100,000 attendees).
    const fresh = this.entries.filter((entry) => entry.isNew);
    const ids = fresh.map(() => randomUUID()).sort();
    fresh.forEach((entry, i) => (entry.id = ids[i]!));
    const values = (entry: Entry) => fieldNames.map((name) => entry.fields[name]);
    for (const entry of this.entries) {
      if (!entry.claimedBy) continue;
      // Those this import cancels: new and cancelled, or valid before. A re-import that
      // changes nothing cancels nobody.
      if (entry.status === 'cancelled' && (entry.isNew || entry.before!.row[idColumn + 1] !== 'cancelled')) counts.cancelled++;
      if (entry.isNew) {
        insert.run(...values(entry), entry.id, this.eventId, entry.status, at, at);
        for (const code of entry.codes) addCode.run(this.eventId, code, entry.id);
        for (const id of entry.sessions ?? []) addSession.run(entry.id, id);
        counts.imported++;
        continue;
      }
      const before = entry.before!;
      const fieldsChanged = entry.status !== before.row[idColumn + 1] || fieldNames.some((name, i) => entry.fields[name] !== before.row[i]);
      const codesChanged = entry.codes.length !== before.codeCount;
      const sessionsChanged = sessionKey(entry.sessions) !== before.sessions;
      if (!fieldsChanged && !codesChanged && !sessionsChanged) {
        counts.unchanged++;
        continue;
      }
      if (fieldsChanged) update.run(...values(entry), entry.status, at, entry.id);
      else touch.run(at, entry.id);
      for (const code of entry.codes.slice(before.codeCount)) addCode.run(this.eventId, code, entry.id);
      if (sessionsChanged) {
        clearSessions.run(entry.id);
        for (const id of entry.sessions ?? []) addSession.run(entry.id, id);
      }
      counts.updated++;
    }
  }
}

/**
 * A further row of this file for the same attendee, with a status. The status belongs to a
 * ticket, not to the person:
 * - rows for the SAME ticket code are one ticket's history, and the later row wins: exports
 *   list a sale, then its refund line (`ABC123;Validé` then `ABC123;Annulé` → cancelled), and
 *   a refund line followed by a new sale line on the same code → valid again;
 * - a person holding several DIFFERENT codes (rows merged by code or by e-mail and name) stays
 *   admitted while any of those tickets is valid: they are cancelled only when all are (a
 *   refunded ticket and a ticket bought again);
 * - rows without a code count as one more ticket of their own (key ''), so two code-less rows
 *   for the same person also follow "the later row wins";
 * - a row with several codes gives its status to each of them.
 * Only tickets this file lists count: a code known from an earlier import but absent here
 * does not keep anyone admitted (as for a single row, the file's status replaces the old one).
 */
function mergeStatus(target: Entry, codes: string[], status: AttendeeStatus): void {
  // The first row's status is target.status (set when it claimed the entry, files with a
  // status column give every row one); the map is built here, for the few merged people.
  const tickets = (target.tickets ??= new Map(ticketKeys(target.claimedBy!.codes).map((code) => [code, target.status])));
  for (const code of ticketKeys(codes)) tickets.set(code, status);
  let valid = false;
  for (const value of tickets.values()) if (value === 'valid') valid = true;
  target.status = valid ? 'valid' : 'cancelled';
}

const ticketKeys = (codes: string[]) => (codes.length ? codes : ['']);

/** Non-empty values of the row win; the name key follows the names. */
function assignFields(target: Entry, row: RowAttendee): void {
  Object.assign(target.fields, row.fields);
  const { firstName, lastName } = row.fields;
  if (firstName !== undefined && lastName !== undefined) target.nameKey = row.nameKey;
  else if (firstName !== undefined || lastName !== undefined) target.nameKey = nameKey(target.fields.firstName, target.fields.lastName);
}

type Statements = Record<'insert' | 'update' | 'touch' | 'addCode' | 'addSession' | 'clearSessions', Statement>;

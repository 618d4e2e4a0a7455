import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { Attendee, AttendeeFields, AttendeeSource, AttendeeStatus, AttendeeSummary, CheckinSummary } from '../types';

export interface AttendeeRow {
  rowid: number; // = seq, the stable integer key
  seq: number;
  id: string;
  event_id: string;
  honorific: string;
  first_name: string;
  last_name: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  language: string;
  email: string;
  ticket_type: string;
  status: AttendeeStatus;
  source: AttendeeSource;
  created_at: string;
  updated_at: string;
}

export const emptyFields: AttendeeFields = {
  honorific: '',
  firstName: '',
  lastName: '',
  function: '',
  organisation: '',
  country: '',
  category: '',
  language: '',
  email: '',
  ticketType: '',
};

export const fieldColumns: Record<keyof AttendeeFields, string> = {
  honorific: 'honorific',
  firstName: 'first_name',
  lastName: 'last_name',
  function: 'function',
  organisation: 'organisation',
  country: 'country',
  category: 'category',
  language: 'language',
  email: 'email',
  ticketType: 'ticket_type',
};

export const fieldNames = Object.keys(fieldColumns) as (keyof AttendeeFields)[];

export interface NewAttendee extends Partial<AttendeeFields> {
  id?: string;
  eventId: string;
  status?: AttendeeStatus;
  source?: AttendeeSource;
  ticketCodes?: string[];
  sessions?: string[];
}

function fieldsOf(row: AttendeeRow): AttendeeFields {
  return {
    honorific: row.honorific,
    firstName: row.first_name,
    lastName: row.last_name,
    function: row.function,
    organisation: row.organisation,
    country: row.country,
    category: row.category,
    language: row.language,
    email: row.email,
    ticketType: row.ticket_type,
  };
}

/**
 * The attendee list of the kiosk. Statements are prepared once: imports call these
 * methods a hundred thousand times inside one transaction.
 */
export class Attendees {
  private readonly statements: {
    byId: Statement;
    byCode: Statement;
    codes: Statement;
    sessions: Statement;
    insert: Statement;
    addCode: Statement;
    addSession: Statement;
    clearSessions: Statement;
    checkins: Statement;
  };

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      byId: db.prepare("SELECT rowid, * FROM attendees WHERE id = ?"),
      byCode: db.prepare(
        'SELECT a.rowid, a.* FROM ticket_codes t JOIN attendees a ON a.id = t.attendee_id WHERE t.event_id = ? AND t.code = ?',
      ),
      codes: db.prepare('SELECT code FROM ticket_codes WHERE attendee_id = ? ORDER BY rowid'),
      sessions: db.prepare('SELECT checkpoint_id FROM attendee_sessions WHERE attendee_id = ? ORDER BY checkpoint_id'),
      insert: db.prepare(`
        INSERT INTO attendees (id, event_id, honorific, first_name, last_name, function, organisation, country,
          category, language, email, ticket_type, status, source, created_at, updated_at)
        VALUES (@id, @eventId, @honorific, @firstName, @lastName, @function, @organisation, @country,
          @category, @language, @email, @ticketType, @status, @source, @at, @at)`),
      addCode: db.prepare('INSERT OR IGNORE INTO ticket_codes (event_id, code, attendee_id) VALUES (?, ?, ?)'),
      addSession: db.prepare('INSERT OR IGNORE INTO attendee_sessions (attendee_id, checkpoint_id) VALUES (?, ?)'),
      clearSessions: db.prepare('DELETE FROM attendee_sessions WHERE attendee_id = ?'),
      checkins: db.prepare(`
        SELECT at, day, checkpoint_id AS checkpointId, coalesce(nullif(kiosk_name, ''), kiosk_id) AS kiosk, method FROM checkins
        WHERE attendee_id = ? AND result = 'accepted'
          AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = checkins.id) -- an undone check-in no longer counts
        ORDER BY at, id`),
    };
  }

  findRow(id: string): AttendeeRow | undefined {
    return this.statements.byId.get(id) as AttendeeRow | undefined;
  }

  findByTicketCode(eventId: string, code: string): AttendeeRow | undefined {
    return this.statements.byCode.get(eventId, code) as AttendeeRow | undefined;
  }

  get(id: string): Attendee {
    const row = this.findRow(id);
    if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${id}.`, { id });
    return this.toAttendee(row);
  }

  toAttendee(row: AttendeeRow): Attendee {
    return {
      id: row.id,
      eventId: row.event_id,
      ...fieldsOf(row),
      status: row.status,
      source: row.source,
      ticketCodes: this.ticketCodes(row.id),
      sessions: (this.statements.sessions.all(row.id) as { checkpoint_id: string }[]).map((r) => r.checkpoint_id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  toSummary(row: AttendeeRow): AttendeeSummary {
    return {
      id: row.id,
      honorific: row.honorific,
      firstName: row.first_name,
      lastName: row.last_name,
      function: row.function,
      organisation: row.organisation,
      country: row.country,
      category: row.category,
      status: row.status,
      ticketCodes: this.ticketCodes(row.id),
      checkedIn: this.statements.checkins.all(row.id) as CheckinSummary[],
    };
  }

  ticketCodes(id: string): string[] {
    return (this.statements.codes.all(id) as { code: string }[]).map((r) => r.code);
  }

  insert(input: NewAttendee): string {
    const id = input.id ?? randomUUID();
    this.statements.insert.run({
      ...emptyFields,
      ...definedOnly(input),
      id,
      eventId: input.eventId,
      status: input.status ?? 'valid',
      source: input.source ?? 'import',
      at: this.now().toISOString(),
    });
    for (const code of input.ticketCodes ?? []) this.addTicketCode(input.eventId, id, code);
    if (input.sessions) this.setSessions(id, input.sessions);
    return id;
  }

  /**
   * Writes the given fields and status; returns whether anything changed, so that a
   * re-import of an identical file reports "unchanged" rather than "updated".
   */
  update(id: string, fields: Partial<AttendeeFields>, status?: AttendeeStatus): boolean {
    const row = this.findRow(id);
    if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${id}.`, { id });
    const current = fieldsOf(row);
    const changed = fieldNames.filter((name) => fields[name] !== undefined && fields[name] !== current[name]);
    const statusChanged = status !== undefined && status !== row.status;
    if (changed.length === 0 && !statusChanged) return false;
    const sets = changed.map((name) => `${fieldColumns[name]} = @${name}`);
    if (statusChanged) sets.push('status = @status');
    sets.push('updated_at = @at');
    this.db
      .prepare(`UPDATE attendees SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...Object.fromEntries(changed.map((name) => [name, fields[name]])), status, at: this.now().toISOString(), id });
    return true;
  }

  /** Adds a code unless another attendee of the event already holds it; returns whether it is now this attendee's. */
  addTicketCode(eventId: string, id: string, code: string): boolean {
    this.statements.addCode.run(eventId, code, id);
    return this.findByTicketCode(eventId, code)?.id === id;
  }

  setSessions(id: string, checkpointIds: string[]): void {
    this.statements.clearSessions.run(id);
    for (const checkpointId of checkpointIds) this.statements.addSession.run(id, checkpointId);
  }

  summaries(ids: string[]): AttendeeSummary[] {
    return ids.map((id) => this.findRow(id)).filter((row): row is AttendeeRow => !!row).map((row) => this.toSummary(row));
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

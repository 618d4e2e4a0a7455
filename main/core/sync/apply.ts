/**
 * Applies changes from other devices to a kiosk database, in one transaction: the hub on a
 * push (its own tables then hold the master list and the merged facts) and every kiosk on a
 * pull. Idempotent: applying the same changes twice, or in another order, ends in the same
 * rows (facts are unions by id; attendee fields go to the later hybrid logical clock).
 *
 * Everything is checked before anything is written: a payload that fails its schema is
 * sync.bad_request (with the path), a fact naming an attendee this database does not know
 * (and that no earlier change of the same call creates) is sync.unknown_attendee with the ids.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { Attendees, fieldColumns as attendeeFieldColumns, fieldNames as attendeeFieldNames } from '../attendees/attendees';
import { printedFields } from '../attendees/edit';
import { DomainError } from '../errors';
import type { AttendeeFields } from '../types';
import { findDuplicates } from '../walkins/duplicates';
import { formatHlc, type HybridClock } from './hlc';
import type { Change, ChangeKind } from './protocol';

export interface ApplyOptions {
  now: () => Date;
  /** The kiosk's clock: it receives every clock it sees, so a later local edit orders after them. */
  clock?: HybridClock;
}

export interface ApplyResult {
  /** Facts new to this database, per kind. */
  applied: Record<ChangeKind, number>;
  /** Changes that changed nothing (already there, or older clocks on every field). */
  unchanged: number;
  /** Walk-ins flagged for a supervisor (possible duplicates). */
  flagged: number;
}

/** Besides the fields, the master list carries these under their own clocks. */
const extraClockedNames = ['status', 'sessions'] as const;

const text = z.string().max(1000);
const id = z.string().min(1).max(100);
const time = z.string().min(10).max(40);
const hlcText = z.string().regex(/^\d{15}-\d{6}-.+$/, 'expected a hybrid logical clock');

const fieldsSchema = z
  .object(Object.fromEntries(attendeeFieldNames.map((name) => [name, text.optional()])) as Record<keyof AttendeeFields, z.ZodOptional<typeof text>>)
  .strip();

const checkinPayload = z.looseObject({
  id,
  eventId: id,
  attendeeId: id.nullable(),
  checkpointId: id,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kioskId: id,
  kioskName: text.optional().default(''),
  method: z.enum(['qr', 'wedge', 'search', 'walk-in', 'cli']),
  result: z.string().min(1).max(40),
  at: time,
  overridden: z.union([z.boolean(), z.number()]).optional().default(false),
  undoes: id.nullable().optional().default(null),
});

const walkinPayload = z.looseObject({
  id,
  eventId: id,
  ...fieldsSchema.shape,
  status: z.enum(['valid', 'cancelled']).optional().default('valid'),
  kioskId: id.optional(),
  at: time.optional(),
  /** Staff said "someone else" to the look-alikes they were shown. */
  confirmNotDuplicate: z.boolean().optional(),
  /** The look-alikes staff were shown and said were someone else (not flagged again). */
  notDuplicateOf: z.array(id).max(100).optional(),
  clocks: z.record(z.string(), hlcText).optional(),
});

const updatePayload = z.looseObject({
  id,
  eventId: id,
  fields: fieldsSchema,
  clocks: z.record(z.string(), hlcText).optional(),
  kioskId: id.optional(),
  at: time.optional(),
});

const upsertPayload = z.looseObject({
  id,
  eventId: id,
  fields: fieldsSchema,
  status: z.enum(['valid', 'cancelled']).optional(),
  source: z.enum(['import', 'walk-in', 'demo', 'hub']).optional(),
  ticketCodes: z.array(z.string().min(1).max(200)).max(100).optional(),
  sessions: z.array(id).max(1000).optional(),
  tokenVersion: z.number().int().min(1).optional(),
  clocks: z.record(z.string(), hlcText),
});

const printPayload = z.looseObject({
  id,
  eventId: id,
  attendeeId: id.nullable(),
  template: text,
  kioskId: id,
  printer: text.optional().default(''),
  copies: z.number().int().min(0).max(1000).optional().default(1),
  reason: text.optional().default(''),
  status: z.string().min(1).max(20).optional().default('sent'),
  jobId: text.optional().default(''),
  batchId: id.nullable().optional().default(null),
  at: time,
});

const revokePayload = z.looseObject({
  eventId: id,
  attendeeId: id,
  tokenVersion: z.number().int().min(1),
  kioskId: id.optional(),
  at: time.optional(),
});

export const payloadSchemas = {
  checkin: checkinPayload,
  checkin_undo: checkinPayload,
  walkin: walkinPayload,
  attendee_update: updatePayload,
  attendee_upsert: upsertPayload,
  print: printPayload,
  token_revoke: revokePayload,
} as const;

type Parsed =
  | { kind: 'checkin' | 'checkin_undo'; change: Change; p: z.infer<typeof checkinPayload> }
  | { kind: 'walkin'; change: Change; p: z.infer<typeof walkinPayload> }
  | { kind: 'attendee_update'; change: Change; p: z.infer<typeof updatePayload> }
  | { kind: 'attendee_upsert'; change: Change; p: z.infer<typeof upsertPayload> }
  | { kind: 'print'; change: Change; p: z.infer<typeof printPayload> }
  | { kind: 'token_revoke'; change: Change; p: z.infer<typeof revokePayload> };

const checkinMethods = new Set(['qr', 'wedge', 'search', 'walk-in', 'cli']);
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 100;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/**
 * The common case of a pull (thousands of check-ins) checked by hand: the same rules as
 * checkinPayload and the same result (defaults filled, other keys kept), or null for anything
 * it does not accept outright, which then goes through zod (its error names the path). Several
 * times cheaper than the schema per change.
 */
export function fastCheckinPayload(payload: Record<string, unknown>): z.infer<typeof checkinPayload> | null {
  const p = payload;
  if (
    !isId(p.id) ||
    !isId(p.eventId) ||
    !(p.attendeeId === null || isId(p.attendeeId)) ||
    !isId(p.checkpointId) ||
    typeof p.day !== 'string' ||
    !dayPattern.test(p.day) ||
    !isId(p.kioskId) ||
    !(p.kioskName === undefined || isText(p.kioskName, 1000)) ||
    typeof p.method !== 'string' ||
    !checkinMethods.has(p.method) ||
    typeof p.result !== 'string' ||
    p.result.length < 1 ||
    p.result.length > 40 ||
    typeof p.at !== 'string' ||
    p.at.length < 10 ||
    p.at.length > 40 ||
    !(p.overridden === undefined || typeof p.overridden === 'boolean' || (typeof p.overridden === 'number' && Number.isFinite(p.overridden))) ||
    !(p.undoes === undefined || p.undoes === null || isId(p.undoes))
  ) {
    return null;
  }
  // As it came when nothing is missing (the usual case: kiosks send every key): no copy per change.
  if (p.kioskName !== undefined && p.overridden !== undefined && p.undoes !== undefined) return p as z.infer<typeof checkinPayload>;
  return { ...p, kioskName: p.kioskName ?? '', overridden: p.overridden ?? false, undoes: p.undoes ?? null } as z.infer<typeof checkinPayload>;
}

/** Checks every payload against its kind; the first failure is sync.bad_request naming the path. */
export function parseChanges(changes: readonly Change[]): Parsed[] {
  return changes.map((change, index) => {
    if (change.kind === 'checkin' || change.kind === 'checkin_undo') {
      const fast = fastCheckinPayload(change.payload);
      if (fast) return { kind: change.kind, change, p: fast };
    }
    const schema = payloadSchemas[change.kind] as (typeof payloadSchemas)[ChangeKind] | undefined;
    if (!schema) {
      // A kind from a newer kiosk or a hub that does not check (the pull path checks kinds only here).
      const reason = `changes.${index}.kind: unknown kind ${String(change.kind).slice(0, 40)}`;
      throw new DomainError('sync.bad_request', reason, { reason });
    }
    const result = schema.safeParse(change.payload);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = ['changes', index, 'payload', ...issue.path].join('.');
      throw new DomainError('sync.bad_request', `${path}: ${issue.message}`, { reason: `${path}: ${issue.message}` });
    }
    return { kind: change.kind, change, p: result.data } as Parsed;
  });
}

/** The clock of an edit made before kiosks sent clocks: its time and its device, counter 0. */
export function derivedClock(at: string | undefined, node: string): string {
  const ms = at ? Date.parse(at) : NaN;
  return formatHlc({ ms: Number.isNaN(ms) ? 0 : ms, counter: 0, node });
}

/** The attendee ids a change needs to exist already (facts about a person). */
function referencedAttendee(item: Parsed): string | null {
  switch (item.kind) {
    case 'checkin':
    case 'checkin_undo':
    case 'print':
    case 'token_revoke':
      return item.p.attendeeId;
    case 'attendee_update':
      return item.p.id;
    default:
      return null;
  }
}

function createdAttendee(item: Parsed): string | null {
  return item.kind === 'walkin' || item.kind === 'attendee_upsert' ? item.p.id : null;
}

interface AttendeeClockRow {
  seq: number;
  id: string;
  event_id: string;
  field_clocks: string;
  [column: string]: unknown;
}

/** Applies `changes` in one transaction (a savepoint when the caller already holds one). */
export function applyChanges(db: Database, changes: readonly Change[], options: ApplyOptions): ApplyResult {
  const parsed = parseChanges(changes);
  const run = () => new Applier(db, options).applyAll(parsed);
  return db.inTransaction ? db.transaction(run)() : db.transaction(run).immediate();
}

class Applier {
  private readonly s: Record<
    | 'attendee'
    | 'insertCheckin'
    | 'insertPrint'
    | 'setClocks'
    | 'reprint'
    | 'flag'
    | 'addCode'
    | 'clearSessions'
    | 'addSession'
    | 'tokenVersion'
    | 'clearReprint'
    | 'knownAttendees',
    Statement
  >;
  private readonly attendees: Attendees;
  private readonly result: ApplyResult = {
    applied: { checkin: 0, checkin_undo: 0, walkin: 0, attendee_update: 0, attendee_upsert: 0, print: 0, token_revoke: 0 },
    unchanged: 0,
    flagged: 0,
  };

  constructor(
    private readonly db: Database,
    private readonly options: ApplyOptions,
  ) {
    this.attendees = new Attendees(db, options.now);
    this.s = {
      attendee: db.prepare('SELECT * FROM attendees WHERE id = ?'),
      // Positional: bound straight from the payload, no row object per check-in (thousands per pull).
      insertCheckin: db.prepare(`
        INSERT OR IGNORE INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at, code, overridden, undoes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`),
      insertPrint: db.prepare(`
        INSERT OR IGNORE INTO print_log (id, event_id, attendee_id, template, kiosk_id, printer, copies, reason, status, batch_id, job_id, at)
        VALUES (@id, @eventId, @attendeeId, @template, @kioskId, @printer, @copies, @reason, @status, @batchId, @jobId, @at)`),
      setClocks: db.prepare('UPDATE attendees SET field_clocks = ? WHERE id = ?'),
      reprint: db.prepare('UPDATE attendees SET badge_needs_reprint = 1 WHERE id = ?'),
      flag: db.prepare(
        `INSERT OR IGNORE INTO sync_flags (id, event_id, kind, attendee_id, other_id, details, created_at) VALUES (?, ?, 'possible_duplicate', ?, ?, ?, ?)`,
      ),
      addCode: db.prepare('INSERT OR IGNORE INTO ticket_codes (event_id, code, attendee_id) VALUES (?, ?, ?)'),
      clearSessions: db.prepare('DELETE FROM attendee_sessions WHERE attendee_id = ?'),
      // Sessions of checkpoints this database does not hold are skipped (the FK would refuse them).
      addSession: db.prepare(
        'INSERT OR IGNORE INTO attendee_sessions (attendee_id, checkpoint_id) SELECT ?, id FROM checkpoints WHERE id = ?',
      ),
      tokenVersion: db.prepare('UPDATE attendees SET token_version = ? WHERE id = ? AND token_version < ?'),
      clearReprint: db.prepare('UPDATE attendees SET badge_needs_reprint = 0 WHERE id = ? AND updated_at <= ?'),
      knownAttendees: db.prepare('SELECT id FROM attendees WHERE id IN (SELECT value FROM json_each(?))').pluck(),
    };
  }

  applyAll(parsed: Parsed[]): ApplyResult {
    // Check-ins are left to their foreign key on attendees (SQLite looks each one up as it
    // inserts it anyway): a pull of thousands no longer looks every attendee up twice. When the
    // key refuses one, the whole call is checked, for the error that names every unknown id;
    // the caller's transaction is rolled back, so nothing of the call stays either way.
    this.checkAttendeesKnown(parsed, false);
    try {
      for (const item of parsed) {
        const changed = this.apply(item);
        if (changed) this.result.applied[item.kind] += 1;
        else this.result.unchanged += 1;
      }
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') this.checkAttendeesKnown(parsed, true);
      throw error;
    }
    return this.result;
  }

  /**
   * Every attendee a fact names must exist here, or be created by an earlier change of the
   * call; `withCheckins`: check-ins too (otherwise their foreign key checks them). An unknown
   * one makes the whole call checked, so that the error names all of them.
   */
  private checkAttendeesKnown(parsed: Parsed[], withCheckins: boolean): void {
    const created = new Set<string>();
    const needed = new Set<string>();
    for (const item of parsed) {
      const id = withCheckins || (item.kind !== 'checkin' && item.kind !== 'checkin_undo') ? referencedAttendee(item) : null;
      if (id && !created.has(id)) needed.add(id);
      const made = createdAttendee(item);
      if (made) created.add(made);
    }
    if (needed.size === 0) return;
    // One query for the whole page rather than one per change (a pull brings thousands).
    const known = new Set(this.s.knownAttendees.all(JSON.stringify([...needed])) as string[]);
    const unknown = new Set([...needed].filter((id) => !known.has(id)));
    if (unknown.size > 0 && !withCheckins) return this.checkAttendeesKnown(parsed, true);
    if (unknown.size > 0) {
      const ids = [...unknown].sort().join(', ');
      throw new DomainError('sync.unknown_attendee', `Unknown attendees: ${ids}`, { ids });
    }
  }

  private apply(item: Parsed): boolean {
    switch (item.kind) {
      case 'checkin':
      case 'checkin_undo': {
        const p = item.p;
        const undo = item.kind === 'checkin_undo';
        return (
          this.s.insertCheckin.run(
            p.id,
            p.eventId,
            p.attendeeId,
            p.checkpointId,
            p.day,
            p.kioskId,
            p.kioskName,
            p.method,
            undo ? 'undone' : p.result,
            p.at,
            p.overridden === true || p.overridden === 1 ? 1 : 0,
            // An undo row always names what it cancels; a check-in never does.
            undo ? p.undoes : null,
          ).changes > 0
        );
      }
      case 'print': {
        const inserted = this.s.insertPrint.run(item.p).changes > 0;
        // A badge printed elsewhere after the last edit we know of is up to date.
        if (inserted && item.p.status === 'sent' && item.p.attendeeId) this.s.clearReprint.run(item.p.attendeeId, item.p.at);
        return inserted;
      }
      case 'walkin':
        return this.walkin(item.change, item.p);
      case 'attendee_update': {
        const p = item.p;
        const node = p.kioskId ?? 'unknown';
        const clocks: Record<string, string> = {};
        for (const name of Object.keys(p.fields)) clocks[name] = p.clocks?.[name] ?? derivedClock(p.at ?? item.change.at, node);
        return this.mergeFields(p.id, p.fields, clocks);
      }
      case 'attendee_upsert':
        return this.upsert(item.p);
      case 'token_revoke':
        // The highest version wins whatever the order: a revoked code stays revoked everywhere.
        return this.s.tokenVersion.run(item.p.tokenVersion, item.p.attendeeId, item.p.tokenVersion).changes > 0;
    }
  }

  private row(attendeeId: string): AttendeeClockRow | undefined {
    return this.s.attendee.get(attendeeId) as AttendeeClockRow | undefined;
  }

  /**
   * A walk-in from another device: created as it was registered there, and flagged when it
   * looks like someone this database already holds, unless staff there said this very
   * look-alike was someone else (`notDuplicateOf`), or said so without naming them
   * (`confirmNotDuplicate` true with no list). The origin kiosk pulling its own walk-in back
   * finds it existing and flags nothing.
   */
  private walkin(change: Change, p: z.infer<typeof walkinPayload>): boolean {
    if (this.row(p.id)) return false;
    const fields = Object.fromEntries(attendeeFieldNames.map((name) => [name, p[name] ?? ''])) as unknown as AttendeeFields;
    const candidates = findDuplicates(this.db, this.attendees, p.eventId, {
      firstName: fields.firstName,
      lastName: fields.lastName,
      organisation: fields.organisation,
      email: fields.email,
    });
    this.attendees.insert({ ...fields, id: p.id, eventId: p.eventId, status: p.status, source: 'walk-in' });
    const clocks: Record<string, string> = {};
    for (const name of attendeeFieldNames) clocks[name] = p.clocks?.[name] ?? derivedClock(p.at ?? change.at, p.kioskId ?? 'unknown');
    this.receive(clocks);
    this.s.setClocks.run(JSON.stringify(clocks), p.id);
    const dismissed = new Set(p.notDuplicateOf ?? []);
    const staffSaidNone = p.confirmNotDuplicate === true && p.notDuplicateOf === undefined;
    if (!staffSaidNone) {
      const at = this.options.now().toISOString();
      for (const candidate of candidates) {
        if (candidate.attendee.id === p.id || dismissed.has(candidate.attendee.id)) continue;
        const details = JSON.stringify({ score: candidate.score, reasons: candidate.reasons, changeId: change.id, kioskId: p.kioskId ?? '' });
        this.result.flagged += this.s.flag.run(randomUUID(), p.eventId, p.id, candidate.attendee.id, details, at).changes;
      }
    }
    return true;
  }

  private upsert(p: z.infer<typeof upsertPayload>): boolean {
    let changed = false;
    if (!this.row(p.id)) {
      this.attendees.insert({ id: p.id, eventId: p.eventId, status: p.status ?? 'valid', source: p.source ?? 'hub', ...p.fields });
      this.receive(p.clocks);
      const own = Object.fromEntries(Object.entries(p.clocks).filter(([name]) => isClockedName(name)));
      this.s.setClocks.run(JSON.stringify(own), p.id);
      if (p.sessions) for (const checkpoint of p.sessions) this.s.addSession.run(p.id, checkpoint);
      changed = true;
    } else {
      const extra: Partial<Record<(typeof extraClockedNames)[number], unknown>> = {};
      if (p.status !== undefined) extra.status = p.status;
      if (p.sessions !== undefined) extra.sessions = p.sessions;
      changed = this.mergeFields(p.id, p.fields, p.clocks, extra);
    }
    // Ticket codes only add up (a code another attendee holds stays theirs); a token version only rises.
    for (const code of p.ticketCodes ?? []) changed = this.s.addCode.run(p.eventId, code, p.id).changes > 0 || changed;
    if (p.tokenVersion !== undefined) changed = this.s.tokenVersion.run(p.tokenVersion, p.id, p.tokenVersion).changes > 0 || changed;
    return changed;
  }

  /**
   * Per field, the later clock wins (equal clocks: the same write, nothing to do). A field
   * with no clock yet (imported, never edited) takes any clocked write.
   */
  private mergeFields(
    attendeeId: string,
    fields: Partial<AttendeeFields>,
    clocks: Record<string, string>,
    extra: Partial<Record<(typeof extraClockedNames)[number], unknown>> = {},
  ): boolean {
    const row = this.row(attendeeId)!;
    this.receive(clocks);
    const current = parseClocks(row.field_clocks);
    const winning: Partial<AttendeeFields> = {};
    let clocksChanged = false;
    for (const name of attendeeFieldNames) {
      const value = fields[name];
      const clock = clocks[name];
      if (value === undefined || clock === undefined) continue;
      if (current[name] !== undefined && clock <= current[name]) continue;
      current[name] = clock;
      clocksChanged = true;
      winning[name] = value;
    }
    let status: 'valid' | 'cancelled' | undefined;
    if (extra.status !== undefined && clocks.status !== undefined && (current.status === undefined || clocks.status > current.status)) {
      current.status = clocks.status;
      clocksChanged = true;
      status = extra.status as 'valid' | 'cancelled';
    }
    let sessionsChanged = false;
    if (extra.sessions !== undefined && clocks.sessions !== undefined && (current.sessions === undefined || clocks.sessions > current.sessions)) {
      current.sessions = clocks.sessions;
      clocksChanged = true;
      this.s.clearSessions.run(attendeeId);
      for (const checkpoint of extra.sessions as string[]) this.s.addSession.run(attendeeId, checkpoint);
      sessionsChanged = true;
    }
    if (!clocksChanged) return false;
    const valuesChanged = this.attendees.update(attendeeId, winning, status);
    this.s.setClocks.run(JSON.stringify(current), attendeeId);
    const printedChanged = printedFields.some((name) => winning[name] !== undefined && winning[name] !== row[attendeeFieldColumns[name]]);
    // A printed field changed here (an edit elsewhere or the master list): the badge in the
    // person's hands is out of date, as after the kiosk's own edit.
    if (printedChanged) this.s.reprint.run(attendeeId);
    return valuesChanged || sessionsChanged || clocksChanged;
  }

  private receive(clocks: Record<string, string>): void {
    if (!this.options.clock) return;
    for (const clock of Object.values(clocks)) this.options.clock.receive(clock);
  }
}

function isClockedName(name: string): boolean {
  return (attendeeFieldNames as string[]).includes(name) || (extraClockedNames as readonly string[]).includes(name);
}

function parseClocks(textValue: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(textValue);
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

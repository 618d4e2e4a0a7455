import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AttendeeRow, Attendees } from '../attendees/attendees';
import { DomainError } from '../errors';
import type { Role } from '../roles/types';
import type { CheckinMethod, CheckinOutcome, PreviousCheckin, TokenRevocation, UndoOutcome } from '../types';
import { localDay, parseScanTime } from './day';
import type { EventKeyStore } from './keys';
import type { CheckpointContext, EventContext, Kiosk } from './kiosk';
import { displayName, englishMessage, interpolate } from './messages';
import { decide, type Identification } from './rules';

/** Methods where a person, not a camera, chose whom to check in. */
const pickedByStaff: ReadonlySet<CheckinMethod> = new Set<CheckinMethod>(['search', 'walk-in', 'cli']);
import { checkToken, isUuid, looksLikeToken, maxTokenVersion } from './tokens';
import en from '../../../resources/locales/en/checkin.json' with { type: 'json' };

export interface ScanInput {
  code: string;
  method: CheckinMethod;
  checkpointId?: string;
  at?: string;
  override?: boolean;
}

type Row = AttendeeRow & { token_version: number };

interface CheckinRow {
  id: string;
  event_id: string;
  attendee_id: string | null;
  checkpoint_id: string;
  day: string;
  kiosk_id: string;
  method: CheckinMethod;
  result: string;
  at: string;
  undoes: string | null;
}

/** What is kept of a scanned text: enough to investigate, never 4 KB of camera noise or raw control bytes. */
export const storedCodeLength = 200;
export function storableCode(code: string): string {
  const cleaned = code.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
  return cleaned.length > storedCodeLength ? `${cleaned.slice(0, storedCodeLength - 1)}…` : cleaned;
}

/** Keyboard-wedge scanners add Enter, Tab or other control characters around the code; phones add spaces. */
export function cleanScannedCode(code: string): string {
  return code.replace(/^[\s\u0000-\u001f\u007f-\u009f]+|[\s\u0000-\u001f\u007f-\u009f]+$/g, '');
}

/**
 * The check-in transaction. Every scan is one append-only row of `checkins`, whatever its
 * result; an accepted one (and an undo) also writes its outbox row in the same transaction,
 * so a check-in the screen showed is never lost to sync. Statements are prepared once.
 */
export class CheckinDesk {
  private readonly s: Record<
    | 'attendee'
    | 'byCodeExact'
    | 'byCodeNoCase'
    | 'registered'
    | 'previous'
    | 'insertCheckin'
    | 'insertOutbox'
    | 'insertAudit'
    | 'checkinById'
    | 'undoOf'
    | 'checkpointName'
    | 'revoke'
    | 'tokenVersion',
    Statement
  >;
  private readonly record: (input: RecordInput) => void;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly attendees: Attendees,
    private readonly kiosk: Kiosk,
    private readonly keys: EventKeyStore,
    /** The mode the action was taken in, for its audit entry (an override or undo may be an organiser's). */
    private readonly role: () => Role = () => 'staff',
  ) {
    this.s = {
      attendee: db.prepare('SELECT rowid, * FROM attendees WHERE id = ? AND event_id = ?'),
      byCodeExact: db.prepare(
        'SELECT a.rowid, a.* FROM ticket_codes t JOIN attendees a ON a.id = t.attendee_id WHERE t.event_id = ? AND t.code = ?',
      ),
      byCodeNoCase: db.prepare(
        'SELECT a.rowid, a.* FROM ticket_codes t JOIN attendees a ON a.id = t.attendee_id WHERE t.event_id = ? AND t.code = ? COLLATE NOCASE LIMIT 1',
      ),
      registered: db.prepare('SELECT 1 FROM attendee_sessions WHERE attendee_id = ? AND checkpoint_id = ?').pluck(),
      previous: db.prepare(`
        SELECT c.at, CASE WHEN c.kiosk_name <> '' THEN c.kiosk_name ELSE c.kiosk_id END AS kiosk, coalesce(p.name, c.checkpoint_id) AS checkpoint
        FROM checkins c LEFT JOIN checkpoints p ON p.id = c.checkpoint_id
        WHERE c.attendee_id = ? AND c.checkpoint_id = ? AND c.day = ? AND c.result = 'accepted'
          AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)
        ORDER BY c.at, c.id`),
      insertCheckin: db.prepare(`
        INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, kiosk_name, method, result, at, code, overridden, undoes)
        VALUES (@id, @eventId, @attendeeId, @checkpointId, @day, @kioskId, @kioskName, @method, @result, @at, @code, @overridden, @undoes)`),
      insertOutbox: db.prepare('INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)'),
      insertAudit: db.prepare('INSERT INTO audit_log (at, kiosk_id, role, action, target, details) VALUES (?, ?, ?, ?, ?, ?)'),
      checkinById: db.prepare('SELECT * FROM checkins WHERE id = ?'),
      undoOf: db.prepare('SELECT id FROM checkins WHERE undoes = ?').pluck(),
      checkpointName: db.prepare('SELECT name, kind FROM checkpoints WHERE id = ?'),
      revoke: db.prepare('UPDATE attendees SET token_version = token_version + 1, updated_at = ? WHERE id = ? AND token_version < ?'),
      tokenVersion: db.prepare('SELECT token_version FROM attendees WHERE id = ?').pluck(),
    };
    this.record = db.transaction((input: RecordInput) => this.write(input));
  }

  /**
   * Works out who the code names: a signed token, a platform ticket code, or (when staff
   * picked the person: search, walk-in, the CLI) an attendee id. Attendee ids are not
   * secret (they travel in exports and sync), so a camera or a scanner presenting one is
   * not taken at its word: only signed tokens and the platform's own codes open the door.
   */
  identify(code: string, eventId: string, method: CheckinMethod): { identification: Identification; row: Row | null } {
    if (code === '') return { identification: { kind: 'unknown', reason: 'empty_code' }, row: null };
    if (looksLikeToken(code)) {
      const check = checkToken(code, eventId, this.keys.find(eventId)?.publicKey ?? null);
      switch (check.kind) {
        case 'malformed':
        case 'bad_signature':
        case 'no_key':
          return { identification: { kind: 'invalid_signature', reason: check.kind }, row: null };
        case 'other_event':
          return { identification: { kind: 'unknown', reason: 'other_event' }, row: null };
        case 'valid': {
          const row = this.s.attendee.get(check.attendeeId, eventId) as Row | undefined;
          if (!row) return { identification: { kind: 'unknown', reason: 'unknown_attendee' }, row: null };
          // A higher version than ours was issued after a revocation this kiosk has not synced yet: genuine.
          if (check.version < row.token_version) return { identification: { kind: 'revoked' }, row };
          return { identification: { kind: 'attendee' }, row };
        }
        case 'not_token':
          break;
      }
    }
    const row =
      ((isUuid(code) && pickedByStaff.has(method) ? this.s.attendee.get(code.toLowerCase(), eventId) : undefined) as Row | undefined) ??
      (this.s.byCodeExact.get(eventId, code) as Row | undefined) ??
      (this.s.byCodeNoCase.get(eventId, code) as Row | undefined);
    if (!row) return { identification: { kind: 'unknown', reason: 'unknown_code' }, row: null };
    return { identification: { kind: 'attendee' }, row };
  }

  /**
   * One scan: identify, decide and record inside one immediate transaction, so that two
   * processes sharing the file (the kiosk and the CLI, say) cannot both admit the same
   * person once on the same day.
   */
  scan(input: ScanInput): CheckinOutcome {
    return this.db.transaction(() => this.decideAndRecord(input)).immediate();
  }

  private decideAndRecord(input: ScanInput): CheckinOutcome {
    const event = this.kiosk.event();
    const checkpoint = this.kiosk.checkpoint(event, input.checkpointId);
    const at = input.at ? parseScanTime(input.at, event.timezone) : this.now();
    if (Number.isNaN(at.getTime())) throw new DomainError('invalid_input', `Invalid at: ${input.at}`, { field: 'at' });
    const day = localDay(at, event.timezone);
    const code = cleanScannedCode(input.code);
    const { identification, row } = this.identify(code, event.id, input.method);

    const previous: PreviousCheckin[] = row ? (this.s.previous.all(row.id, checkpoint.id, day) as PreviousCheckin[]) : [];
    const decision = decide({
      identification,
      status: row?.status ?? null,
      day,
      eventDays: event.days,
      checkpoint,
      registered: row && checkpoint.kind === 'session' ? this.s.registered.get(row.id, checkpoint.id) === 1 : false,
      acceptedBefore: previous.length,
      override: input.override === true,
    });

    const checkinId = randomUUID();
    const kioskId = this.kiosk.id();
    const kioskName = this.kiosk.name();
    this.record({
      checkin: {
        id: checkinId,
        eventId: event.id,
        attendeeId: row?.id ?? null,
        checkpointId: checkpoint.id,
        day,
        kioskId,
        kioskName,
        method: input.method,
        result: decision.result,
        at: at.toISOString(),
        code: storableCode(code),
        overridden: decision.overridden ? 1 : 0,
        undoes: null,
      },
      outbox: decision.result === 'accepted' ? 'checkin' : null,
      audit: decision.overridden ? { action: 'checkin.override', target: checkinId, details: { attendeeId: row?.id, checkpointId: checkpoint.id, day } } : null,
    });

    const attendee = row ? this.attendees.toSummary(row) : null;
    const params = this.params(event, checkpoint, day, row, previous);
    return {
      result: decision.result,
      attendee,
      previous,
      message: englishMessage(decision.result, decision.reason, params),
      checkinId: decision.result === 'accepted' ? checkinId : null,
      checkpoint: { id: checkpoint.id, name: checkpoint.name, kind: checkpoint.kind },
      day,
      overridable: decision.overridable,
      overridden: decision.overridden,
      badge: null, // filled in by printing (services), which knows the ledger
      reason: decision.reason,
      params,
    };
  }

  private params(event: EventContext, checkpoint: CheckpointContext, day: string, row: Row | null, previous: PreviousCheckin[]): Record<string, string> {
    const first = previous[0];
    return {
      name: displayName(row ? { honorific: row.honorific, firstName: row.first_name, lastName: row.last_name } : null),
      checkpoint: first?.checkpoint ?? checkpoint.name,
      kiosk: first?.kiosk ?? '',
      time: first ? hourMinute(new Date(first.at), event.timezone) : '',
      day,
      sessionDay: checkpoint.day ?? '',
      eventDays: event.days.join(', '),
    };
  }

  private write(input: RecordInput): void {
    this.s.insertCheckin.run(input.checkin);
    const at = input.checkin.at;
    if (input.outbox) {
      const { code: _code, ...fact } = input.checkin;
      this.s.insertOutbox.run(randomUUID(), input.outbox, JSON.stringify({ ...fact, overridden: fact.overridden === 1, ...input.extra }), at);
    }
    if (input.audit) {
      this.s.insertAudit.run(this.now().toISOString(), input.checkin.kioskId, this.role(), input.audit.action, input.audit.target, JSON.stringify(input.audit.details));
    }
  }

  /** Cancels a mistaken check-in with a new row (check-ins are never changed), logged and sent to sync. */
  undo(checkinId: string, reason: string): UndoOutcome {
    const original = this.s.checkinById.get(checkinId) as CheckinRow | undefined;
    if (!original || original.result !== 'accepted') {
      throw new DomainError('checkin.not_found', `No accepted check-in ${checkinId} to undo.`, { id: checkinId });
    }
    if (this.s.undoOf.get(checkinId)) throw new DomainError('checkin.already_undone', 'This check-in was already undone.', { id: checkinId });
    const undoId = randomUUID();
    const at = this.now().toISOString();
    const kioskId = this.kiosk.id();
    this.record({
      checkin: {
        id: undoId,
        eventId: original.event_id,
        attendeeId: original.attendee_id,
        checkpointId: original.checkpoint_id,
        day: original.day,
        kioskId,
        kioskName: this.kiosk.name(),
        method: original.method,
        result: 'undone',
        at,
        code: '',
        overridden: 0,
        undoes: checkinId,
      },
      outbox: 'checkin_undo',
      extra: { reason },
      audit: { action: 'checkin.undo', target: checkinId, details: { undoId, attendeeId: original.attendee_id, reason } },
    });
    const row = original.attendee_id ? this.attendees.findRow(original.attendee_id) : undefined;
    const checkpoint = this.s.checkpointName.get(original.checkpoint_id) as { name: string; kind: 'entrance' | 'session' } | undefined;
    const name = displayName(row ? { honorific: row.honorific, firstName: row.first_name, lastName: row.last_name } : null);
    return {
      undone: true,
      undoId,
      checkinId,
      attendee: row ? this.attendees.toSummary(row) : null,
      checkpoint: { id: original.checkpoint_id, name: checkpoint?.name ?? original.checkpoint_id, kind: checkpoint?.kind ?? 'entrance' },
      day: original.day,
      message: `${interpolate(en.undone, { name })}.`,
    };
  }

  /** Bumps the attendee's token version: QR codes printed before are refused as revoked. */
  revoke(attendeeId: string): TokenRevocation {
    const event = this.kiosk.event();
    const row = this.s.attendee.get(attendeeId, event.id) as Row | undefined;
    if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${attendeeId}.`, { id: attendeeId });
    const at = this.now().toISOString();
    const kioskId = this.kiosk.id();
    return this.db.transaction(() => {
      const changed = this.s.revoke.run(at, attendeeId, maxTokenVersion).changes;
      if (changed === 0) throw new DomainError('internal', `The QR code of ${attendeeId} was revoked too many times.`);
      const tokenVersion = this.s.tokenVersion.get(attendeeId) as number;
      this.s.insertAudit.run(at, kioskId, this.role(), 'token.revoke', attendeeId, JSON.stringify({ tokenVersion }));
      this.s.insertOutbox.run(randomUUID(), 'token_revoke', JSON.stringify({ eventId: event.id, attendeeId, tokenVersion, kioskId, at }), at);
      return { attendeeId, tokenVersion };
    })();
  }
}

interface RecordInput {
  checkin: {
    id: string;
    eventId: string;
    attendeeId: string | null;
    checkpointId: string;
    day: string;
    kioskId: string;
    kioskName: string;
    method: CheckinMethod;
    result: string;
    at: string;
    code: string;
    overridden: number;
    undoes: string | null;
  };
  outbox: 'checkin' | 'checkin_undo' | null;
  extra?: Record<string, unknown>;
  audit: { action: string; target: string; details: Record<string, unknown> } | null;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();
function hourMinute(at: Date, timeZone: string): string {
  let format = timeFormatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    timeFormatters.set(timeZone, format);
  }
  return format.format(at);
}

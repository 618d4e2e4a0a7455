import type { AttendeeStatus, CheckinResultCode, CheckpointKind } from '../types';

/**
 * The door's rules, as pure functions of what the transaction looked up. Order matters and
 * is the order staff expect to hear: who is this (unknown, forged, revoked), then may this
 * person come in at all (cancelled), today (wrong day), here (session registration), again
 * (already checked in).
 */

/** Why a code did not name anyone, or why a result was given; the screen words each one (namespace `checkin`). */
export type CheckinReason =
  | 'empty_code' // nothing but whitespace or control characters
  | 'unknown_code' // no ticket code, attendee id or token of this event
  | 'other_event' // a well-formed token of another event
  | 'unknown_attendee' // a genuine token whose attendee is not in this kiosk's list
  | 'malformed' // starts like our token but is cut or damaged
  | 'bad_signature' // a complete token whose signature does not match: forged or altered
  | 'no_key' // this kiosk holds no key for the event
  | 'old_version' // a revoked (replaced) QR code
  | 'outside_event_days'
  | 'session_other_day'
  | 'reentry'
  | 'override';

export type Identification =
  | { kind: 'unknown'; reason: 'empty_code' | 'unknown_code' | 'other_event' | 'unknown_attendee' }
  | { kind: 'invalid_signature'; reason: 'malformed' | 'bad_signature' | 'no_key' }
  | { kind: 'revoked' }
  | { kind: 'attendee' };

export interface RuleInput {
  identification: Identification;
  /** Known when the code named an attendee of the event. */
  status: AttendeeStatus | null;
  day: string;
  /** The event's days; empty: the event accepts any date. */
  eventDays: readonly string[];
  checkpoint: { kind: CheckpointKind; day: string | null };
  /** Whether the attendee is registered for the checkpoint (only read for sessions). */
  registered: boolean;
  /** Accepted, not undone check-ins of the attendee at this checkpoint on this day. */
  acceptedBefore: number;
  override: boolean;
}

export interface Decision {
  result: CheckinResultCode;
  reason: CheckinReason | null;
  overridable: boolean;
  overridden: boolean;
}

const refuse = (result: CheckinResultCode, reason: CheckinReason | null = null, overridable = false): Decision => ({
  result,
  reason,
  overridable,
  overridden: false,
});

export function dayAllowed(day: string, eventDays: readonly string[], checkpoint: { day: string | null }): CheckinReason | null {
  if (eventDays.length > 0 && !eventDays.includes(day)) return 'outside_event_days';
  if (checkpoint.day !== null && checkpoint.day !== day) return 'session_other_day';
  return null;
}

export function decide(input: RuleInput): Decision {
  const { identification } = input;
  if (identification.kind === 'unknown') return refuse('unknown', identification.reason);
  if (identification.kind === 'invalid_signature') return refuse('invalid_signature', identification.reason);
  if (identification.kind === 'revoked') return refuse('revoked', 'old_version');
  if (input.status === 'cancelled') return refuse('cancelled');
  const wrongDay = dayAllowed(input.day, input.eventDays, input.checkpoint);
  if (wrongDay) return refuse('wrong_day', wrongDay);
  const outsideSession = input.checkpoint.kind === 'session' && !input.registered;
  // A re-entry is reported as such whatever the registration: the person was let in already.
  if (input.acceptedBefore > 0) return { result: 'already_checked_in', reason: 'reentry', overridable: false, overridden: false };
  if (outsideSession) {
    if (!input.override) return refuse('not_registered_for_session', null, true);
    return { result: 'accepted', reason: 'override', overridable: false, overridden: true };
  }
  return { result: 'accepted', reason: null, overridable: false, overridden: false };
}

/** Results that let the person through (the CLI exits 0 for these, 3 for the others). */
export function admits(result: CheckinResultCode): boolean {
  return result === 'accepted' || result === 'already_checked_in';
}

import { describe, expect, it } from 'vitest';
import { admits, dayAllowed, decide, type RuleInput } from '../../main/core/checkin/rules';
import { checkinResultCodes } from '../../main/core/types';

const base: RuleInput = {
  identification: { kind: 'attendee' },
  status: 'valid',
  day: '2023-09-18',
  eventDays: ['2023-09-18', '2023-09-19'],
  checkpoint: { kind: 'entrance', day: null },
  registered: false,
  acceptedBefore: 0,
  override: false,
};
const session = { kind: 'session' as const, day: '2023-09-19' };

describe('check-in rules', () => {
  it('admits a valid attendee at the entrance on an event day', () => {
    expect(decide(base)).toEqual({ result: 'accepted', reason: null, overridable: false, overridden: false });
  });

  it('admits once per day at the entrance; the second scan is a re-entry', () => {
    expect(decide({ ...base, acceptedBefore: 1 })).toMatchObject({ result: 'already_checked_in', reason: 'reentry' });
    expect(decide({ ...base, acceptedBefore: 3 }).result).toBe('already_checked_in');
  });

  it('refuses unknown codes, bad signatures and revoked tokens with their reason', () => {
    expect(decide({ ...base, identification: { kind: 'unknown', reason: 'unknown_code' }, status: null })).toMatchObject({ result: 'unknown', reason: 'unknown_code' });
    expect(decide({ ...base, identification: { kind: 'unknown', reason: 'other_event' }, status: null })).toMatchObject({ result: 'unknown', reason: 'other_event' });
    expect(decide({ ...base, identification: { kind: 'unknown', reason: 'empty_code' }, status: null })).toMatchObject({ result: 'unknown', reason: 'empty_code' });
    expect(decide({ ...base, identification: { kind: 'invalid_signature', reason: 'bad_signature' }, status: null })).toMatchObject({ result: 'invalid_signature', reason: 'bad_signature' });
    expect(decide({ ...base, identification: { kind: 'invalid_signature', reason: 'malformed' }, status: null })).toMatchObject({ result: 'invalid_signature', reason: 'malformed' });
    expect(decide({ ...base, identification: { kind: 'revoked' } })).toMatchObject({ result: 'revoked', reason: 'old_version' });
  });

  it('refuses a revoked token even for an override, and even if the person checked in before', () => {
    expect(decide({ ...base, identification: { kind: 'revoked' }, override: true, acceptedBefore: 1 }).result).toBe('revoked');
  });

  it('refuses a cancelled registration before anything about days or sessions', () => {
    expect(decide({ ...base, status: 'cancelled' })).toMatchObject({ result: 'cancelled', overridable: false });
    expect(decide({ ...base, status: 'cancelled', day: '2023-09-20', override: true }).result).toBe('cancelled');
  });

  it('refuses a day outside the event', () => {
    expect(decide({ ...base, day: '2023-09-17' })).toMatchObject({ result: 'wrong_day', reason: 'outside_event_days' });
    expect(decide({ ...base, day: '2023-09-20', override: true }).result).toBe('wrong_day');
  });

  it('accepts any date when the event has no days', () => {
    expect(decide({ ...base, eventDays: [], day: '2031-01-01' }).result).toBe('accepted');
  });

  it('refuses a session checkpoint on another day than its own', () => {
    expect(decide({ ...base, checkpoint: session, registered: true })).toMatchObject({ result: 'wrong_day', reason: 'session_other_day' });
    expect(decide({ ...base, checkpoint: session, registered: true, day: '2023-09-19' }).result).toBe('accepted');
  });

  it('admits those registered for a session and warns (overridable) for others', () => {
    const day = '2023-09-19';
    expect(decide({ ...base, day, checkpoint: session, registered: true }).result).toBe('accepted');
    expect(decide({ ...base, day, checkpoint: session, registered: false })).toEqual({
      result: 'not_registered_for_session',
      reason: null,
      overridable: true,
      overridden: false,
    });
  });

  it('admits by override a person not registered for the session, and says so', () => {
    expect(decide({ ...base, day: '2023-09-19', checkpoint: session, override: true })).toEqual({
      result: 'accepted',
      reason: 'override',
      overridable: false,
      overridden: true,
    });
  });

  it('ignores an override where nothing needs overriding', () => {
    expect(decide({ ...base, override: true })).toMatchObject({ result: 'accepted', overridden: false });
  });

  it('reports a re-entry into a session, registered or admitted by override before', () => {
    const input = { ...base, day: '2023-09-19', checkpoint: session, acceptedBefore: 1 };
    expect(decide({ ...input, registered: true }).result).toBe('already_checked_in');
    expect(decide({ ...input, registered: false }).result).toBe('already_checked_in');
  });

  it('reads days the same way for entrances and sessions', () => {
    expect(dayAllowed('2023-09-18', [], { day: null })).toBeNull();
    expect(dayAllowed('2023-09-18', ['2023-09-19'], { day: null })).toBe('outside_event_days');
    expect(dayAllowed('2023-09-18', [], { day: '2023-09-19' })).toBe('session_other_day');
  });

  it('lets through only accepted and already checked in', () => {
    expect(checkinResultCodes.filter(admits)).toEqual(['accepted', 'already_checked_in']);
  });
});

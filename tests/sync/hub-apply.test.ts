import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../main/core/sync/apply';
import { snapshotCursor } from '../../main/core/sync/hub/snapshot';
import { formatHlc, HybridClock } from '../../main/core/sync/hlc';
import type { Change } from '../../main/core/sync/protocol';
import { openCore, type Core } from '../helpers/services';

async function demo(): Promise<{ core: Core; eventId: string; attendeeId: string; checkpointId: string; other: { id: string; first_name: string; last_name: string; organisation: string } }> {
  const core = openCore(() => new Date('2026-06-10T09:00:00Z'));
  const event = await core.call('demo:load', {});
  const rows = core.db.prepare('SELECT id, first_name, last_name, organisation FROM attendees WHERE event_id = ? ORDER BY seq LIMIT 2').all(event.id) as {
    id: string;
    first_name: string;
    last_name: string;
    organisation: string;
  }[];
  const checkpointId = core.db.prepare("SELECT id FROM checkpoints WHERE event_id = ? AND kind = 'entrance'").pluck().get(event.id) as string;
  return { core, eventId: event.id, attendeeId: rows[0]!.id, checkpointId, other: rows[1]! };
}

const now = () => new Date('2026-06-10T10:00:00Z');

function checkin(eventId: string, attendeeId: string, checkpointId: string, at = '2026-06-10T08:00:00.000Z'): Change {
  const id = randomUUID();
  return {
    id: randomUUID(),
    kind: 'checkin',
    eventId,
    at,
    payload: { id, eventId, attendeeId, checkpointId, day: '2026-06-10', kioskId: 'k1', kioskName: 'Desk 1', method: 'qr', result: 'accepted', at, overridden: false, undoes: null },
  };
}

function update(eventId: string, attendeeId: string, fields: Record<string, string>, clocks?: Record<string, string>, at = '2026-06-10T08:00:00.000Z'): Change {
  return { id: randomUUID(), kind: 'attendee_update', eventId, at, payload: { id: attendeeId, eventId, fields, ...(clocks ? { clocks } : {}), kioskId: 'k1', at } };
}

describe('applyChanges', () => {
  it('adds check-ins once, whatever the number of times they arrive', async () => {
    const { core, eventId, attendeeId, checkpointId } = await demo();
    const changes = [checkin(eventId, attendeeId, checkpointId)];
    const before = core.db.prepare('SELECT count(*) FROM checkins').pluck().get() as number;
    expect(applyChanges(core.db, changes, { now }).applied.checkin).toBe(1);
    const again = applyChanges(core.db, changes, { now });
    expect(again.applied.checkin).toBe(0);
    expect(again.unchanged).toBe(1);
    expect(core.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(before + 1);
    const undoId = randomUUID();
    const original = changes[0]!.payload.id as string;
    applyChanges(core.db, [{ ...changes[0]!, id: randomUUID(), kind: 'checkin_undo', payload: { ...changes[0]!.payload, id: undoId, result: 'undone', undoes: original, reason: 'mistake' } }], { now });
    expect(core.db.prepare('SELECT undoes FROM checkins WHERE id = ?').pluck().get(undoId)).toBe(original);
  });

  it('refuses facts about unknown attendees with their ids, storing nothing of the call', async () => {
    const { core, eventId, attendeeId, checkpointId } = await demo();
    const good = checkin(eventId, attendeeId, checkpointId);
    const ghost = 'ffffffff-0000-4000-8000-000000000001';
    const before = core.db.prepare('SELECT count(*) FROM checkins').pluck().get();
    expect(() => applyChanges(core.db, [good, checkin(eventId, ghost, checkpointId), update(eventId, 'ghost-2', { firstName: 'X' })], { now })).toThrow(
      expect.objectContaining({ code: 'sync.unknown_attendee', params: { ids: `${ghost}, ghost-2` } }),
    );
    expect(core.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(before);
  });

  it('refuses a payload that fails its schema, naming the path', async () => {
    const { core, eventId, attendeeId } = await demo();
    const bad = checkin(eventId, attendeeId, 'x');
    delete bad.payload.day;
    expect(() => applyChanges(core.db, [bad], { now })).toThrow(expect.objectContaining({ code: 'sync.bad_request', message: expect.stringContaining('changes.0.payload.day') }));
  });

  it('creates a walk-in checked in by the same call, and flags one that looks like an existing attendee', async () => {
    const { core, eventId, checkpointId, other } = await demo();
    const fresh = randomUUID();
    const walkin = (id: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}): Change => ({
      id: randomUUID(),
      kind: 'walkin',
      eventId,
      at: '2026-06-10T08:00:00.000Z',
      payload: { id, eventId, firstName, lastName, organisation: 'Nowhere Ltd', status: 'valid', source: 'walk-in', consent: true, kioskId: 'k2', at: '2026-06-10T08:00:00.000Z', ...extra },
    });
    const result = applyChanges(core.db, [walkin(fresh, 'Zéphyrin', 'Quistrebert'), checkin(eventId, fresh, checkpointId)], { now });
    expect(result.applied).toMatchObject({ walkin: 1, checkin: 1 });
    expect(result.flagged).toBe(0);
    expect(core.db.prepare('SELECT source FROM attendees WHERE id = ?').pluck().get(fresh)).toBe('walk-in');

    const lookAlike = randomUUID();
    expect(applyChanges(core.db, [walkin(lookAlike, other.first_name, other.last_name)], { now }).flagged).toBe(1);
    const flag = core.db.prepare('SELECT attendee_id, other_id, kind FROM sync_flags').get();
    expect(flag).toEqual({ attendee_id: lookAlike, other_id: other.id, kind: 'possible_duplicate' });
    // Staff said this very look-alike was someone else: not flagged.
    expect(applyChanges(core.db, [walkin(randomUUID(), other.first_name, other.last_name, { notDuplicateOf: [other.id, lookAlike] })], { now }).flagged).toBe(0);
    // The walk-in is found by search (the index triggers keep up).
    const found = core.db.prepare("SELECT count(*) FROM attendee_search WHERE attendee_search MATCH 'Quistrebert'").pluck().get();
    expect(found).toBe(1);
  });

  it('resolves each field to the later clock whatever the arrival order', async () => {
    const base = await demo();
    const hlc = (ms: number, counter: number, node: string) => formatHlc({ ms, counter, node });
    const edits = [
      update(base.eventId, base.attendeeId, { firstName: 'A1', organisation: 'O1' }, { firstName: hlc(1000, 0, 'k1'), organisation: hlc(1000, 0, 'k1') }),
      update(base.eventId, base.attendeeId, { firstName: 'A2' }, { firstName: hlc(2000, 0, 'k2') }),
      update(base.eventId, base.attendeeId, { organisation: 'O3', email: 'e3@example.org' }, { organisation: hlc(1500, 3, 'k3'), email: hlc(1500, 3, 'k3') }),
      update(base.eventId, base.attendeeId, { firstName: 'A4' }, { firstName: hlc(2000, 0, 'k0') }), // same ms, lower node: loses to A2
      // No clocks (an outbox row from before clocks): its time and device, 1970 + 3 s.
      update(base.eventId, base.attendeeId, { email: 'e5@example.org' }, undefined, new Date(3000).toISOString()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(edits, { minLength: edits.length, maxLength: edits.length }), async (order) => {
        const { core, attendeeId } = await demo();
        const clock = new HybridClock('me', () => 0);
        // Some in one call, the rest one by one: the split does not matter either.
        applyChanges(core.db, order.slice(0, 2), { now, clock });
        for (const change of order.slice(2)) applyChanges(core.db, [{ ...change, payload: { ...change.payload, id: attendeeId } }], { now, clock });
        const row = core.db.prepare('SELECT first_name, organisation, email, badge_needs_reprint FROM attendees WHERE id = ?').get(attendeeId);
        expect(row).toEqual({ first_name: 'A2', organisation: 'O3', email: 'e5@example.org', badge_needs_reprint: 1 });
        // The clock moved past everything it saw.
        expect(clock.current() > hlc(3000, 0, 'k1')).toBe(true);
        core.db.close();
      }),
      { numRuns: 8 },
    );
  });

  it('merges the master list: creates, then applies per field with codes and sessions', async () => {
    const { core, eventId, checkpointId } = await demo();
    const id = randomUUID();
    const upsert = (fields: Record<string, string>, clocks: Record<string, string>, extra: Record<string, unknown> = {}): Change => ({
      id: randomUUID(),
      kind: 'attendee_upsert',
      eventId,
      at: '2026-06-10T08:00:00.000Z',
      payload: { id, eventId, fields, clocks, ...extra },
    });
    const c = (ms: number) => formatHlc({ ms, counter: 0, node: 'hub' });
    applyChanges(core.db, [upsert({ firstName: 'Ada', lastName: 'Lovelace' }, { firstName: c(1), lastName: c(1) }, { ticketCodes: ['T-1'], source: 'import' })], { now });
    applyChanges(core.db, [update(eventId, id, { lastName: 'King' }, { lastName: c(5) })], { now });
    applyChanges(core.db, [upsert({ firstName: 'Augusta', lastName: 'Byron' }, { firstName: c(3), lastName: c(3), sessions: c(3) }, { ticketCodes: ['T-2'], sessions: [checkpointId] })], { now });
    expect(core.db.prepare('SELECT first_name, last_name, source FROM attendees WHERE id = ?').get(id)).toEqual({ first_name: 'Augusta', last_name: 'King', source: 'import' });
    expect(core.db.prepare('SELECT code FROM ticket_codes WHERE attendee_id = ? ORDER BY code').pluck().all(id)).toEqual(['T-1', 'T-2']);
    expect(core.db.prepare('SELECT checkpoint_id FROM attendee_sessions WHERE attendee_id = ?').pluck().all(id)).toEqual([checkpointId]);
  });
});

describe('snapshotCursor', () => {
  it('points just before the first fact the snapshot does not carry', async () => {
    const { core, eventId } = await demo();
    const log = core.db.prepare('INSERT INTO hub_log (id, event_id, device_id, kind, at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    expect(snapshotCursor(core.db, eventId)).toBe('0');
    const add = (kind: string) => {
      const id = randomUUID();
      log.run(id, eventId, 'd', kind, '2026-06-10T08:00:00.000Z', '{}', '2026-06-10T08:00:00.000Z');
      return id;
    };
    const upsert1 = add('attendee_upsert');
    const upsert2 = add('attendee_upsert');
    expect(snapshotCursor(core.db, eventId)).toBe(`2:${upsert2}`);
    add('checkin');
    add('attendee_upsert');
    expect(snapshotCursor(core.db, eventId)).toBe(`2:${upsert2}`);
    expect(upsert1).not.toBe(upsert2);
  });
});

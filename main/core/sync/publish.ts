/**
 * An import reaches the fleet: after the import (in its transaction), every attendee it created
 * or changed becomes an `attendee_upsert`, with a fresh hybrid clock on the fields the import
 * changed (so they win over older edits at the desks, and lose to later ones).
 * - At a hub ('hub.enabled', set by `accueil hub`), it goes straight into the hub's log.
 * - At a kiosk paired with a hub, for the event it syncs (an organiser importing late
 *   registrations on their own laptop), it goes into the outbox and is pushed like any change:
 *   otherwise the hub would refuse every arrival of these people as unknown attendees.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { fieldColumns, fieldNames } from '../attendees/attendees';
import { Settings } from '../settings/settings';
import type { AttendeeFields } from '../types';
import { HybridClock } from './hlc';
import type { Change } from './protocol';
import { syncKeys } from './sync-keys';
import { isHub } from './hub/setup';

interface State {
  fields: AttendeeFields;
  status: string;
  source: string;
  tokenVersion: number;
  codes: string[];
  sessions: string[];
  clocks: Record<string, string>;
}

/** The device id hub-made changes carry in the log. */
export const hubDeviceId = 'hub';

/** Attendees as they stand: the event's (or every event's), or only `ids` when given. */
function readStates(db: Database, eventId?: string, ids?: readonly string[]): Map<string, State> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (eventId) {
    conditions.push('event_id = ?');
    params.push(eventId);
  }
  if (ids) {
    conditions.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const only = ids ? 'WHERE attendee_id IN (SELECT value FROM json_each(?))' : '';
  const onlyParams = ids ? [JSON.stringify(ids)] : [];
  const states = new Map<string, State>();
  const rows = db
    .prepare(`SELECT id, ${fieldNames.map((name) => fieldColumns[name]).join(', ')}, status, source, token_version, field_clocks FROM attendees ${where}`)
    .all(...params) as (Record<string, string> & { id: string; status: string; source: string; token_version: number; field_clocks: string })[];
  for (const row of rows) {
    const fields = Object.fromEntries(fieldNames.map((name) => [name, row[fieldColumns[name]]])) as unknown as AttendeeFields;
    states.set(row.id, { fields, status: row.status, source: row.source, tokenVersion: row.token_version, codes: [], sessions: [], clocks: JSON.parse(row.field_clocks) as Record<string, string> });
  }
  for (const { attendee_id, code } of db.prepare(`SELECT attendee_id, code FROM ticket_codes ${only} ORDER BY rowid`).all(...onlyParams) as { attendee_id: string; code: string }[]) {
    states.get(attendee_id)?.codes.push(code);
  }
  for (const { attendee_id, checkpoint_id } of db.prepare(`SELECT attendee_id, checkpoint_id FROM attendee_sessions ${only} ORDER BY checkpoint_id`).all(...onlyParams) as {
    attendee_id: string;
    checkpoint_id: string;
  }[]) {
    states.get(attendee_id)?.sessions.push(checkpoint_id);
  }
  return states;
}

function upsertPayload(id: string, eventId: string, state: State, clocks: Record<string, string>) {
  return { id, eventId, fields: state.fields, status: state.status, source: state.source, ticketCodes: state.codes, sessions: state.sessions, tokenVersion: state.tokenVersion, clocks };
}

/**
 * These attendees as this database holds them, as `attendee_upsert` changes with their own field
 * clocks (so they never win over a newer edit the hub may have). For a hub that refused a push
 * because it does not know them: restored from an older backup, while the desk that registered a
 * walk-in is away, another desk that has it supplies it.
 */
export function attendeeUpserts(db: Database, eventId: string, ids: readonly string[], at: string): Change[] {
  return [...readStates(db, eventId, ids)].map(([id, state]) => ({
    id: randomUUID(),
    kind: 'attendee_upsert' as const,
    eventId,
    at,
    payload: upsertPayload(id, eventId, state, state.clocks),
  }));
}

/** Where an import's upserts go: the hub's log, or the outbox of a kiosk paired for that event. */
type Sink = { kind: 'hub' } | { kind: 'outbox'; eventId: string };

function sinkOf(db: Database): Sink | null {
  if (isHub(db)) return { kind: 'hub' };
  const settings = new Settings(db);
  const eventId = settings.get<string>(syncKeys.eventId);
  return eventId && settings.get<string>(syncKeys.token) ? { kind: 'outbox', eventId } : null;
}

/**
 * Call before the import, inside its transaction; call what it returns after, with the
 * imported event (it returns how many attendees it published). Null when this data folder
 * neither is a hub nor syncs with one.
 */
export function importPublisher(db: Database, now: () => Date): ((eventId: string) => number) | null {
  const sink = sinkOf(db);
  if (!sink) return null;
  const before = readStates(db, sink.kind === 'outbox' ? sink.eventId : undefined);
  // A paired kiosk's import into another event stays local: the hub knows nothing of that event.
  return (eventId) => (sink.kind === 'outbox' && sink.eventId !== eventId ? 0 : publishChangedAttendees(db, eventId, before, now, sink));
}

function publishChangedAttendees(db: Database, eventId: string, before: Map<string, State>, now: () => Date, sink: Sink): number {
  const settings = new Settings(db);
  const clock = new HybridClock(settings.kioskId(), () => now().getTime(), settings.get<string>(syncKeys.hlc) ?? null);
  const stamp = clock.tick();
  settings.set(syncKeys.hlc, clock.current());
  const at = now().toISOString();
  const setClocks = db.prepare('UPDATE attendees SET field_clocks = ? WHERE id = ?');
  const write =
    sink.kind === 'hub'
      ? (() => {
          const log = db.prepare('INSERT INTO hub_log (id, event_id, device_id, kind, at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
          return (payload: object) => log.run(randomUUID(), eventId, hubDeviceId, 'attendee_upsert', at, JSON.stringify(payload), at);
        })()
      : (() => {
          const outbox = db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, 'attendee_upsert', ?, ?)");
          return (payload: object) => outbox.run(randomUUID(), JSON.stringify({ ...payload, at }), at);
        })();
  let published = 0;
  for (const [id, state] of readStates(db, eventId)) {
    const old = before.get(id);
    const clocks = { ...state.clocks };
    let changed = !old;
    for (const name of fieldNames) {
      if (!old || old.fields[name] !== state.fields[name]) {
        clocks[name] = stamp;
        changed = true;
      }
    }
    if (!old || old.status !== state.status) clocks.status = stamp;
    if (!old || old.sessions.join('\n') !== state.sessions.join('\n')) clocks.sessions = stamp;
    changed ||= old!.status !== state.status || old!.sessions.join('\n') !== state.sessions.join('\n') || old!.codes.join('\n') !== state.codes.join('\n');
    if (!changed) continue;
    setClocks.run(JSON.stringify(clocks), id);
    write(upsertPayload(id, eventId, state, clocks));
    published += 1;
  }
  return published;
}

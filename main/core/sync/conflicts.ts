/**
 * The supervisor view of what several kiosks did apart: double admissions (derived from the
 * check-ins, never stored: they appear as soon as both facts are here, on every kiosk alike)
 * and the walk-ins flagged as possible duplicates (sync_flags, written by applyChanges).
 */
import type { Database } from 'better-sqlite3';
import type { AttendeeRow, Attendees } from '../attendees/attendees';
import { DomainError } from '../errors';
import type { DoubleAdmission, SyncConflicts, SyncFlag } from '../types';

interface AdmissionRow {
  attendee_id: string;
  day: string;
  checkpoint_id: string;
  id: string;
  at: string;
  kiosk_id: string;
  kiosk_name: string;
}

interface FlagRow {
  id: string;
  kind: string;
  attendee_id: string;
  other_id: string | null;
  created_at: string;
  resolved_at: string | null;
  resolution: string;
}

/**
 * Accepted, not undone check-ins at an entrance, for one attendee on one day, from more than
 * one kiosk. Two admissions by the same kiosk passed its own "already checked in" rule (an
 * override): not a conflict between kiosks.
 */
const doubleAdmissionsSql = `
  WITH admitted AS (
    SELECT c.id, c.attendee_id, c.day, c.checkpoint_id, c.at, c.kiosk_id, c.kiosk_name
    FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id AND p.kind = 'entrance'
    WHERE c.event_id = ? AND c.result = 'accepted' AND c.undoes IS NULL AND c.attendee_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)
  ),
  doubled AS (
    SELECT attendee_id, day, checkpoint_id FROM admitted
    GROUP BY attendee_id, day, checkpoint_id HAVING count(DISTINCT kiosk_id) > 1
  )
  SELECT a.* FROM admitted a JOIN doubled d USING (attendee_id, day, checkpoint_id)
  ORDER BY a.day, a.checkpoint_id, a.attendee_id, a.at, a.id`;

export function doubleAdmissions(db: Database, attendees: Attendees, eventId: string): DoubleAdmission[] {
  const rows = db.prepare(doubleAdmissionsSql).all(eventId) as AdmissionRow[];
  const groups = new Map<string, DoubleAdmission>();
  for (const row of rows) {
    const key = `${row.attendee_id}\u0000${row.day}\u0000${row.checkpoint_id}`;
    let group = groups.get(key);
    if (!group) {
      const attendee = attendees.findRow(row.attendee_id);
      if (!attendee) continue;
      group = { attendee: attendees.toSummary(attendee), day: row.day, checkpointId: row.checkpoint_id, checkins: [] };
      groups.set(key, group);
    }
    // First arrival first: earliest time, then id (the same order on every kiosk).
    group.checkins.push({ id: row.id, at: row.at, kioskId: row.kiosk_id, kioskName: row.kiosk_name || row.kiosk_id });
  }
  return [...groups.values()];
}

export function syncFlags(db: Database, attendees: Attendees, eventId: string): SyncFlag[] {
  const rows = db
    .prepare(
      `SELECT id, kind, attendee_id, other_id, created_at, resolved_at, resolution FROM sync_flags
       WHERE event_id = ? ORDER BY resolved_at IS NOT NULL, created_at, id`,
    )
    .all(eventId) as FlagRow[];
  const summary = (id: string | null) => {
    const row: AttendeeRow | undefined = id ? attendees.findRow(id) : undefined;
    return row ? attendees.toSummary(row) : null;
  };
  return rows.flatMap((row): SyncFlag[] => {
    const attendee = summary(row.attendee_id);
    if (!attendee || row.kind !== 'possible_duplicate') return [];
    return [
      {
        id: row.id,
        kind: 'possible_duplicate',
        attendee,
        other: summary(row.other_id),
        createdAt: row.created_at,
        resolvedAt: row.resolved_at,
        resolution: row.resolution === 'dismissed' || row.resolution === 'merged' ? row.resolution : '',
      },
    ];
  });
}

export function syncConflicts(db: Database, attendees: Attendees, eventId: string | null): SyncConflicts {
  if (!eventId) return { doubleAdmissions: [], flags: [] };
  return { doubleAdmissions: doubleAdmissions(db, attendees, eventId), flags: syncFlags(db, attendees, eventId) };
}

/**
 * A supervisor's decision on a flag, kept on this kiosk: 'dismissed' (two people) or 'merged'
 * (recorded as decided; the records themselves are merged by hand, never by sync).
 */
export function resolveFlag(db: Database, id: string, resolution: 'dismissed' | 'merged', at: string): void {
  const changed = db.prepare('UPDATE sync_flags SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, resolution, id).changes;
  if (changed === 0) throw new DomainError('invalid_input', `No flag ${id}.`, { field: 'id' });
}

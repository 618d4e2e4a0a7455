import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { Checkpoint, CheckpointKind, EventDay, EventInfo } from '../types';
import { Settings } from '../settings/settings';

export interface CheckpointInput {
  id?: string;
  kind: CheckpointKind;
  name: string;
  day?: string | null;
  room?: string;
  capacity?: number | null;
  startsAt?: string | null;
  endsAt?: string | null;
}

export interface EventInput {
  id?: string;
  name: string;
  venue?: string;
  timezone?: string;
  days?: EventDay[];
  checkpoints?: CheckpointInput[];
}

export interface EventPatch {
  name?: string;
  venue?: string;
  timezone?: string;
  days?: EventDay[];
  /** Replaces the event's checkpoints; ones left out are removed (with their registrations). */
  checkpoints?: CheckpointInput[];
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function assertDays(days: EventDay[]): void {
  for (const day of days) {
    if (!isoDate.test(day.date) || Number.isNaN(Date.parse(`${day.date}T00:00:00Z`))) {
      throw new DomainError('event.invalid_day', `"${day.date}" is not a date (expected YYYY-MM-DD).`, { day: day.date });
    }
  }
}

interface EventRow {
  id: string;
  name: string;
  venue: string;
  timezone: string;
}

interface CheckpointRow {
  id: string;
  event_id: string;
  kind: CheckpointKind;
  name: string;
  day: string | null;
  room: string;
  capacity: number | null;
  starts_at: string | null;
  ends_at: string | null;
}

/** Events with their days and checkpoints (entrance, workshops, meetings). */
export class Events {
  private readonly settings: Settings;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new Settings(db);
  }

  list(): EventInfo[] {
    const rows = this.db.prepare('SELECT id FROM events ORDER BY created_at, name').all() as { id: string }[];
    return rows.map((row) => this.get(row.id));
  }

  find(id: string): EventInfo | undefined {
    const row = this.db.prepare('SELECT id, name, venue, timezone FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!row) return undefined;
    const days = this.db
      .prepare('SELECT date, label FROM event_days WHERE event_id = ? ORDER BY date')
      .all(id) as EventDay[];
    const checkpoints = (
      this.db.prepare('SELECT * FROM checkpoints WHERE event_id = ? ORDER BY sort, name').all(id) as CheckpointRow[]
    ).map(toCheckpoint);
    const { n } = this.db.prepare('SELECT count(*) AS n FROM attendees WHERE event_id = ?').get(id) as { n: number };
    return { ...row, days, checkpoints, attendeeCount: n };
  }

  get(id: string): EventInfo {
    const event = this.find(id);
    if (!event) throw new DomainError('event.not_found', `No event with id ${id}.`, { id });
    return event;
  }

  /** The event this kiosk works on: the one chosen in settings, else the first created. */
  currentId(): string | undefined {
    const chosen = this.settings.get<string>('event.current');
    if (chosen && this.find(chosen)) return chosen;
    const first = this.db.prepare('SELECT id FROM events ORDER BY created_at LIMIT 1').get() as { id: string } | undefined;
    return first?.id;
  }

  requireCurrentId(): string {
    const id = this.currentId();
    if (!id) throw new DomainError('event.none', 'No event yet: import a registration file or load the demo event.');
    return id;
  }

  setCurrent(id: string): void {
    this.get(id);
    this.settings.set('event.current', id);
  }

  create(input: EventInput): EventInfo {
    assertDays(input.days ?? []);
    const id = input.id ?? randomUUID();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO events (id, name, venue, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, input.name.trim(), input.venue?.trim() ?? '', input.timezone ?? 'Europe/Paris', at, at);
      this.writeDays(id, input.days ?? []);
      this.writeCheckpoints(id, input.checkpoints ?? defaultCheckpoints());
    })();
    return this.get(id);
  }

  update(id: string, patch: EventPatch): EventInfo {
    const event = this.get(id);
    if (patch.days) assertDays(patch.days);
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE events SET name = ?, venue = ?, timezone = ?, updated_at = ? WHERE id = ?')
        .run(
          patch.name?.trim() ?? event.name,
          patch.venue?.trim() ?? event.venue,
          patch.timezone ?? event.timezone,
          this.now().toISOString(),
          id,
        );
      if (patch.days) {
        this.db.prepare('DELETE FROM event_days WHERE event_id = ?').run(id);
        this.writeDays(id, patch.days);
      }
      if (patch.checkpoints) {
        const keep = new Set(patch.checkpoints.map((c) => c.id).filter(Boolean));
        for (const existing of event.checkpoints) {
          if (!keep.has(existing.id)) this.db.prepare('DELETE FROM checkpoints WHERE id = ?').run(existing.id);
        }
        this.writeCheckpoints(id, patch.checkpoints);
      }
    })();
    return this.get(id);
  }

  private writeDays(eventId: string, days: EventDay[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO event_days (event_id, date, label) VALUES (?, ?, ?)');
    for (const day of days) insert.run(eventId, day.date, day.label ?? '');
  }

  private writeCheckpoints(eventId: string, checkpoints: CheckpointInput[]): void {
    // Check-ins and registrations name checkpoints by id alone, so an id belongs to one event:
    // reusing another event's id would silently move that event's checkpoint.
    const owner = this.db.prepare('SELECT event_id FROM checkpoints WHERE id = ?').pluck();
    for (const checkpoint of checkpoints) {
      const current = checkpoint.id ? (owner.get(checkpoint.id) as string | undefined) : undefined;
      if (current && current !== eventId) {
        throw new DomainError('event.checkpoint_taken', `The checkpoint id "${checkpoint.id}" is already used by another event.`, {
          id: checkpoint.id!,
        });
      }
    }
    const upsert = this.db.prepare(`
      INSERT INTO checkpoints (id, event_id, kind, name, day, room, capacity, starts_at, ends_at, sort)
      VALUES (@id, @eventId, @kind, @name, @day, @room, @capacity, @startsAt, @endsAt, @sort)
      ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, day = excluded.day,
        room = excluded.room, capacity = excluded.capacity, starts_at = excluded.starts_at,
        ends_at = excluded.ends_at, sort = excluded.sort`);
    checkpoints.forEach((checkpoint, sort) => {
      upsert.run({
        id: checkpoint.id ?? randomUUID(),
        eventId,
        kind: checkpoint.kind,
        name: checkpoint.name.trim(),
        day: checkpoint.day ?? null,
        room: checkpoint.room ?? '',
        capacity: checkpoint.capacity ?? null,
        startsAt: checkpoint.startsAt ?? null,
        endsAt: checkpoint.endsAt ?? null,
        sort,
      });
    });
  }
}

/** Every event has a main entrance, so check-in works before anyone sets checkpoints up. */
function defaultCheckpoints(): CheckpointInput[] {
  return [{ kind: 'entrance', name: 'Entrée principale' }];
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    name: row.name,
    day: row.day,
    room: row.room,
    capacity: row.capacity,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

/**
 * The dashboard's figures for one event and day, read from the tallies (tallies.ts brings them
 * up to date first). Every query reads a few hundred rows at most, whatever the event's size.
 *
 * What counts (people, never scans):
 * - arrived on a day: at an entrance, with an accepted check-in not undone; overall: on any day.
 * - expected: attendees not cancelled. On a given day, the registered ones plus the walk-ins who
 *   came that day (a walk-in registered on day 2 was not expected on day 1, and is not a no-show then).
 * - cancelled attendees count nowhere (not even if they were checked in before being cancelled).
 * - no-shows: registered (not walk-ins), not cancelled, not arrived that day; 0 until the day starts at the venue.
 * - rooms: people who entered the session checkpoint (on its day; on the shown day for a room without one).
 */
import type { Database, Statement } from 'better-sqlite3';
import { localDay } from '../checkin/day';
import type { Dashboard, DashboardDay, RoomAttendance, Tally, TallyRow } from './types';
import { originOf } from './origin';
import { slotSeries } from './slots';

export type DashboardFiguresResult = Omit<Dashboard, 'generatedAt' | 'kiosks'>;

interface EventRow {
  id: string;
  timezone: string;
}

interface ExpectedRow {
  category: string;
  country: string;
  walkin: number;
  n: number;
}

interface PresentRow extends ExpectedRow {
  day: string;
}

interface RoomRow {
  id: string;
  name: string;
  room: string;
  day: string | null;
  starts_at: string | null;
  capacity: number | null;
  registered: number;
}

export function emptyFigures(eventId: string | null, day: string | null): DashboardFiguresResult {
  const zero = (): Tally => ({ arrived: 0, expected: 0 });
  return {
    eventId,
    day,
    overall: zero(),
    days: [],
    byCategory: [],
    byCountry: [],
    byOrigin: { french: zero(), foreign: zero(), unknown: zero() },
    arrivalsPer15: [],
    rooms: [],
    walkins: { total: 0, onDay: 0 },
    noShows: 0,
  };
}

export class DashboardFigures {
  private readonly s: Record<'event' | 'days' | 'expected' | 'entrance' | 'slots' | 'rooms' | 'attended', Statement>;

  constructor(db: Database) {
    this.s = {
      event: db.prepare('SELECT id, timezone FROM events WHERE id = ?'),
      days: db.prepare('SELECT date, label FROM event_days WHERE event_id = ? ORDER BY date'),
      expected: db.prepare(
        "SELECT category, country, walkin, n FROM dashboard_expected WHERE event_id = ? AND status = 'valid' AND n <> 0",
      ),
      entrance: db.prepare(
        `SELECT day, category, country, walkin, n FROM dashboard_present
         WHERE event_id = ? AND kind = 'entrance' AND checkpoint = '' AND status = 'valid' AND n <> 0`,
      ),
      slots: db.prepare(
        `SELECT slot, sum(n) AS n FROM dashboard_arrivals
         WHERE event_id = ? AND day = ? AND kind = 'entrance' AND checkpoint = '' AND status = 'valid' GROUP BY slot`,
      ),
      rooms: db.prepare(`
        SELECT p.id, p.name, p.room, p.day, p.starts_at, p.capacity, coalesce(r.n, 0) AS registered
        FROM checkpoints p LEFT JOIN dashboard_registered r ON r.checkpoint_id = p.id AND r.status = 'valid'
        WHERE p.event_id = ? AND p.kind = 'session'
        ORDER BY p.day IS NULL, p.day, p.starts_at IS NULL, p.starts_at, p.sort, p.name`),
      attended: db.prepare(
        `SELECT checkpoint, day, sum(n) AS n FROM dashboard_present
         WHERE event_id = ? AND kind = 'session' AND status = 'valid' GROUP BY checkpoint, day`,
      ),
    };
  }

  /** The day shown when none is asked: today at the venue if the event has it, else its first day (today without days). */
  static defaultDay(days: readonly string[], today: string): string {
    if (days.includes(today)) return today;
    return days[0] ?? today;
  }

  read(eventId: string, askedDay: string | undefined, now: Date): DashboardFiguresResult {
    const event = this.s.event.get(eventId) as EventRow | undefined;
    if (!event) return emptyFigures(null, null);
    const eventDays = this.s.days.all(eventId) as { date: string; label: string }[];
    const today = localDay(now, event.timezone);
    const day = askedDay ?? DashboardFigures.defaultDay(eventDays.map((d) => d.date), today);

    const expectedRows = this.s.expected.all(eventId) as ExpectedRow[];
    const presentRows = this.s.entrance.all(eventId) as PresentRow[];
    const registeredTotal = sum(expectedRows.filter((r) => !r.walkin));
    const walkinTotal = sum(expectedRows.filter((r) => r.walkin));
    const presentOn = (d: string) => presentRows.filter((r) => r.day === d);

    const dayTally = (d: string): Tally => {
      const rows = presentOn(d);
      return { arrived: sum(rows), expected: registeredTotal + sum(rows.filter((r) => r.walkin)) };
    };
    const days: DashboardDay[] = eventDays.map((d) => ({ date: d.date, label: d.label, ...dayTally(d.date) }));

    // Per category and country on the shown day: the registered ones, plus that day's walk-ins.
    const onDay = presentOn(day);
    const byCategory = breakdown(expectedRows, onDay, (r) => r.category);
    const byCountry = breakdown(expectedRows, onDay, (r) => r.country);
    const byOrigin = { french: zero(), foreign: zero(), unknown: zero() };
    for (const row of byCountry) {
      const tally = byOrigin[originOf(row.key)];
      tally.arrived += row.arrived;
      tally.expected += row.expected;
    }

    const slots = new Map<number, number>();
    for (const { slot, n } of this.s.slots.all(eventId, day) as { slot: number; n: number }[]) slots.set(slot, n);

    const attended = new Map<string, number>();
    for (const row of this.s.attended.all(eventId) as { checkpoint: string; day: string; n: number }[]) attended.set(`${row.checkpoint}\n${row.day}`, row.n);
    const rooms: RoomAttendance[] = (this.s.rooms.all(eventId) as RoomRow[]).map((room) => ({
      checkpointId: room.id,
      name: room.name,
      room: room.room,
      day: room.day,
      startsAt: room.starts_at,
      capacity: room.capacity,
      attended: attended.get(`${room.id}\n${room.day ?? day}`) ?? 0,
      registered: room.registered,
    }));

    const arrivedRegistered = sum(onDay.filter((r) => !r.walkin));
    return {
      eventId,
      day,
      overall: { arrived: sum(presentOn('*')), expected: registeredTotal + walkinTotal },
      days,
      byCategory,
      byCountry,
      byOrigin,
      arrivalsPer15: slotSeries(slots, day, event.timezone),
      rooms,
      walkins: { total: walkinTotal, onDay: sum(onDay.filter((r) => r.walkin)) },
      noShows: today >= day ? Math.max(0, registeredTotal - arrivedRegistered) : 0,
    };
  }
}

function zero(): Tally {
  return { arrived: 0, expected: 0 };
}

function sum(rows: readonly { n: number }[]): number {
  let total = 0;
  for (const row of rows) total += row.n;
  return total;
}

/** Rows by key: expected = registered + walk-ins present that day; most expected first, then by key. */
function breakdown(expected: readonly ExpectedRow[], present: readonly PresentRow[], key: (row: ExpectedRow) => string): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  const row = (k: string): TallyRow => {
    let found = rows.get(k);
    if (!found) rows.set(k, (found = { key: k, arrived: 0, expected: 0 }));
    return found;
  };
  for (const r of expected) if (!r.walkin) row(key(r)).expected += r.n;
  for (const r of present) {
    const target = row(key(r));
    target.arrived += r.n;
    if (r.walkin) target.expected += r.n;
  }
  return [...rows.values()].sort((a, b) => b.expected - a.expected || b.arrived - a.arrived || a.key.localeCompare(b.key));
}

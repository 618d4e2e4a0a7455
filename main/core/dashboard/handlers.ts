/**
 * `dashboard:get`: the tallies brought up to date (tallies.ts), the figures of the current
 * event (figures.ts) and the fleet (fleet.ts). With no current event, empty figures and this
 * kiosk alone. `dashboard:room`: who attended one workshop or meeting (room.ts).
 */
import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { z } from 'zod';
import type { Settings } from '../settings/settings';
import type { KioskSync } from '../sync/kiosk-sync';
import type { DashboardOutputs, dashboardSchemas } from './contract';
import { DashboardFigures, emptyFigures } from './figures';
import { FleetView } from './fleet';
import { RoomAttendees } from './room';
import { DashboardTallies } from './tallies';

type Input<K extends keyof typeof dashboardSchemas> = z.output<(typeof dashboardSchemas)[K]>;

export interface DashboardDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  sync: KioskSync;
}

/** Between two chunks of a long catch-up: scans and sync waiting on the database go first. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function dashboardHandlers(deps: DashboardDeps): {
  [K in keyof DashboardOutputs]: (input: Input<K>) => DashboardOutputs[K] | Promise<DashboardOutputs[K]>;
} {
  const tallies = new DashboardTallies(deps.db);
  const figures = new DashboardFigures(deps.db);
  const fleet = new FleetView(deps.db, deps.settings, deps.sync);
  const rooms = new RoomAttendees(deps.db);
  // Events.currentId's rule (the chosen event, else the first created) without Events.find,
  // which counts the event's attendees: 100,000 rows read on every refresh.
  const exists = deps.db.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  const first = deps.db.prepare('SELECT id FROM events ORDER BY created_at LIMIT 1').pluck();
  const currentEventId = (): string | null => {
    const chosen = deps.settings.get<string>('event.current');
    if (chosen && exists.get(chosen) === 1) return chosen;
    return (first.get() as string | undefined) ?? null;
  };
  return {
    'dashboard:get': async ({ day }) => {
      await tallies.refresh(yieldToOthers);
      const now = deps.now();
      const eventId = currentEventId();
      const read = eventId ? figures.read(eventId, day, now) : emptyFigures(null, null);
      return { ...read, generatedAt: now.toISOString(), kiosks: fleet.kiosks(eventId) };
    },
    'dashboard:room': ({ checkpointId, day }) => {
      const eventId = currentEventId();
      if (!eventId) throw new DomainError('event.none', 'No event is open on this kiosk.');
      return rooms.read(eventId, checkpointId, day);
    },
  };
}

/** SCAFFOLD (owned by the dashboard work, issue 6). */
import type { Database } from 'better-sqlite3';
import type { Events } from '../events/events';
import type { DashboardOutputs, dashboardSchemas } from './contract';
import type { z } from 'zod';

type Input<K extends keyof typeof dashboardSchemas> = z.output<(typeof dashboardSchemas)[K]>;

export function dashboardHandlers(deps: { db: Database; now: () => Date; events: Events }): {
  [K in keyof DashboardOutputs]: (input: Input<K>) => DashboardOutputs[K] | Promise<DashboardOutputs[K]>;
} {
  return {
    'dashboard:get': () => ({
      eventId: deps.events.currentId() ?? null,
      generatedAt: deps.now().toISOString(),
      day: null,
      overall: { arrived: 0, expected: 0 },
      days: [],
      byCategory: [],
      byCountry: [],
      byOrigin: { french: { arrived: 0, expected: 0 }, foreign: { arrived: 0, expected: 0 }, unknown: { arrived: 0, expected: 0 } },
      arrivalsPer15: [],
      rooms: [],
      walkins: { total: 0, onDay: 0 },
      noShows: 0,
      kiosks: [],
    }),
  };
}

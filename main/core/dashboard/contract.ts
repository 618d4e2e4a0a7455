/**
 * SCAFFOLD (owned by the dashboard work, issue 6): the dashboard's operations, merged into
 * main/core/contract.ts. Types of what they return live in ./types.ts.
 */
import { z } from 'zod';
import type { Dashboard, RoomPeople } from './types';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const dashboardSchemas = {
  /** Live figures for the current event (the given day, else today's or the first day). */
  'dashboard:get': z.object({ day: isoDay.optional() }).strict(),
  /** Who entered one workshop or meeting of the current event (on its day; `day` for a room without one). */
  'dashboard:room': z.object({ checkpointId: z.string().min(1).max(100), day: isoDay }).strict(),
} as const;

export interface DashboardOutputs {
  'dashboard:get': Dashboard;
  'dashboard:room': RoomPeople;
}

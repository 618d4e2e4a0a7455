/**
 * Organiser PIN, staff/organiser mode, kiosk lock, the audit log and the purge (issue 6),
 * merged into main/core/contract.ts.
 */
import { z } from 'zod';
import type { AuditRecord, PurgeReport, RoleStatus } from './types';

const pin = z.string().regex(/^\d{4,12}$/, '4 to 12 digits');

export const roleSchemas = {
  'roles:status': z.object({}).strict(),
  /** Organiser mode with the PIN (counts a wrong one towards the lock-out). */
  'roles:unlock': z.object({ pin: z.string().max(64) }).strict(),
  /** Back to staff mode. */
  'roles:lock': z.object({}).strict(),
  /** Sets or changes the PIN (organiser mode, or no PIN yet). */
  'roles:setPin': z.object({ pin }).strict(),
  /** Full-screen kiosk lock on or off (organiser mode). */
  'roles:setKioskLock': z.object({ enabled: z.boolean() }).strict(),
  'audit:list': z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeId: z.number().int().min(1).optional() }).strict(),
  /** The whole audit log as CSV bytes. */
  'audit:export': z.object({}).strict(),
  /** Deletes an event's personal data from this kiosk; `confirm` must repeat the event's name. */
  'data:purge': z.object({ eventId: z.string().min(1).max(100), confirm: z.string().max(300) }).strict(),
} as const;

export interface RoleOutputs {
  'roles:status': RoleStatus;
  'roles:unlock': RoleStatus;
  'roles:lock': RoleStatus;
  'roles:setPin': RoleStatus;
  'roles:setKioskLock': RoleStatus;
  'audit:list': AuditRecord[];
  'audit:export': { fileName: string; data: Uint8Array };
  'data:purge': PurgeReport;
}

/**
 * Organiser PIN, staff/organiser mode, kiosk lock, the audit log and the purge (issue 6),
 * merged into main/core/contract.ts.
 */
import { z } from 'zod';
import type { AuditRecord, PurgeReport, RoleStatus } from './types';
import type { Operation } from '../contract';

/**
 * What only organiser mode may do once a PIN is set (roles/guard.ts wraps the handler table
 * with it, so IPC, the HTTP bridge and the CLI are guarded alike; the screens hide the same).
 * Staff keep the desk's work: scan, search, check in (and admit anyway), walk-ins and their
 * fixes, printing and reprinting one badge, the sync state, switching the language.
 * Besides these, three depend on the input (see `organiserKioskFields`):
 * - `checkin:undo` of a check-in made at another kiosk (staff undo their own desk's mistakes);
 * - `kiosk:configure` of the fields below;
 * - `badges:pdf` of a batch selection (`filter`: the whole list as a file); staff may save the
 *   badges of chosen attendees.
 * `hub:status` stays readable (the sync indicator) but staff get no pairing code.
 */
export const organiserOperations = [
  'events:select',
  'events:create',
  'events:update',
  'import:preview',
  'import:run',
  'demo:load',
  'qr:export',
  'token:revoke',
  'print:batch:start',
  'print:batch:cancel',
  'print:batch:resume',
  'badges:saveTemplate',
  'badges:deleteTemplate',
  'sync:pair',
  'sync:unpair',
  'sync:resolveFlag',
  'hub:start',
  'hub:stop',
  'hub:newCode',
  'hub:revoke',
  'dashboard:get',
  'dashboard:room',
  'export:attendance',
  'roles:setPin',
  'roles:setKioskLock',
  'audit:list',
  'audit:export',
  'data:purge',
] as const satisfies readonly Operation[];

/** Every operation of these families is organiser-only, those added later included (exports). */
export const organiserPrefixes = ['import:', 'export:', 'audit:'] as const;

/** Whether an operation always needs organiser mode (the screens hide what it is for). */
export function isOrganiserOperation(operation: string): boolean {
  return (organiserOperations as readonly string[]).includes(operation) || organiserPrefixes.some((prefix) => operation.startsWith(prefix));
}

/**
 * kiosk:configure fields only an organiser changes: the desk's name (stamped on every check-in,
 * "already checked in at desk 2") and auto-print (a policy). Staff keep the checkpoint and day,
 * the camera, the sound, and the printer and template (a jammed printer must not stop the desk).
 */
export const organiserKioskFields = ['name', 'autoPrint'] as const;

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
  'data:purge': z.object({ eventId: z.string().min(1).max(100), confirm: z.string().max(300), discardUnsent: z.boolean().optional() }).strict(),
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

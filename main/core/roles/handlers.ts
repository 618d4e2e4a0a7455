import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Events } from '../events/events';
import type { Settings } from '../settings/settings';
import { auditCsv } from './audit-csv';
import type { RoleOutputs, roleSchemas } from './contract';
import { purgeEvent } from './purge';
import type { Roles } from './roles';

type Input<K extends keyof typeof roleSchemas> = z.output<(typeof roleSchemas)[K]>;

export interface RoleDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  audit: AuditLog;
  events: Events;
  roles: Roles;
  /** Changes of the event made here that the hub has not acknowledged (0 on a kiosk without a hub). */
  unsentChanges: (eventId: string) => number;
}

/**
 * The roles, audit and purge operations. Who may call them is the guard's business
 * (roles/guard.ts): setPin, setKioskLock, the audit log and the purge are organiser-only there.
 */
export function roleHandlers({ db, now, settings, audit, events, roles, unsentChanges }: RoleDeps): {
  [K in keyof RoleOutputs]: (input: Input<K>) => RoleOutputs[K] | Promise<RoleOutputs[K]>;
} {
  return {
    'roles:status': () => roles.status(),
    'roles:unlock': ({ pin }) => roles.unlock(pin),
    'roles:lock': () => roles.lock(),
    'roles:setPin': ({ pin }) => roles.setPin(pin),
    'roles:setKioskLock': ({ enabled }) => roles.setKioskLock(enabled),
    'audit:list': ({ limit, beforeId }) => audit.list({ limit: limit ?? 100, beforeId }),
    'audit:export': () => {
      const { data, rows } = auditCsv(audit.all());
      audit.record({ action: 'audit.export', role: 'organiser', details: { rows } });
      const stamp = now().toISOString().slice(0, 10);
      const desk = settings.kioskName().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'kiosk';
      return { fileName: `journal-${desk}-${stamp}.csv`, data };
    },
    'data:purge': (request) => purgeEvent({ db, events, audit, unsentChanges }, request),
  };
}

/** SCAFFOLD (owned by the roles work, issue 6). */
import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';
import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings/settings';
import type { RoleOutputs, roleSchemas } from './contract';

type Input<K extends keyof typeof roleSchemas> = z.output<(typeof roleSchemas)[K]>;

export function roleHandlers(_deps: { db: Database; now: () => Date; settings: Settings; audit: AuditLog }): {
  [K in keyof RoleOutputs]: (input: Input<K>) => RoleOutputs[K] | Promise<RoleOutputs[K]>;
} {
  const open = { mode: 'organiser' as const, pinSet: false, lockedUntil: null, attemptsLeft: 5, kioskLock: false };
  const todo = (): never => {
    throw new DomainError('internal', 'Roles are being built.');
  };
  return {
    'roles:status': () => open,
    'roles:unlock': todo,
    'roles:lock': todo,
    'roles:setPin': todo,
    'roles:setKioskLock': todo,
    'audit:list': todo,
    'audit:export': todo,
    'data:purge': todo,
  };
}

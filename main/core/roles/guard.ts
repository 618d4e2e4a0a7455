import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { operations, type Handlers, type Operation } from '../contract';
import type { HubStatus } from '../types';
import { isOrganiserOperation, organiserKioskFields } from './contract';
import type { Roles } from './roles';

type Input = Record<string, unknown>;
type AnyHandler = (input: Input) => unknown;

/** Polled by an open screen: reading it is not an organiser action that keeps the mode alive. */
const passive = new Set<Operation>(['dashboard:get', 'dashboard:room']);

/**
 * Organiser actions whose handler does not write its own audit entry as the organiser: the guard
 * writes one (ids and field names, never values). The others (imports, events, templates,
 * batches, pairing, the roles operations themselves, purge, the exports) record
 * their own with more detail.
 */
const guardAudited: Partial<Record<Operation, (input: Input) => { target?: string; details?: Record<string, unknown> }>> = {
  'events:select': (input) => ({ target: String(input.id) }),
  'kiosk:configure': (input) => ({ details: { fields: Object.keys(input) } }),
  'qr:export': (input) => ({ details: { format: input.format ?? 'png' } }),
  'token:revoke': (input) => ({ target: String(input.attendeeId) }),
  'checkin:undo': (input) => ({ target: String(input.checkinId) }),
  'badges:pdf': (input) => ({ details: { filter: input.filter ?? null, sort: input.sort ?? null } }),
  'hub:start': (input) => ({ details: { port: input.port ?? null } }),
  'hub:stop': () => ({}),
  'hub:newCode': () => ({}),
  'hub:revoke': (input) => ({ target: String(input.deviceId) }),
};

export interface GuardDeps {
  db: Database;
  roles: Roles;
  audit: AuditLog;
  kioskId: () => string;
}

/**
 * Wraps the whole handler table: every transport calls the guarded one, so no transport can
 * forget a check. A refused call throws role.organiser_required before its handler runs, so it
 * changes nothing. A handler that answers synchronously still does (callers rely on it).
 */
export function guardHandlers(handlers: Handlers, { db, roles, audit, kioskId }: GuardDeps): Handlers {
  const checkinKiosk = db.prepare('SELECT kiosk_id FROM checkins WHERE id = ?').pluck();

  const needsOrganiser = (operation: Operation, input: Input): boolean => {
    if (isOrganiserOperation(operation)) return true;
    switch (operation) {
      case 'kiosk:configure':
        return organiserKioskFields.some((field) => input[field] !== undefined);
      case 'checkin:undo': {
        // An unknown id is the handler's to refuse (checkin.not_found), in either mode.
        const kiosk = checkinKiosk.get(input.checkinId) as string | undefined;
        return kiosk !== undefined && kiosk !== kioskId();
      }
      case 'badges:pdf':
        return input.filter !== undefined;
      default:
        return false;
    }
  };

  const guarded = {} as Record<Operation, AnyHandler>;
  for (const operation of operations) {
    const handler = handlers[operation] as AnyHandler;
    guarded[operation] = (input) => {
      const organiserAction = needsOrganiser(operation, input);
      if (organiserAction) {
        roles.require(operation);
        if (!passive.has(operation)) roles.touch();
      }
      const after = (value: unknown): unknown => {
        const describe = guardAudited[operation];
        if (organiserAction && describe) audit.record({ action: `organiser.${operation}`, role: 'organiser', ...describe(input) });
        if (operation === 'hub:status' && roles.mode() !== 'organiser') return { ...(value as HubStatus), pairing: null } satisfies HubStatus;
        return value;
      };
      const result = handler(input);
      return result instanceof Promise ? result.then(after) : after(result);
    };
  }
  return guarded as unknown as Handlers;
}

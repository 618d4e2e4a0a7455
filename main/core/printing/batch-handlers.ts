// SCAFFOLD (owned by the batch/auto-print helper).
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract';
import type { AuditLog } from '../audit/audit-log';
import type { CheckinDesk } from '../checkin/checkin';
import type { Kiosk } from '../checkin/kiosk';
import { DomainError } from '../errors';
import type { PrintDesk } from './print-desk';

export interface BatchHandlerDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  printDesk: PrintDesk;
  desk: CheckinDesk;
}

type BatchOperations = 'print:batch:start' | 'print:batch:count' | 'print:batch:get' | 'print:batch:cancel' | 'print:batch:resume' | 'checkin:scan';

/** Batch printing, and check-ins that show the badge's status and auto-print it when the kiosk says so. */
export function batchHandlers({ desk }: BatchHandlerDeps): Pick<Handlers, BatchOperations> {
  const notYet = () => {
    throw new DomainError('internal', 'not built yet');
  };
  return {
    'print:batch:start': notYet,
    'print:batch:count': notYet,
    'print:batch:get': notYet,
    'print:batch:cancel': notYet,
    'print:batch:resume': notYet,
    'checkin:scan': (input) => desk.scan(input),
  };
}

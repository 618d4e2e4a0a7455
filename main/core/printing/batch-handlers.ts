import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract';
import type { AuditLog } from '../audit/audit-log';
import type { TemplateStore } from '../badges/template-store';
import type { CheckinDesk } from '../checkin/checkin';
import type { Kiosk } from '../checkin/kiosk';
import { AutoPrint } from './auto-print';
import { BatchPrinter } from './batch';
import type { PrintDesk } from './print-desk';

export interface BatchHandlerDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  printDesk: PrintDesk;
  desk: CheckinDesk;
  templates: TemplateStore;
  /** The services' batch printer (they stop it on close); one is made here otherwise. */
  batches?: BatchPrinter;
}

type BatchOperations = 'print:batch:start' | 'print:batch:count' | 'print:batch:get' | 'print:batch:cancel' | 'print:batch:resume' | 'checkin:scan';

/** Batch printing, and check-ins that show the badge's status and auto-print it when the kiosk says so. */
export function batchHandlers({ db, now, kiosk, audit, printDesk, desk, templates, batches = new BatchPrinter({ db, now, kiosk, audit, printDesk, templates }) }: BatchHandlerDeps): Pick<
  Handlers,
  BatchOperations
> {
  // The services start here: a batch this kiosk left running (crash, restart) waits for a resume.
  batches.pauseOrphans();
  const autoPrint = new AutoPrint({ db, now, kiosk, printDesk });
  return {
    'print:batch:start': (input) => batches.start(input),
    'print:batch:count': ({ filter }) => batches.count(filter),
    'print:batch:get': ({ batchId }) => batches.get(batchId),
    'print:batch:cancel': ({ batchId }) => batches.cancel(batchId),
    'print:batch:resume': ({ batchId, printer }) => batches.resume(batchId, printer),
    'checkin:scan': (input) => autoPrint.afterScan(desk.scan(input), input.method),
  };
}

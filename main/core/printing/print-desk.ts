// SCAFFOLD (owned by the printing helper): replaced by the real print desk.
import type { Database } from 'better-sqlite3';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { TemplateStore } from '../badges/template-store';
import type { Kiosk } from '../checkin/kiosk';
import { DomainError } from '../errors';
import type { BadgeStatus, PrintOutcome, PrintRecord } from '../types';
import type { PrinterDriver } from './driver';

export interface PrintDeskDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  attendees: Attendees;
  driver: PrinterDriver;
  templates: TemplateStore;
}

export interface PrintRequest {
  attendeeIds: string[];
  template?: string;
  printer?: string;
  reprintReason?: string;
  copies?: number;
  batchId?: string;
}

export class PrintDesk {
  constructor(readonly deps: PrintDeskDeps) {}
  status(attendeeId: string): BadgeStatus {
    throw new DomainError('internal', `not built yet: ${attendeeId}`);
  }
  async print(request: PrintRequest): Promise<PrintOutcome> {
    throw new DomainError('internal', `not built yet: ${request.attendeeIds.length}`);
  }
  recent(limit = 50, attendeeId?: string): PrintRecord[] {
    throw new DomainError('internal', `not built yet: ${limit} ${attendeeId}`);
  }
}

// SCAFFOLD (owned by the badge-templates helper).
import type { Handlers } from '../contract';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { Kiosk } from '../checkin/kiosk';
import type { PrinterDriver } from '../printing/driver';
import type { TemplateStore } from './template-store';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../errors';

export interface BadgeHandlerDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  attendees: Attendees;
  templates: TemplateStore;
  driver: PrinterDriver;
}

type BadgeOperations = 'badges:templates' | 'badges:saveTemplate' | 'badges:deleteTemplate' | 'badges:preview' | 'badges:pdf';

/** Badge templates (built-in and organisers' own), live previews and Save as PDF. */
export function badgeHandlers({ templates }: BadgeHandlerDeps): Pick<Handlers, BadgeOperations> {
  const notYet = () => {
    throw new DomainError('internal', 'not built yet');
  };
  return {
    'badges:templates': () => templates.list(),
    'badges:saveTemplate': notYet,
    'badges:deleteTemplate': notYet,
    'badges:preview': notYet,
    'badges:pdf': notYet,
  };
}

import type { Handlers } from '../contract';
import type { TemplateStore } from '../badges/template-store';
import type { Kiosk } from '../checkin/kiosk';
import type { PrinterDriver } from './driver';
import type { PrintDesk } from './print-desk';

export interface PrintHandlerDeps {
  kiosk: Kiosk;
  templates: TemplateStore;
  driver: PrinterDriver;
  printDesk: PrintDesk;
}

type PrintOperations = 'printers:list' | 'print:badges' | 'print:status' | 'print:recent' | 'kiosk:configure';

/** Printers, one-off prints, the ledger, and the kiosk's print settings (a template name is checked here). */
export function printHandlers({ kiosk, templates, driver, printDesk }: PrintHandlerDeps): Pick<Handlers, PrintOperations> {
  return {
    'printers:list': () => driver.list(),
    'print:badges': (input) => printDesk.print(input),
    'print:status': ({ attendeeId }) => printDesk.status(attendeeId),
    'print:recent': ({ limit, attendeeId }) => printDesk.recent(limit, attendeeId),
    'kiosk:configure': (patch) => {
      if (patch.template !== undefined) templates.load(patch.template);
      return kiosk.configure(patch);
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { Handlers, Language } from './contract';
import { Attendees } from './attendees/attendees';
import { searchAttendees } from './attendees/search';
import { applyImport, previewImport, readImportFile } from './attendees/import';
import { Events } from './events/events';
import { Settings } from './settings/settings';
import { loadDemo } from './demo/demo';
import { eventNameFromFile } from './events/naming';
import { checkinHandlers } from './checkin/handlers';
import { CheckinDesk } from './checkin/checkin';
import { EventKeyStore } from './checkin/keys';
import { Kiosk } from './checkin/kiosk';
import { AuditLog } from './audit/audit-log';
import { walkinHandlers } from './walkins/handlers';
import { walkinOptions } from './walkins/options';
import { TemplateStore } from './badges/template-store';
import { badgeHandlers } from './badges/handlers';
import type { PrinterDriver } from './printing/driver';
import { createCupsDriver } from './printing/cups';
import { PrintDesk } from './printing/print-desk';
import { printHandlers } from './printing/handlers';
import { BatchPrinter } from './printing/batch';
import { batchHandlers } from './printing/batch-handlers';
import { syncHandlers } from './sync/handlers';
import { hubHandlers } from './sync/hub-handlers';
import { importPublisher } from './sync/publish';
import { KioskSync } from './sync/kiosk-sync';
import { SyncRunner, type SyncRunnerOptions } from './sync/loop';
import { dashboardHandlers } from './dashboard/handlers';
import { exportHandlers } from './exports/handlers';
import { roleHandlers } from './roles/handlers';
import { Roles } from './roles/roles';
import type { Role } from './roles/types';
import { guardHandlers } from './roles/guard';

export interface ServiceDeps {
  db: Database;
  now?: () => Date;
  version?: string;
  /** What prints badges: Electron's printing in the desktop app, CUPS (lp) everywhere else. */
  printer?: PrinterDriver;
  /** The sync loop's timers, jitter and pacing (tests drive them); the engine's client factory. */
  sync?: Omit<SyncRunnerOptions, 'engine' | 'now'> & { client?: ConstructorParameters<typeof KioskSync>[0]['client'] };
  /**
   * The caller is the organiser at the machine (the CLI: shell access to the data folder already
   * gives everything a PIN would lock), so organiser mode without a PIN. Kiosks leave it off.
   */
  trustedOrganiser?: boolean;
}

export interface Services {
  db: Database;
  now: () => Date;
  settings: Settings;
  events: Events;
  attendees: Attendees;
  audit: AuditLog;
  templates: TemplateStore;
  printDesk: PrintDesk;
  driver: PrinterDriver;
  /** Sync with the hub: the engine (one sync) and the runner (status, the background loop, started by kiosk-core). */
  syncEngine: KioskSync;
  syncRunner: SyncRunner;
  /** Staff/organiser mode and the kiosk lock (the Electron glue follows roles.onChange). */
  roles: Roles;
  /** Every operation, behind the organiser guard (roles/guard.ts): what transports call. */
  handlers: Handlers;
  /** The same operations without the guard, for the process's own housekeeping (closing stops the hub); never a transport's. */
  internal: Handlers;
  /**
   * Before the database closes: running batches stop after their page (left 'paused') and the
   * prints in flight get their outcome into the ledger, waiting at most `timeoutMs` (5 s).
   */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** The one table of operations every transport (IPC, HTTP bridge, CLI) calls. */
export function createServices({ db, now = () => new Date(), version = '0.0.0', printer, sync, trustedOrganiser }: ServiceDeps): Services {
  const settings = new Settings(db);
  const events = new Events(db, now);
  const attendees = new Attendees(db, now);
  // The mode is read when an entry is written (roles is built just below, with this log).
  const audit: AuditLog = new AuditLog(db, () => settings.kioskId(), now, (): Role => roles.mode());
  const roles = new Roles({ settings, audit, now, trusted: trustedOrganiser });
  // One check-in desk (and its prepared statements) shared by scans and walk-ins.
  const kiosk = new Kiosk(db, settings, now);
  const keys = new EventKeyStore(db, now);
  const desk = new CheckinDesk(db, now, attendees, kiosk, keys, () => roles.mode());
  const templates = new TemplateStore(db, now);
  const driver = printer ?? createCupsDriver();
  const printDesk = new PrintDesk({ db, now, kiosk, audit, attendees, driver, templates });
  const batches = new BatchPrinter({ db, now, kiosk, audit, printDesk, templates });

  const syncEngine = new KioskSync({ db, settings, keys, now, client: sync?.client });
  const syncRunner = new SyncRunner({ ...sync, engine: syncEngine, now });

  const language = (): Language => settings.get<Language>('ui.language') ?? 'fr';

  /** Imports go to the given event, else the current one, else a new event named after the file. */
  const importTarget = (eventId: string | undefined, fileName: string): string => {
    if (eventId) return events.get(eventId).id;
    const current = events.currentId();
    if (current) return current;
    const created = events.create({ name: eventNameFromFile(fileName) });
    events.setCurrent(created.id);
    return created.id;
  };

  const open: Handlers = {
    'app:info': () => {
      const current = events.currentId();
      return {
        version,
        kioskId: settings.kioskId(),
        kioskName: settings.kioskName(),
        language: language(),
        event: current ? events.get(current) : null,
      };
    },
    'settings:setLanguage': ({ language }) => {
      settings.set('ui.language', language);
      return { language };
    },
    'events:list': () => events.list(),
    'events:select': ({ id }) => {
      events.setCurrent(id);
      return events.get(id);
    },
    'events:create': ({ select, ...input }) =>
      db.transaction(() => {
        const created = events.create(input);
        if (select) events.setCurrent(created.id);
        audit.record({ action: 'event.create', target: created.id, role: 'organiser' });
        return events.get(created.id);
      })(),
    'events:update': ({ id, ...patch }) =>
      db.transaction(() => {
        const updated = events.update(id, patch);
        audit.record({ action: 'event.update', target: id, details: { fields: Object.keys(patch) }, role: 'organiser' });
        return updated;
      })(),
    'attendees:search': ({ text, limit }) => {
      const eventId = events.currentId();
      if (!eventId) return [];
      return searchAttendees(db, eventId, text, limit).map((row) => attendees.toSummary(row));
    },
    'attendees:get': ({ id }) => attendees.get(id),
    'import:preview': (file) => previewImport(file),
    // The file is read first (XLSX reading is asynchronous); then one transaction with the event it
    // may create: a failed first import leaves no empty event behind.
    'import:run': async ({ fileName, data, eventId, mapping }) => {
      const table = await readImportFile({ fileName, data });
      return db.transaction(() => {
        // What the import created or changed goes to the fleet as attendee_upsert changes (hub log or outbox).
        const publish = importPublisher(db, now);
        const report = applyImport(db, table, { eventId: importTarget(eventId, fileName), mapping }, now);
        publish?.(report.eventId);
        const { errors, ...counts } = report;
        audit.record({ action: 'import', target: report.eventId, details: { fileName, ...counts, errors: errors.length }, role: 'organiser' });
        return report;
      })();
    },
    'demo:load': () =>
      db.transaction(() => {
        const event = loadDemo(db, now);
        events.setCurrent(event.id);
        audit.record({ action: 'demo.load', target: event.id, role: 'organiser' });
        return event;
      })(),
    ...checkinHandlers({ db, kiosk, keys, desk }),
    ...walkinHandlers({ db, now, settings, attendees, audit, kiosk, desk }),
    'walkin:options': () => walkinOptions(db, events.currentId()),
    // After the check-in handlers: these add printing to `kiosk:configure` and `checkin:scan`.
    ...printHandlers({ kiosk, templates, driver, printDesk }),
    ...batchHandlers({ db, now, kiosk, audit, printDesk, desk, templates, batches }),
    ...badgeHandlers({ db, now, kiosk, audit, attendees, templates, driver }),
    ...syncHandlers({ db, now, settings, attendees, audit, engine: syncEngine, runner: syncRunner }),
    ...hubHandlers({ db, now, settings, events }),
    ...dashboardHandlers({ db, now, settings, sync: syncEngine }),
    ...exportHandlers({ db, now, events, audit, driver }),
    ...roleHandlers({
      db,
      now,
      settings,
      audit,
      events,
      roles,
      // The outbox only counts as unsent for the event this kiosk syncs: elsewhere nobody waits for it.
      unsentChanges: (eventId) => (syncEngine.pairing()?.eventId === eventId ? syncEngine.pending() : 0),
    }),
  };
  const handlers = guardHandlers(open, { db, roles, audit, kioskId: () => settings.kioskId() });

  const shutdown = async (timeoutMs = 5000): Promise<void> => {
    const started = Date.now();
    roles.dispose();
    await batches.shutdown(timeoutMs);
    await printDesk.settle(Math.max(0, timeoutMs - (Date.now() - started)));
  };

  return { db, now, settings, events, attendees, audit, templates, printDesk, driver, syncEngine, syncRunner, roles, handlers, internal: open, shutdown };
}

import type { Database } from 'better-sqlite3';
import { checkpointPeriodically } from './db/checkpoints';
import { openDataFolder } from './db/open';
import { ensureDemoOnFirstStart } from './demo/demo';
import type { PrinterDriver } from './printing/driver';
import { createServices, type Services } from './services';

export interface KioskCoreOptions {
  dataDir: string;
  version: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** What prints badges: the desktop app passes Electron's; browser mode and the CLI keep CUPS. */
  printer?: PrinterDriver;
  /** The background sync with the hub (on by default; tests and one-shot tools turn it off). */
  sync?: boolean;
}

export interface KioskCore {
  db: Database;
  services: Services;
  /** Stops background work and closes the database (after a last checkpoint). */
  close(): void;
}

/**
 * What every long-running kiosk process starts with, whatever its window (Electron or
 * browser mode): the data folder's database, the services, checkpoints off the scan path,
 * and the demo event on a first start.
 */
export function startKioskCore({ dataDir, version, now = () => new Date(), log = console.log, printer, sync = true }: KioskCoreOptions): KioskCore {
  const db = openDataFolder(dataDir);
  const services = createServices({ db, now, version, printer });
  try {
    if (ensureDemoOnFirstStart(db, now)) log('First start: the demo event was loaded.');
  } catch (error) {
    // The kiosk stays usable without the demo: an organiser can still import a file.
    log(`The demo event could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stopCheckpoints = checkpointPeriodically(db);
  // Idle (no network) until the kiosk is paired; then every few seconds, backing off while the hub is away.
  if (sync) services.syncRunner.start();
  return {
    db,
    services,
    close: () => {
      stopCheckpoints();
      // "This kiosk is the hub": stops listening at once (the database closes right after).
      void Promise.resolve(services.handlers['hub:stop']({})).catch((error: unknown) => log(`The in-app hub did not stop cleanly: ${String(error)}`));
      services.syncRunner.stop();
      // The driver may hold a warm Chromium or a hidden window; it finishes its current job first.
      services.driver.close?.().catch((error: unknown) => log(`The printer driver did not close cleanly: ${String(error)}`));
      db.close();
    },
  };
}

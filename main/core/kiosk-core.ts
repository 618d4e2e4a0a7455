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
  /** How long close() waits for a batch page or a badge being printed (default 5 s). */
  closeWaitMs?: number;
}

/** How long closing waits for a batch page or a badge being printed before closing the database anyway. */
const defaultCloseWaitMs = 5000;

export interface KioskCore {
  db: Database;
  services: Services;
  /**
   * Stops background work, lets running batches pause after their page and prints in flight
   * reach the ledger (at most a few seconds), then closes the driver and the database. Never
   * rejects; calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * What every long-running kiosk process starts with, whatever its window (Electron or
 * browser mode): the data folder's database, the services, checkpoints off the scan path,
 * and the demo event on a first start.
 */
export function startKioskCore({
  dataDir,
  version,
  now = () => new Date(),
  log = console.log,
  printer,
  sync = true,
  closeWaitMs = defaultCloseWaitMs,
}: KioskCoreOptions): KioskCore {
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
  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    stopCheckpoints();
    // "This kiosk is the hub": stops listening at once (the database closes right after).
    void Promise.resolve(services.internal['hub:stop']({})).catch((error: unknown) => log(`The in-app hub did not stop cleanly: ${String(error)}`));
    services.syncRunner.stop();
    // A batch page or a badge being printed writes its outcome to the database: wait for it (bounded).
    await services.shutdown(closeWaitMs).catch((error: unknown) => log(`Printing did not stop cleanly: ${String(error)}`));
    // The driver may hold a warm Chromium or a hidden window; it finishes its current job first.
    await Promise.resolve(services.driver.close?.()).catch((error: unknown) => log(`The printer driver did not close cleanly: ${String(error)}`));
    db.close();
  };
  return {
    db,
    services,
    close: () => (closing ??= close()),
  };
}

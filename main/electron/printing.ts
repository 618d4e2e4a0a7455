import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, type PrinterInfo as ElectronPrinterInfo, type WebContents } from 'electron';
import type { BadgeTemplate } from '../core/badges/templates';
import { DomainError } from '../core/errors';
import type { PrinterDriver, PrintJobReceipt, PrintJobRequest } from '../core/printing/driver';
import type { PrinterInfo, PrinterState } from '../core/types';
import { fontsReadyScript, printableDocument } from './print-document';

/**
 * The desktop app's printer driver: Electron (Chromium) prints the badge document itself,
 * silently, on the chosen device; the same on Windows, macOS and Linux, no `lp` needed.
 * Everything happens in a hidden window whose document runs no script and can go nowhere.
 */
export interface ElectronPrintingDeps {
  /** Where a document waits for a moment before it is loaded (the app's temp folder by default). */
  tempDir?: () => string;
  /** Which printer status codes to expect (Windows' flags or CUPS states); process.platform by default. */
  platform?: NodeJS.Platform;
}

/**
 * Electron's printer as it arrives. Older Electron versions also gave `isDefault` and a numeric
 * `status` (CUPS state, or Windows' PRINTER_STATUS_* flags); newer ones give only `options`.
 */
export type RawPrinter = ElectronPrinterInfo & { isDefault?: boolean; status?: number };

/** Microns per millimetre: webContents.print takes custom page sizes in microns. */
const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;

/**
 * Window options for every hidden print window, one literal so a reviewer sees them all: a
 * badge document is static HTML (fonts, QR codes and logos embedded, see render.ts): no Node,
 * no preload, a sandboxed, isolated renderer. JavaScript stays on for one thing only: the
 * driver's own wait for the fonts (fontsReadyScript, run through executeJavaScript); the
 * document itself can run nothing, its Content-Security-Policy forbids every script
 * (printableDocument).
 */
export const printWindowOptions = {
  show: false,
  width: 800,
  height: 600,
  skipTaskbar: true,
  focusable: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    javascript: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A hidden window must still lay out and paint at full speed to print.
    backgroundThrottling: false,
  },
} as const;

// Windows PRINTER_STATUS_* flags (winspool.h) that mean nothing will come out.
const winStopped: [number, string][] = [
  [0x1, 'paused'],
  [0x2, 'error'],
  [0x4, 'pending deletion'],
  [0x8, 'paper jam'],
  [0x10, 'paper out'],
  [0x40, 'paper problem'],
  [0x80, 'offline'],
  [0x800, 'output bin full'],
  [0x1000, 'not available'],
  [0x40000, 'no toner'],
  [0x100000, 'user intervention'],
  [0x200000, 'out of memory'],
  [0x400000, 'door open'],
];
// PRINTER_STATUS_IO_ACTIVE, BUSY, PRINTING, WAITING, PROCESSING, INITIALIZING, WARMING_UP.
const winBusy = 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000 | 0x8000 | 0x10000;

function cupsState(value: number): PrinterState {
  // IPP printer-state: 3 idle, 4 processing, 5 stopped.
  if (value === 3) return 'idle';
  if (value === 4) return 'printing';
  if (value === 5) return 'stopped';
  return 'unknown';
}

/** The reasons CUPS gives, without its "all is well" value ("none"). */
function cupsReasons(value: string | undefined): string {
  return (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r && r !== 'none')
    .join(', ');
}

/** One Electron printer in the kiosk's words; a state nobody reported stays 'unknown' (and printing is tried). */
export function toPrinterInfo(raw: RawPrinter, platform: NodeJS.Platform = process.platform): PrinterInfo {
  const options: Record<string, string | undefined> = (raw.options ?? {}) as Record<string, string | undefined>;
  let state: PrinterState = 'unknown';
  let message = cupsReasons(options['printer-state-reasons']);
  const cups = options['printer-state'];
  if (cups !== undefined && /^\d+$/.test(cups.trim())) {
    state = cupsState(Number(cups));
  } else if (typeof raw.status === 'number') {
    if (platform === 'win32') {
      const stopped = winStopped.filter(([flag]) => raw.status! & flag).map(([, words]) => words);
      if (stopped.length > 0) {
        state = 'stopped';
        message ||= stopped.join(', ');
      } else {
        state = raw.status & winBusy ? 'printing' : 'idle';
      }
    } else {
      state = cupsState(raw.status);
    }
  }
  const accepting = options['printer-is-accepting-jobs'];
  return {
    name: raw.name,
    description: raw.displayName || raw.description || options['printer-info'] || raw.name,
    isDefault: raw.isDefault === true,
    state,
    // Only an explicit "false" refuses: Windows and macOS do not report it.
    accepting: accepting === undefined ? true : accepting.trim().toLowerCase() !== 'false',
    message,
  };
}

/** Page size for webContents.print: the template's page in microns, printed at exactly that size. */
export function printPageSize(template: BadgeTemplate): { width: number; height: number } {
  return {
    width: Math.round(template.page.width * MICRONS_PER_MM),
    height: Math.round(template.page.height * MICRONS_PER_MM),
  };
}

/** Page size for printToPDF, in inches (the CSS @page rule, preferred, says the same). */
export function pdfPageSize(template: BadgeTemplate): { width: number; height: number } {
  return { width: template.page.width / MM_PER_INCH, height: template.page.height / MM_PER_INCH };
}

/** The window stays on the document: no navigation, no new window, no <webview>, whatever the page says. */
function lockDown(contents: WebContents): void {
  const deny = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createElectronPrinterDriver(deps: ElectronPrintingDeps = {}): PrinterDriver {
  const platform = deps.platform ?? process.platform;
  const tempDir = deps.tempDir ?? (() => app.getPath('temp'));
  /** One job at a time: Chromium prints one document per window, and a label printer one badge after another. */
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(() => {
      if (closed) throw new DomainError('print.system_unavailable', 'The printing driver is closed.', { reason: 'closed' });
      return work();
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const list = async (): Promise<PrinterInfo[]> => {
    // getPrintersAsync belongs to a web contents: a blank hidden window of its own, not the kiosk's,
    // destroyed at once (a hidden window left open would keep the app alive once the kiosk window closes).
    const probe = new BrowserWindow(printWindowOptions);
    lockDown(probe.webContents);
    let raw: RawPrinter[];
    try {
      raw = (await probe.webContents.getPrintersAsync()) as RawPrinter[];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DomainError('print.system_unavailable', `The printers cannot be listed: ${reason}.`, { reason });
    } finally {
      if (!probe.isDestroyed()) probe.destroy();
    }
    return raw.map((p) => toPrinterInfo(p, platform));
  };

  /**
   * Loads the document in a fresh hidden window and hands it to `use`. The document goes
   * through a temporary file (with every font embedded it is too large for a data: URL),
   * deleted afterwards; the window is destroyed whatever happens.
   */
  const withDocument = async <T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> => {
    const dir = await fs.mkdtemp(path.join(tempDir(), 'accueil-print-'));
    const file = path.join(dir, `badge-${randomBytes(4).toString('hex')}.html`);
    let window: BrowserWindow | null = null;
    try {
      await fs.writeFile(file, printableDocument(html), { encoding: 'utf8', mode: 0o600 });
      window = new BrowserWindow(printWindowOptions);
      lockDown(window.webContents);
      await window.loadFile(file);
      // The load event comes before most fonts are in: wait for them, or the badge prints without.
      await window.webContents.executeJavaScript(fontsReadyScript);
      return await use(window.webContents);
    } finally {
      if (window && !window.isDestroyed()) window.destroy();
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  };

  const submit = (job: PrintJobRequest): Promise<PrintJobReceipt> =>
    serial(async () => {
      const printers = await list();
      const found = printers.find((p) => p.name === job.printer);
      if (!found) {
        throw new DomainError('print.printer_unknown', `No printer named ${job.printer} on this computer.`, { printer: job.printer });
      }
      if (found.state === 'stopped') {
        const reason = found.message || 'stopped';
        throw new DomainError('print.printer_stopped', `The printer ${job.printer} is stopped (${reason}).`, { printer: job.printer, reason });
      }
      if (!found.accepting) {
        const reason = found.message || 'not accepting jobs';
        throw new DomainError('print.printer_rejecting', `The printer ${job.printer} is refusing jobs (${reason}).`, {
          printer: job.printer,
          reason,
        });
      }
      return withDocument(
        job.html,
        (contents) =>
          new Promise<PrintJobReceipt>((resolve, reject) => {
            contents.print(
              {
                silent: true,
                deviceName: job.printer,
                printBackground: true,
                copies: job.copies,
                pageSize: printPageSize(job.template),
                margins: { marginType: 'none' },
              },
              (success, failureReason) => {
                // Electron gives no job id: the ledger keeps '' (see PrintJobReceipt).
                if (success) return resolve({ jobId: '' });
                const reason = failureReason || 'failed';
                reject(new DomainError('print.job_failed', `Printing on ${job.printer} failed: ${reason}.`, { printer: job.printer, reason }));
              },
            );
          }),
      );
    });

  const pdf = ({ html, template }: Pick<PrintJobRequest, 'html' | 'template'>): Promise<Uint8Array> =>
    serial(() =>
      withDocument(html, async (contents) => {
        const bytes = await contents.printToPDF({
          pageSize: pdfPageSize(template),
          printBackground: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          preferCSSPageSize: true,
        });
        return new Uint8Array(bytes);
      }),
    );

  return {
    kind: 'electron',
    list: () => serial(list),
    submit,
    pdf,
    // Lets the job under way finish (its window goes with it); later ones are refused.
    close: async () => {
      closed = true;
      await queue;
    },
  };
}

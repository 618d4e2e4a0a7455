import type { BadgeTemplate } from '../badges/templates';
import type { PrinterInfo } from '../types';

/**
 * What prints a rendered badge document. The core decides what to print and keeps the
 * ledger; a driver only turns one HTML document into pages on a printer (or a PDF):
 * - `cups`: headless Chromium renders the PDF, `lp -d QUEUE -o media=Custom.WxHmm` submits it
 *   (CLI, browser mode, tests, Linux/macOS kiosks);
 * - `electron`: `webContents.print({ silent: true, deviceName, pageSize })` and `printToPDF`
 *   in a hidden window (main/electron/printing.ts).
 */
export interface PrintJobRequest {
  /** Printer (CUPS queue or Electron device) name. */
  printer: string;
  /** A complete document from renderBadgeHtml/renderBadgesHtml: fonts embedded, no network. */
  html: string;
  /** Page size and sheet layout come from the template: printed at exactly that size, no scaling. */
  template: BadgeTemplate;
  copies: number;
  /** Shown in the printer's queue (and cups-pdf's file name): attendee or batch, never personal data beyond a name. */
  title: string;
}

export interface PrintJobReceipt {
  /** The printer system's job id (e.g. "PDF-12"); '' when the system gives none. */
  jobId: string;
  /**
   * Settles when the printer system is done with the job: resolves once it printed it, rejects
   * with a DomainError when it was aborted, cancelled or stuck (an offline printer). Absent when
   * the system reports nothing after accepting a job (Electron's print callback is the end).
   */
  printed?: Promise<void>;
}

export interface PrinterDriver {
  readonly kind: 'cups' | 'electron';
  /** Printers this machine can print to, with their state in plain words. */
  list(): Promise<PrinterInfo[]>;
  /**
   * Submits one job. Resolves once the printer system accepted it (the receipt's `printed` then
   * follows it to the end); rejects with a DomainError (`print.*`) when the printer is unknown,
   * stopped, not accepting jobs, or the job failed.
   */
  submit(job: PrintJobRequest): Promise<PrintJobReceipt>;
  /** The same document as PDF bytes at the template's exact page size. */
  pdf(job: Pick<PrintJobRequest, 'html' | 'template'>): Promise<Uint8Array>;
  /** Frees what the driver holds (a warm Chromium). */
  close?(): Promise<void>;
}

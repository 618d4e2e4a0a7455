import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';

vi.mock('electron', () => import('./electron-fakes'));

import { FakeBrowserWindow, fakeEvent, ipcMain, printing, resetFakeElectron } from './electron-fakes';
import { tempDir } from '../helpers/temp';
import { createElectronPrinterDriver, printWindowOptions, toPrinterInfo, type RawPrinter } from '../../main/electron/printing';
import { fontsReadyScript, printableDocument, printDocumentPolicy } from '../../main/electron/print-document';
import { startDesktop, type Desktop } from '../../main/electron/desktop';
import { loadTemplate } from '../../main/core/badges/templates';
import { DomainError } from '../../main/core/errors';
import { createCliTranslator, describeError } from '../../main/cli/i18n';

/**
 * The Electron printing glue with a stand-in 'electron' (its binary cannot be fetched here): what
 * reaches webContents.print and printToPDF, the checks before printing, the hidden window's
 * hardening, and that nothing (window, temp file) outlives a job.
 */

const a6 = loadTemplate('a6');
const html = '<!doctype html><html><head><meta charset="utf-8"></head><body><p>Badge</p></body></html>';

/** A CUPS printer as Electron reports it on Linux/macOS. */
function cupsPrinter(name: string, state: string, extra: Record<string, string> = {}): RawPrinter {
  return {
    name,
    displayName: name.replace(/_/g, ' '),
    description: 'Brother QL-820NWB',
    options: { 'printer-state': state, 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': 'true', ...extra },
  } as RawPrinter;
}

let temp: string;
let t: TFunction;
beforeAll(async () => {
  t = await createCliTranslator('fr');
});
beforeEach(() => {
  resetFakeElectron();
  temp = tempDir('accueil-print-tmp-');
  printing.getPrintersAsync.mockImplementation(async () => [cupsPrinter('Brother_QL', '3'), cupsPrinter('Stopped_One', '5', { 'printer-state-reasons': 'paused' })]);
});

function driver() {
  return createElectronPrinterDriver({ tempDir: () => temp, platform: 'linux' });
}

/** What was in the temp folder and loaded when print was called, to compare with afterwards. */
function recordLoadedFile(): { file?: string; existed?: boolean; content?: string } {
  const seen: { file?: string; existed?: boolean; content?: string } = {};
  const original = printing.print.getMockImplementation()!;
  printing.print.mockImplementation(function (this: unknown, options, callback) {
    const window = FakeBrowserWindow.instances.at(-1)!;
    seen.file = window.loaded?.file;
    seen.existed = !!seen.file && fs.existsSync(seen.file);
    seen.content = seen.existed ? fs.readFileSync(seen.file!, 'utf8') : undefined;
    return original.call(this, options, callback);
  });
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('printers', () => {
  it('maps CUPS printers: state 3/4/5, accepting, reasons as the message', () => {
    expect(toPrinterInfo(cupsPrinter('A', '3'))).toEqual({
      name: 'A',
      description: 'A',
      isDefault: false,
      state: 'idle',
      accepting: true,
      message: '',
    });
    expect(toPrinterInfo(cupsPrinter('B', '4')).state).toBe('printing');
    expect(toPrinterInfo(cupsPrinter('C', '5', { 'printer-state-reasons': 'paused,media-empty-error' }))).toMatchObject({
      state: 'stopped',
      message: 'paused, media-empty-error',
    });
    expect(toPrinterInfo(cupsPrinter('D', '3', { 'printer-is-accepting-jobs': 'false' })).accepting).toBe(false);
    expect(toPrinterInfo(cupsPrinter('E', '9')).state).toBe('unknown');
  });

  it('maps Windows status flags where Electron still gives them, and knows when it knows nothing', () => {
    const win = (status: number) => ({ name: 'Zebra', displayName: 'Zebra ZD421', description: '', options: {}, status, isDefault: true }) as RawPrinter;
    expect(toPrinterInfo(win(0), 'win32')).toMatchObject({ state: 'idle', isDefault: true, description: 'Zebra ZD421', accepting: true });
    expect(toPrinterInfo(win(0x400), 'win32').state).toBe('printing');
    expect(toPrinterInfo(win(0x80), 'win32')).toMatchObject({ state: 'stopped', message: 'offline' });
    expect(toPrinterInfo(win(0x1 | 0x10), 'win32')).toMatchObject({ state: 'stopped', message: 'paused, paper out' });
    // Newer Electron on Windows: options carry no state at all.
    expect(toPrinterInfo({ name: 'X', displayName: 'X', description: '', options: {} } as RawPrinter, 'win32')).toMatchObject({
      state: 'unknown',
      accepting: true,
      message: '',
    });
  });

  it('lists through a hidden window, hardened like the print windows and destroyed at once', async () => {
    const d = driver();
    const list = await d.list();
    expect(list.map((p) => [p.name, p.state, p.description])).toEqual([
      ['Brother_QL', 'idle', 'Brother QL'],
      ['Stopped_One', 'stopped', 'Stopped One'],
    ]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const probe = FakeBrowserWindow.instances[0]!;
    expect(probe.options).toEqual(printWindowOptions);
    expect(probe.loaded).toBeNull();
    expect(probe.destroyed).toBe(true);
    expect(FakeBrowserWindow.getAllWindows()).toEqual([]);
    // Closed, the driver refuses new work.
    await d.close!();
    expect((await rejection(d.submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' }))).code).toBe('print.system_unavailable');
  });

  it('says the print system is unavailable when listing fails', async () => {
    printing.getPrintersAsync.mockImplementation(async () => {
      throw new Error('cups not running');
    });
    const error = await rejection(driver().list());
    expect(error.code).toBe('print.system_unavailable');
    expect(error.params).toEqual({ reason: 'cups not running' });
    expect(FakeBrowserWindow.getAllWindows()).toEqual([]);
  });
});

describe('printing a badge', () => {
  it('prints silently on the named device at the template size in microns, no margins, then cleans up', async () => {
    const seen = recordLoadedFile();
    const receipt = await driver().submit({ printer: 'Brother_QL', html, template: a6, copies: 2, title: 'Ada Lovelace' });
    expect(receipt).toEqual({ jobId: '' });

    expect(printing.print).toHaveBeenCalledTimes(1);
    expect(printing.print.mock.calls[0]![0]).toEqual({
      silent: true,
      deviceName: 'Brother_QL',
      printBackground: true,
      copies: 2,
      pageSize: { width: 105000, height: 148000 },
      margins: { marginType: 'none' },
    });

    // The document went through a file in the app's temp folder, loaded with loadFile, then deleted.
    expect(seen.existed).toBe(true);
    expect(seen.content).toBe(printableDocument(html));
    expect(path.dirname(path.dirname(seen.file!))).toBe(temp);
    expect(fs.existsSync(seen.file!)).toBe(false);
    expect(fs.readdirSync(temp)).toEqual([]);

    // Probe window (listing) and print window: the print window is gone.
    const printWindow = FakeBrowserWindow.instances.at(-1)!;
    expect(printWindow.loaded).toEqual({ file: seen.file });
    expect(printWindow.destroyed).toBe(true);
  });

  it('waits for the fonts after loading, then prints', async () => {
    const steps: string[] = [];
    printing.executeJavaScript.mockImplementation(async (code) => {
      steps.push(`script: ${code}`);
      return 'loaded';
    });
    printing.print.mockImplementation((_options, callback) => {
      steps.push('print');
      callback(true, '');
    });
    await driver().submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' });
    expect(steps).toEqual([`script: ${fontsReadyScript}`, 'print']);
  });

  it('runs the document in a hidden, sandboxed window with no Node, no preload, no script of its own, going nowhere', async () => {
    await driver().submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' });
    const window = FakeBrowserWindow.instances.at(-1)!;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // On for the driver's font wait only: the document's policy forbids every script.
      javascript: true,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    const written = printableDocument(html);
    expect(written).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${printDocumentPolicy}">`);
    expect(printDocumentPolicy).toContain("default-src 'none'");
    expect(printDocumentPolicy).not.toMatch(/script-src/);
    expect(window.visible).toBe(false);

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = fakeEvent({ url: 'https://evil.example/' });
      window.webContents.emit(name, away, away.url);
      expect(away.defaultPrevented, name).toBe(true);
    }
    // Even a file:// address next to the document: the window shows this document and nothing else.
    const sibling = fakeEvent({ url: pathToFileURL(path.join(temp, 'other.html')).href });
    window.webContents.emit('will-navigate', sibling, sibling.url);
    expect(sibling.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    window.webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('turns a failed print into a translated print.job_failed, and still cleans up', async () => {
    const seen = recordLoadedFile();
    printing.print.mockImplementation(function (this: unknown, _options, callback) {
      const window = FakeBrowserWindow.instances.at(-1)!;
      seen.file = window.loaded?.file;
      seen.existed = !!seen.file && fs.existsSync(seen.file);
      callback(false, 'Printer out of paper');
    });
    const error = await rejection(driver().submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' }));
    expect(error.code).toBe('print.job_failed');
    expect(error.params).toEqual({ printer: 'Brother_QL', reason: 'Printer out of paper' });
    expect(describeError(t, error.toValue())).toBe(
      "L'impression sur Brother_QL a échoué (Printer out of paper) : rien n'a été compté comme imprimé.",
    );
    expect(seen.existed).toBe(true);
    expect(fs.existsSync(seen.file!)).toBe(false);
    expect(fs.readdirSync(temp)).toEqual([]);
    expect(FakeBrowserWindow.instances.at(-1)!.destroyed).toBe(true);

    // A failure with no reason still says something.
    printing.print.mockImplementation((_options, callback) => callback(false, ''));
    const bare = await rejection(driver().submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' }));
    expect(bare.params).toEqual({ printer: 'Brother_QL', reason: 'failed' });
  });

  it('refuses an unknown printer before any document is loaded', async () => {
    const error = await rejection(driver().submit({ printer: 'Nope', html, template: a6, copies: 1, title: 'x' }));
    expect(error.code).toBe('print.printer_unknown');
    expect(error.params).toEqual({ printer: 'Nope' });
    expect(describeError(t, error.toValue())).toContain("L'imprimante Nope est introuvable");
    expect(printing.print).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances.filter((w) => w.loaded)).toEqual([]);
    expect(fs.readdirSync(temp)).toEqual([]);
  });

  it('refuses a stopped printer, and one refusing jobs, before printing', async () => {
    const stopped = await rejection(driver().submit({ printer: 'Stopped_One', html, template: a6, copies: 1, title: 'x' }));
    expect(stopped.code).toBe('print.printer_stopped');
    expect(stopped.params).toEqual({ printer: 'Stopped_One', reason: 'paused' });
    expect(describeError(t, stopped.toValue())).toBe(
      "L'imprimante Stopped_One est arrêtée (paused) : rien n'a été imprimé. Remettez-la en marche puis réessayez.",
    );

    printing.getPrintersAsync.mockImplementation(async () => [cupsPrinter('Refusing', '3', { 'printer-is-accepting-jobs': 'false' })]);
    const refusing = await rejection(driver().submit({ printer: 'Refusing', html, template: a6, copies: 1, title: 'x' }));
    expect(refusing.code).toBe('print.printer_rejecting');
    expect(printing.print).not.toHaveBeenCalled();
  });

  it('prints one job at a time, in order', async () => {
    const order: string[] = [];
    let open = 0;
    printing.print.mockImplementation((options, callback) => {
      open++;
      expect(open).toBe(1);
      order.push(String(options.copies));
      setTimeout(() => {
        open--;
        callback(true, '');
      }, 5);
    });
    const d = driver();
    await Promise.all([1, 2, 3].map((copies) => d.submit({ printer: 'Brother_QL', html, template: a6, copies, title: 'x' })));
    expect(order).toEqual(['1', '2', '3']);
    // One failure does not block the queue.
    printing.print.mockImplementationOnce((_o, callback) => callback(false, 'failed'));
    const [first, second] = await Promise.allSettled([
      d.submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' }),
      d.submit({ printer: 'Brother_QL', html, template: a6, copies: 1, title: 'x' }),
    ]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
  });
});

describe('PDF', () => {
  it('renders with printToPDF at the page size in inches, background, no margins, CSS page size preferred', async () => {
    const cr80 = loadTemplate('cr80');
    const bytes = await driver().pdf({ html, template: cr80 });
    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF-1.4 fake');
    expect(printing.printToPDF).toHaveBeenCalledTimes(1);
    const options = printing.printToPDF.mock.calls[0]![0] as { pageSize: { width: number; height: number } };
    expect(options).toEqual({
      pageSize: { width: expect.any(Number), height: expect.any(Number) },
      printBackground: true,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      preferCSSPageSize: true,
    });
    expect(options.pageSize.width).toBeCloseTo(cr80.page.width / 25.4, 6);
    expect(options.pageSize.height).toBeCloseTo(cr80.page.height / 25.4, 6);
    expect(FakeBrowserWindow.instances.at(-1)!.destroyed).toBe(true);
    expect(fs.readdirSync(temp)).toEqual([]);
  });
});

describe('the desktop app', () => {
  let desktop: Desktop | null = null;
  afterEach(async () => {
    await desktop?.close(); // the kiosk core as quitting closes it (its sync loop too)
    desktop = null;
  });

  it("prints through Electron: printers:list answers from Electron's printer list", async () => {
    desktop = await startDesktop({ argv: ['/usr/bin/electron', '/app', '--data', tempDir('accueil-desktop-')], env: {}, cwd: '/work', mainDir: '/app/out/main' });
    const ownFrame = { url: pathToFileURL(path.resolve('/app/out/renderer/index.html')).href, parent: null };
    const listed = (await ipcMain.invoke('printers:list', {}, ownFrame)) as { ok: boolean; value: { name: string }[] };
    expect(listed).toMatchObject({ ok: true });
    expect(listed.value.map((p) => p.name)).toEqual(['Brother_QL', 'Stopped_One']);
    expect(printing.getPrintersAsync).toHaveBeenCalled();
    // No hidden window stays behind: closing the kiosk window still quits the app.
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });
});

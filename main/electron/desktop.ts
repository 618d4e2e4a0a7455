import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import type { Database } from '../core/db/open';
import { startKioskCore } from '../core/kiosk-core';
import { applyContentSecurityPolicy } from './csp';
import { installDownloads } from './downloads';
import { registerIpc } from './ipc';
import { KioskLock } from './kiosk-lock';
import { createElectronPrinterDriver } from './printing';
import { hasFlag, resolveDataDir } from './paths';
import { isOwnRendererUrl, rendererLocation } from './renderer-location';
import { hardenAllWebContents, installPermissionHandlers } from './security';
import { describeStartupError, startupLanguage } from './startup-error';
import { createKioskWindow } from './window';

export interface DesktopOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The folder of the built main script (out/main): preload and renderer sit beside it. */
  mainDir: string;
}

export interface Desktop {
  dataDir: string;
  db: Database;
  window: () => BrowserWindow | null;
  /** The full-screen lock that follows the core's roles (closing and quitting refused in staff mode). */
  kioskLock: KioskLock;
  /** What quitting does (the sync loop, printing, the driver, then the database); tests call it. */
  close: () => Promise<void>;
}

/**
 * Wires the kiosk: sandbox, one instance per data folder, hardened web contents, CSP,
 * camera-only permissions, the core behind IPC, and the one window. Returns null when
 * this process must not run (another instance owns the data folder, or startup failed).
 */
export async function startDesktop(options: DesktopOptions): Promise<Desktop | null> {
  let dataDir: string | undefined;
  try {
    return await wire(options, (dir) => (dataDir = dir));
  } catch (error) {
    return fail(error, dataDir);
  }
}

async function wire({ argv, env, cwd, mainDir }: DesktopOptions, announce: (dataDir: string) => void): Promise<Desktop | null> {
  app.enableSandbox();

  const dataDir = resolveDataDir(argv, cwd, () => app.getPath('userData'));
  announce(dataDir);
  // The instance lock lives in userData: pointing it at --data lets two kiosks with two
  // folders run side by side, while a second start on the same folder just focuses the first.
  if (dataDir !== app.getPath('userData')) app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const renderer = rendererLocation({
    rendererDir: path.join(mainDir, '../renderer'),
    devUrl: env.ELECTRON_RENDERER_URL,
    packaged: app.isPackaged,
  });
  const isOwnUrl = (url: string) => isOwnRendererUrl(renderer, url);
  hardenAllWebContents(app, isOwnUrl);

  await app.whenReady();

  // The desktop app prints through Electron (any OS, no lp); browser mode and the CLI keep CUPS.
  const core = startKioskCore({ dataDir, version: app.getVersion(), printer: createElectronPrinterDriver() });
  const { db, services } = core;

  applyContentSecurityPolicy(session.defaultSession);
  installPermissionHandlers(session.defaultSession, isOwnUrl);
  registerIpc(ipcMain, services.handlers, isOwnUrl);

  // With the kiosk lock on (Settings, organiser PIN) the window is held full screen in staff mode.
  const kioskLock = new KioskLock(services.roles, hasFlag(argv, '--kiosk'));
  kioskLock.attachApp(app);
  installDownloads(session.defaultSession, { held: () => kioskLock.held(), folder: () => app.getPath('downloads') });

  let window: BrowserWindow | null = null;
  const open = () => {
    window = createKioskWindow({ preload: path.join(mainDir, '../preload/index.cjs'), kiosk: hasFlag(argv, '--kiosk'), renderer });
    kioskLock.attachWindow(window);
    window.on('closed', () => (window = null));
  };
  open();

  app.on('second-instance', () => {
    if (!window) return open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // macOS keeps the app alive without windows and reopens one from the dock; elsewhere closing the window quits.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Closing waits (a few seconds at most) for a batch page or a badge being printed to reach the
  // ledger: the quit is held, then resumed once the database is closed.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  return { dataDir, db, window: () => window, kioskLock, close: () => core.close() };
}

async function fail(error: unknown, dataDir?: string): Promise<null> {
  await app.whenReady();
  const { title, body } = describeStartupError(error, startupLanguage(app.getLocale()), dataDir);
  console.error(`[accueil] ${title}: ${body}`, error);
  dialog.showErrorBox(title, body);
  app.quit();
  return null;
}

import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import type { RendererLocation } from './renderer-location';

/** Painted before the first frame, so the kiosk never flashes white-on-black while loading. */
export const windowBackground = '#ffffff';

/** Hardened settings, spelled out even where they are Electron's defaults, so a default changing upstream cannot loosen them. */
export function kioskWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function kioskWindowOptions(options: { preload: string; kiosk: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Accueil',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    // --kiosk locks the desk laptop to full screen; without it, a window developers can move.
    kiosk: options.kiosk,
    show: false,
    backgroundColor: windowBackground,
    autoHideMenuBar: true,
    webPreferences: kioskWebPreferences(options.preload),
  };
}

/** Creates the one window, shows it once its first frame is ready and loads our renderer into it. */
export function createKioskWindow(options: { preload: string; kiosk: boolean; renderer: RendererLocation }): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  const loaded = options.renderer.kind === 'url' ? window.loadURL(options.renderer.url) : window.loadFile(options.renderer.file);
  loaded.catch((error: unknown) => console.error('[accueil] cannot load the renderer', error));
  return window;
}

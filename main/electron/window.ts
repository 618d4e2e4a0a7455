import { BrowserWindow } from 'electron';
import type { RendererLocation } from './renderer-location';

/** Painted before the first frame, so the kiosk never flashes while loading. */
export const windowBackground = '#ffffff';

/**
 * Creates the one window, shows it once its first frame is ready and loads our renderer.
 * The options stay one literal, spelled out even where they are Electron's defaults, so a
 * reviewer or a scanner (electronegativity) sees them and an upstream default cannot loosen them.
 */
export function createKioskWindow(options: { preload: string; kiosk: boolean; renderer: RendererLocation }): BrowserWindow {
  const window = new BrowserWindow({
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
    webPreferences: {
      preload: options.preload,
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
      // Middle-click would try to open a link in a new window; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const loaded = options.renderer.kind === 'url' ? window.loadURL(options.renderer.url) : window.loadFile(options.renderer.file);
  loaded.catch((error: unknown) => console.error('[accueil] cannot load the renderer', error));
  return window;
}

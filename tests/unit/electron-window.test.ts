import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { FakeBrowserWindow, resetFakeElectron } from './electron-fakes';
import { createKioskWindow, windowBackground } from '../../main/electron/window';

beforeEach(resetFakeElectron);

const preload = '/app/out/preload/index.cjs';

function created(renderer: Parameters<typeof createKioskWindow>[0]['renderer'], kiosk = false) {
  createKioskWindow({ preload, kiosk, renderer });
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}

describe('the kiosk window', () => {
  it('is created with hardened webPreferences and our preload', () => {
    const window = created({ kind: 'file', file: '/app/out/renderer/index.html' });
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
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
      disableBlinkFeatures: 'Auxclick',
    });
    // The remote module is gone from Electron; nothing may try to bring it back.
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(Object.values(prefs)).not.toContain(undefined);
  });

  it('paints its background and only shows once ready', () => {
    const window = created({ kind: 'file', file: '/app/out/renderer/index.html' });
    expect(window.options).toMatchObject({ show: false, backgroundColor: windowBackground });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('loads the built renderer from its file', () => {
    const window = created({ kind: 'file', file: '/app/out/renderer/index.html' });
    expect(window.loaded).toEqual({ file: '/app/out/renderer/index.html' });
  });

  it("loads electron-vite's dev server in development", () => {
    const window = created({ kind: 'url', url: 'http://localhost:5173' });
    expect(window.loaded).toEqual({ url: 'http://localhost:5173' });
  });

  it('goes full-screen kiosk only when asked', () => {
    expect(created({ kind: 'file', file: '/f' }, true).options.kiosk).toBe(true);
    resetFakeElectron();
    expect(created({ kind: 'file', file: '/f' }, false).options.kiosk).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));
// A spy around the real first-start demo loader, so the test sees the call whatever the demo contains.
vi.mock('../../main/core/demo/demo', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const ensure = real.ensureDemoOnFirstStart as ((...args: unknown[]) => unknown) | undefined;
  return { ...real, ensureDemoOnFirstStart: vi.fn((...args: unknown[]) => ensure?.(...args)) };
});

import { app, dialog, FakeBrowserWindow, fakeEvent, ipcMain, resetFakeElectron, session } from './electron-fakes';
import { tempDir } from '../helpers/temp';
import { startDesktop, type Desktop } from '../../main/electron/desktop';
import { ensureDemoOnFirstStart } from '../../main/core/demo/demo';
import { operations } from '../../main/core/contract';
import { contentSecurityPolicy } from '../../main/electron/csp';
import { databaseFileName, openDataFolder } from '../../main/core/db/open';

const mainDir = path.resolve('/app/out/main');
const ownFrame = { url: pathToFileURL(path.resolve('/app/out/renderer/index.html')).href, parent: null };
let desktop: Desktop | null = null;

function start(...args: string[]) {
  return startDesktop({ argv: ['/usr/bin/electron', '/app', ...args], env: {}, cwd: '/work', mainDir });
}

beforeEach(() => {
  resetFakeElectron();
  vi.mocked(ensureDemoOnFirstStart).mockClear();
});
afterEach(async () => {
  // The whole kiosk core, not only the database: its sync loop would otherwise tick on a closed one.
  await desktop?.close();
  desktop = null;
});

describe('the desktop app', () => {
  it('opens the database in --data DIR, wires the core behind IPC and opens one hardened window', async () => {
    const dir = tempDir('accueil-desktop-');
    desktop = await start('--data', dir);

    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(desktop?.dataDir).toBe(dir);
    expect(fs.existsSync(path.join(dir, databaseFileName))).toBe(true);
    // One instance per data folder: the lock follows --data.
    expect(app.getPath('userData')).toBe(dir);

    expect(ensureDemoOnFirstStart).toHaveBeenCalledWith(desktop?.db, expect.any(Function));
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...operations].sort());
    const info = (await ipcMain.invoke('app:info', {}, ownFrame)) as { ok: true; value: { version: string; event: { attendeeCount: number } | null } };
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    // First start on an empty folder: the demo event is there to scan at once.
    expect(info.value.event?.attendeeCount).toBeGreaterThan(0);

    const ses = session.defaultSession;
    expect(ses.permissionRequestHandler).toBeTypeOf('function');
    expect(ses.permissionCheckHandler).toBeTypeOf('function');
    const callback = vi.fn();
    ses.headersListener?.({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } });

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loaded).toEqual({ file: path.resolve('/app/out/renderer/index.html') });
    expect(window.options.webPreferences).toMatchObject({ preload: path.resolve('/app/out/preload/index.cjs'), sandbox: true, contextIsolation: true });
    const away = fakeEvent({ url: 'https://evil.example/' });
    window.webContents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);
  });

  it("uses Electron's userData folder without --data", async () => {
    const dir = tempDir('accueil-user-data-');
    app.setPath('userData', dir);
    desktop = await start();
    expect(desktop?.dataDir).toBe(dir);
    expect(fs.existsSync(path.join(dir, databaseFileName))).toBe(true);
  });

  it('lets a second instance on the same folder quit and focus the first', async () => {
    desktop = await start('--data', tempDir('accueil-desktop-'));
    app.emit('second-instance');
    expect(FakeBrowserWindow.instances[0]!.focused).toBe(1);

    resetFakeElectron();
    app.gotLock = false;
    expect(await start('--data', tempDir('accueil-desktop-'))).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('quits when the window is closed (except on macOS) and closes the database on quit', async () => {
    desktop = await start('--data', tempDir('accueil-desktop-'));
    FakeBrowserWindow.instances[0]!.close();
    app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(app.quit).toHaveBeenCalled();
    app.quit.mockClear();
    // The quit is held while printing settles and the database closes, then resumed.
    const quitting = fakeEvent();
    app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(desktop?.db.open).toBe(false);
    const again = fakeEvent();
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
    desktop = null;
  });

  it('shows a translated message, not a stack trace, when the database is from a newer version', async () => {
    const dir = tempDir('accueil-desktop-');
    const db = openDataFolder(dir);
    db.pragma('user_version = 9999');
    db.close();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await start('--data', dir)).toBeNull();
    errors.mockRestore();
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, body] = dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Accueil ne peut pas démarrer');
    expect(body).toContain('version plus récente');
    expect(body).toContain(dir);
    expect(body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('speaks English to an English system', async () => {
    app.locale = 'en-GB';
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await start('--data')).toBeNull();
    errors.mockRestore();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Accueil cannot start', '--data needs a folder: --data DIR');
  });
});

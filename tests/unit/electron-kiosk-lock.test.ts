import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { app, FakeBrowserWindow, fakeEvent, ipcMain, resetFakeElectron, session } from './electron-fakes';
import { tempDir } from '../helpers/temp';
import { isLeavingShortcut, KioskLock, type RoleSource } from '../../main/electron/kiosk-lock';
import { startDesktop, type Desktop } from '../../main/electron/desktop';
import { openDataFolder } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';
import type { RoleStatus } from '../../main/core/roles/types';

// The shared fake window has no kiosk calls; these record what the lock asks for.
type KioskWindow = FakeBrowserWindow & { kiosk: boolean; menuBar: boolean | null };
const proto = FakeBrowserWindow.prototype as unknown as Record<string, unknown>;
proto.setKiosk = function (this: KioskWindow, on: boolean) {
  this.kiosk = on;
};
proto.setMenuBarVisibility = function (this: KioskWindow, visible: boolean) {
  this.menuBar = visible;
};

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

class Roles implements RoleSource {
  current: RoleStatus = { mode: 'staff', pinSet: true, lockedUntil: null, attemptsLeft: 5, kioskLock: false };
  private listeners: ((s: RoleStatus) => void)[] = [];
  status(): RoleStatus {
    return this.current;
  }
  onChange(listener: (s: RoleStatus) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  set(patch: Partial<RoleStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l(this.current);
  }
}

/** Presses a key on the window; true when the lock swallowed it. */
function press(window: FakeBrowserWindow, input: ReturnType<typeof key>): boolean {
  const event = fakeEvent();
  window.webContents.emit('before-input-event', event, input);
  return event.defaultPrevented;
}
function tryClose(window: FakeBrowserWindow): boolean {
  const event = fakeEvent();
  window.emit('close', event);
  return event.defaultPrevented;
}
function tryQuit(): boolean {
  const event = fakeEvent();
  app.emit('before-quit', event);
  return event.defaultPrevented;
}

beforeEach(resetFakeElectron);

// The fakes are Electron-shaped at run time; their loose listener types are cast once here.
const lockWindow = (window: FakeBrowserWindow) => window as unknown as Parameters<KioskLock['attachWindow']>[0];
const lockApp = () => app as unknown as Parameters<KioskLock['attachApp']>[0];

describe('leaving shortcuts', () => {
  it('are the ones that close, quit, hide, minimise, leave full screen or open the developer tools', () => {
    for (const input of [key('F4', { alt: true }), key('w', { control: true }), key('q', { meta: true }), key('Q', { control: true }), key('F11'), key('m', { meta: true }), key('h', { meta: true }), key('I', { control: true, shift: true }), key('F12')]) {
      expect(isLeavingShortcut(input), JSON.stringify(input)).toBe(true);
    }
    for (const input of [key('a'), key('w'), key('Enter'), key('F4'), key('1', { control: true }), { ...key('q', { control: true }), type: 'keyUp' as const }]) {
      expect(isLeavingShortcut(input), JSON.stringify(input)).toBe(false);
    }
  });
});

describe('the kiosk lock', () => {
  it('holds the window full screen in staff mode and lets the organiser through', () => {
    const roles = new Roles();
    const lock = new KioskLock(roles);
    lock.attachApp(lockApp());
    const window = new FakeBrowserWindow({}) as KioskWindow;
    lock.attachWindow(lockWindow(window));
    // Off: nothing changes, nothing is refused.
    expect(window.kiosk).toBeUndefined();
    expect([tryClose(window), tryQuit(), press(window, key('F4', { alt: true }))]).toEqual([false, false, false]);

    roles.set({ kioskLock: true });
    expect(window.kiosk).toBe(true);
    expect(window.menuBar).toBe(false);
    expect([tryClose(window), tryQuit(), press(window, key('F4', { alt: true })), press(window, key('w', { control: true })), press(window, key('F11'))]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(press(window, key('a'))).toBe(false); // typing a name still works

    roles.set({ mode: 'organiser' });
    expect(window.kiosk).toBe(true); // still full screen, but the organiser may leave
    expect([tryClose(window), tryQuit(), press(window, key('q', { control: true }))]).toEqual([false, false, false]);

    roles.set({ mode: 'staff' }); // back to staff mode (by hand, or after 10 idle minutes)
    expect(tryClose(window)).toBe(true);

    roles.set({ kioskLock: false });
    expect(window.kiosk).toBe(false);
    expect(tryClose(window)).toBe(false);
    lock.dispose();
  });

  it('keeps a --kiosk window a kiosk when the lock is turned off', () => {
    const roles = new Roles();
    roles.current = { ...roles.current, kioskLock: true };
    const lock = new KioskLock(roles, true);
    const window = new FakeBrowserWindow({}) as KioskWindow;
    lock.attachWindow(lockWindow(window));
    expect(window.kiosk).toBe(true);
    roles.set({ kioskLock: false });
    expect(window.kiosk).toBe(true);
    lock.dispose();
  });
});

describe('the desktop app with the kiosk lock on', () => {
  let desktop: Desktop | null = null;
  afterEach(async () => {
    await desktop?.close();
    desktop = null;
  });

  it('follows the core: locked on start, unlocked by the PIN over IPC, locked again by roles:lock', async () => {
    const dir = tempDir('accueil-kiosk-lock-');
    {
      const db = openDataFolder(dir);
      const services = createServices({ db });
      await services.handlers['roles:setPin']({ pin: '7391' });
      services.handlers['roles:setKioskLock']({ enabled: true });
      await services.shutdown(0);
      db.close();
    }
    const downloads = tempDir('accueil-downloads-');
    app.setPath('downloads', downloads);
    desktop = await startDesktop({ argv: ['/usr/bin/electron', '/app', '--data', dir], env: {}, cwd: '/work', mainDir: path.resolve('/app/out/main') });
    /** Where a file the renderer saves goes: a path chosen here, or null (Electron's save dialog). */
    const download = (name: string): string | null => {
      let chosen: string | null = null;
      session.defaultSession.emit('will-download', fakeEvent(), { getFilename: () => name, setSavePath: (to: string) => (chosen = to) });
      return chosen;
    };
    const frame = { url: pathToFileURL(path.resolve('/app/out/renderer/index.html')).href, parent: null };
    const window = FakeBrowserWindow.instances[0] as KioskWindow;
    expect(window.kiosk).toBe(true);
    expect(desktop?.kioskLock.held()).toBe(true);
    expect([tryClose(window), tryQuit(), press(window, key('q', { control: true }))]).toEqual([true, true, true]);
    // No save dialog (a way out of the kiosk) in staff mode: straight into Downloads.
    expect(download('badges.pdf')).toBe(path.join(downloads, 'badges.pdf'));

    expect(await ipcMain.invoke('roles:unlock', { pin: '0000' }, frame)).toMatchObject({ ok: false, code: 'role.pin_wrong' });
    expect(tryClose(window)).toBe(true);
    expect(await ipcMain.invoke('roles:unlock', { pin: '7391' }, frame)).toMatchObject({ ok: true, value: { mode: 'organiser' } });
    expect([tryClose(window), tryQuit()]).toEqual([false, false]);
    expect(download('presence.xlsx')).toBeNull();
    await ipcMain.invoke('roles:lock', {}, frame);
    expect(tryQuit()).toBe(true);

    await ipcMain.invoke('roles:unlock', { pin: '7391' }, frame);
    await ipcMain.invoke('roles:setKioskLock', { enabled: false }, frame);
    expect(window.kiosk).toBe(false);
    await ipcMain.invoke('roles:lock', {}, frame);
    expect([tryClose(window), tryQuit()]).toEqual([false, false]);
  }, 60_000);
});

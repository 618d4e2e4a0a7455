/**
 * A stand-in for the 'electron' module, just large enough for the glue in main/electron
 * and preload/. Tests load it with `vi.mock('electron', () => import('./electron-fakes'))`
 * so the real module (which would try to download a binary) is never imported.
 */
import os from 'node:os';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron event: preventDefault is all the glue uses. */
export function fakeEvent<T extends Record<string, unknown>>(extra: T = {} as T) {
  return {
    defaultPrevented: false,
    preventDefault(this: { defaultPrevented: boolean }) {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

type PrintCallback = (success: boolean, failureReason: string) => void;

/** Printing as the fake web contents do it; tests replace the implementations (`mockImplementation`). */
export const printing = {
  getPrintersAsync: vi.fn(async (): Promise<unknown[]> => []),
  print: vi.fn((_options: Record<string, unknown>, callback: PrintCallback): void => callback(true, '')),
  printToPDF: vi.fn(async (_options: Record<string, unknown>): Promise<Buffer> => Buffer.from('%PDF-1.4 fake')),
  executeJavaScript: vi.fn(async (_code: string): Promise<unknown> => 'loaded'),
  reset(): void {
    this.executeJavaScript.mockReset().mockImplementation(async () => 'loaded');
    this.getPrintersAsync.mockReset().mockImplementation(async () => []);
    this.print.mockReset().mockImplementation((_options, callback) => callback(true, ''));
    this.printToPDF.mockReset().mockImplementation(async () => Buffer.from('%PDF-1.4 fake'));
  },
};

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** The window holding these contents (set by FakeBrowserWindow). */
  owner: FakeBrowserWindow | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getPrintersAsync(): Promise<unknown[]> {
    return printing.getPrintersAsync.call(this);
  }
  print(options: Record<string, unknown>, callback: PrintCallback): void {
    printing.print.call(this, options, callback);
  }
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    return printing.printToPDF.call(this, options);
  }
  executeJavaScript(code: string): Promise<unknown> {
    return printing.executeJavaScript.call(this, code);
  }
  isDestroyed(): boolean {
    return this.owner?.destroyed ?? false;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } | null = null;
  visible = false;
  destroyed = false;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    this.webContents.owner = this;
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file };
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeApp extends Emitter {
  paths = new Map<string, string>();
  gotLock = true;
  isPackaged = false;
  locale = 'fr-FR';
  constructor() {
    super();
    this.reset();
  }
  reset(): void {
    this.listeners.clear();
    this.paths = new Map([
      ['userData', '/nonexistent/accueil-user-data'],
      ['temp', os.tmpdir()],
    ]);
    this.gotLock = true;
    this.isPackaged = false;
    this.locale = 'fr-FR';
    this.enableSandbox.mockClear();
    this.quit.mockClear();
    this.requestSingleInstanceLock.mockClear();
  }
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  getPath(name: string): string {
    const found = this.paths.get(name);
    if (!found) throw new Error(`no fake path ${name}`);
    return found;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '9.9.9';
  }
  getLocale(): string {
    return this.locale;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as a renderer frame at `url` would (parent null = top frame). */
  async invoke(channel: string, input: unknown, frame: { url: string; parent: unknown } | null): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame, sender: {} }, input);
  }
}

class FakeSession extends Emitter {
  headersListener: Listener | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: Listener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const session = { defaultSession: new FakeSession() };
export const BrowserWindow = FakeBrowserWindow;
export const dialog = { showErrorBox: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn() };

/** Fresh fakes between tests; the objects stay the same, since the code under test holds them. */
export function resetFakeElectron(): void {
  app.reset();
  ipcMain.handlers.clear();
  session.defaultSession = new FakeSession();
  FakeBrowserWindow.instances = [];
  dialog.showErrorBox.mockReset();
  contextBridge.exposeInMainWorld.mockReset();
  ipcRenderer.invoke.mockReset();
  printing.reset();
}

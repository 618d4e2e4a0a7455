import type { App, BrowserWindow, Event, Input } from 'electron';
import type { RoleStatus } from '../core/roles/types';

/** What the lock needs of the core's roles (services.roles): its state and its changes. */
export interface RoleSource {
  status(): RoleStatus;
  onChange(listener: (status: RoleStatus) => void): () => void;
}

type LockWindow = Pick<BrowserWindow, 'setKiosk' | 'setMenuBarVisibility' | 'isDestroyed'> & {
  on(event: 'close', listener: (event: Event) => void): unknown;
  webContents: { on(event: 'before-input-event', listener: (event: Event, input: Input) => void): unknown };
};

/**
 * Key presses that would take the desk out of the kiosk: closing the window or the app, minimising
 * or hiding it, leaving full screen, the developer tools. Alt+Tab and Ctrl+Alt+Del are the
 * operating system's and never reach the window (a locked-down OS account handles those).
 */
export function isLeavingShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (key === 'f4' && (input.alt || input.control)) return true;
  if (key === 'f11' || key === 'f12') return true;
  if (command && ['w', 'q', 'm', 'h', 'n', 't'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}

/**
 * The full-screen kiosk lock of the desktop app (issue 6), following the core's roles: while the
 * kiosk lock is on the window is a full-screen kiosk with no menu; while it is on AND the desk is
 * in staff mode, closing the window, quitting and the leaving shortcuts are refused, so a
 * volunteer cannot leave without the organiser PIN. Organiser mode (the PIN) lets them through.
 */
export class KioskLock {
  private status: RoleStatus;
  private readonly windows = new Set<LockWindow>();
  private readonly unsubscribe: () => void;

  constructor(
    roles: RoleSource,
    /** The window was asked for as a kiosk (--kiosk): turning the lock off leaves it so. */
    private readonly forcedKiosk = false,
  ) {
    this.status = roles.status();
    this.unsubscribe = roles.onChange((status) => this.apply(status));
  }

  /** Closing, quitting and the leaving shortcuts are refused now. */
  held(): boolean {
    return this.status.kioskLock && this.status.mode !== 'organiser';
  }

  attachWindow(window: LockWindow): void {
    this.windows.add(window);
    window.on('close', (event) => {
      if (this.held()) event.preventDefault();
    });
    window.webContents.on('before-input-event', (event, input) => {
      if (this.held() && isLeavingShortcut(input)) event.preventDefault();
    });
    if (this.status.kioskLock) this.fullScreen(window, true);
  }

  /** Once per app: a quit from the menu, the dock or Cmd+Q is refused while held. */
  attachApp(app: Pick<App, 'on'>): void {
    app.on('before-quit', (event: Event) => {
      if (this.held()) event.preventDefault();
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.windows.clear();
  }

  private apply(status: RoleStatus): void {
    const wasLocked = this.status.kioskLock;
    this.status = status;
    if (status.kioskLock === wasLocked) return;
    for (const window of this.windows) {
      if (window.isDestroyed()) this.windows.delete(window);
      else this.fullScreen(window, status.kioskLock);
    }
  }

  private fullScreen(window: LockWindow, on: boolean): void {
    window.setKiosk(on || this.forcedKiosk);
    // Off, the menu bar goes back to auto-hiding (the window's option), not to always shown.
    if (on) window.setMenuBarVisibility(false);
  }
}

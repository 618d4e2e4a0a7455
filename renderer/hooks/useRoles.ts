/**
 * Staff and organiser modes as the interface sees them. The core decides (PIN, lock-out, the
 * fall back to staff after idle time); the interface only re-reads `roles:status`, hides
 * nothing it has not been told to, and asks for the PIN when an organiser screen is opened.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { RoleStatus } from '../../main/core/roles/types';
import { api } from '../api';
import type { Screen } from './useAppState';

/** Screens for organisers (issue 6: import, settings, exports, dashboard); the rest is staff work. */
export const organiserScreens: ReadonlySet<Screen> = new Set<Screen>(['dashboard', 'exports', 'settings', 'import']);

/** The screen staff land on when organiser mode ends under them. */
const staffHome: Screen = 'search';

/** How often the mode is re-read while nobody touches the kiosk: the core may have fallen back to staff. */
const pollMs = 15_000;
/** A touch or a key re-reads it too, at most this often (the first touch after a pause sees the right mode). */
const touchRereadMs = 3_000;

export interface PinRequest {
  /** Runs once the PIN is accepted (e.g. opens the screen that asked for it). */
  onUnlocked?: () => void;
}

export interface Roles {
  /** Null until the first answer of the core. */
  status: RoleStatus | null;
  /** True when organiser-only screens and actions are closed (a PIN is set and not given). */
  staff: boolean;
  /** Whether `screen` is closed in the current mode. */
  locked(screen: Screen): boolean;
  /** Opens a screen, or asks for the PIN first when it is an organiser screen. */
  go(screen: Screen): void;
  /** Opens the PIN dialog (from the header, a locked screen or an action the core refused). */
  requestOrganiser(request?: PinRequest): void;
  pinRequest: PinRequest | null;
  closePinDialog(): void;
  /** Back to staff mode. */
  lock(): Promise<void>;
  refresh(): Promise<RoleStatus | null>;
  /** A status the core just answered (unlock, setPin…): taken as is, no second round trip. */
  accept(status: RoleStatus): void;
  /** Set when the mode just fell back to staff under an organiser screen, for the header to say so. */
  fellBack: boolean;
}

export const RolesContext = createContext<Roles | null>(null);

export function useRoles(): Roles {
  const roles = useContext(RolesContext);
  if (!roles) throw new Error('useRoles outside <RolesContext.Provider>');
  return roles;
}

/** For shared components that also render outside the shell (e.g. the startup error). */
export function useOptionalRoles(): Roles | null {
  return useContext(RolesContext);
}

/** The roles state of the shell: App.tsx calls it once with its current screen. */
export function useRoleState(screen: Screen, navigate: (screen: Screen) => void): Roles {
  const [status, setStatus] = useState<RoleStatus | null>(null);
  const [pinRequest, setPinRequest] = useState<PinRequest | null>(null);
  const [fellBack, setFellBack] = useState(false);
  const lastRead = useRef(0);

  const refresh = useCallback(async () => {
    lastRead.current = Date.now();
    const result = await api()['roles:status']({});
    if (!result.ok) return null;
    setStatus(result.value);
    return result.value;
  }, []);

  const accept = useCallback((next: RoleStatus) => {
    setStatus(next);
    if (next.mode === 'organiser') setFellBack(false);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), pollMs);
    const onTouch = () => {
      if (Date.now() - lastRead.current >= touchRereadMs) void refresh();
    };
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('pointerdown', onTouch, true);
    window.addEventListener('keydown', onTouch, true);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pointerdown', onTouch, true);
      window.removeEventListener('keydown', onTouch, true);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const staff = status?.mode === 'staff';
  const locked = useCallback((target: Screen) => staff && organiserScreens.has(target), [staff]);

  // Organiser mode ended (PIN-less idle fallback, "Verrouiller" elsewhere): leave the organiser screen.
  useEffect(() => {
    if (staff && organiserScreens.has(screen)) {
      setFellBack(true);
      navigate(staffHome);
    }
  }, [staff, screen, navigate]);

  const requestOrganiser = useCallback((request: PinRequest = {}) => setPinRequest(request), []);
  const closePinDialog = useCallback(() => setPinRequest(null), []);

  const go = useCallback(
    (target: Screen) => {
      setFellBack(false);
      if (!locked(target)) {
        navigate(target);
        return;
      }
      requestOrganiser({ onUnlocked: () => navigate(target) });
    },
    [locked, navigate, requestOrganiser],
  );

  const lock = useCallback(async () => {
    const result = await api()['roles:lock']({});
    if (result.ok) {
      setFellBack(false);
      setStatus(result.value);
      if (result.value.mode === 'staff' && organiserScreens.has(screen)) navigate(staffHome);
    } else await refresh();
  }, [navigate, refresh, screen]);

  return useMemo(
    () => ({ status, staff, locked, go, requestOrganiser, pinRequest, closePinDialog, lock, refresh, accept, fellBack }),
    [status, staff, locked, go, requestOrganiser, pinRequest, closePinDialog, lock, refresh, accept, fellBack],
  );
}

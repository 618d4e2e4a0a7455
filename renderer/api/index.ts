/**
 * `window.accueil` is the renderer's only door to the core. In Electron the preload defines it;
 * in browser mode (npm run dev:web, Playwright) this module installs the HTTP implementation,
 * with the per-run token the bridge put in the URL fragment.
 */
import type { Api } from '../../main/core/contract';
import { createHttpApi } from './http';

type AccueilWindow = Window & { accueil?: Api };

const tokenStorageKey = 'accueil.bridgeToken';

/** Reads `#token=…`, keeps it for reloads of this tab, and removes it from the address bar. */
function takeTokenFromLocation(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(tokenStorageKey, token);
    fragment.delete('token');
    const rest = fragment.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    return token;
  }
  return sessionStorage.getItem(tokenStorageKey);
}

/** Installs the HTTP Api when no preload provided one. Returns which transport is in use. */
export function installApi(): 'preload' | 'http' {
  const target = window as AccueilWindow;
  if (target.accueil) return 'preload';
  const api = createHttpApi(window.location.origin, takeTokenFromLocation() ?? '');
  Object.defineProperty(window, 'accueil', { value: api, writable: false, configurable: false, enumerable: true });
  return 'http';
}

export function api(): Api {
  const accueil = (window as AccueilWindow).accueil;
  if (!accueil) throw new Error('window.accueil is not installed: call installApi() first.');
  return accueil;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the window's one and only page comes from. */
export type RendererLocation = { kind: 'file'; file: string } | { kind: 'url'; url: string };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The built renderer, or electron-vite's dev server while developing. The dev URL is
 * honoured only in an unpackaged app and only on loopback: an inherited environment
 * variable must never make the kiosk load remote content.
 */
export function rendererLocation(options: { rendererDir: string; devUrl?: string; packaged: boolean }): RendererLocation {
  const { rendererDir, devUrl, packaged } = options;
  if (devUrl && !packaged && isLoopbackHttpUrl(devUrl)) return { kind: 'url', url: devUrl };
  return { kind: 'file', file: path.resolve(rendererDir, 'index.html') };
}

function isLoopbackHttpUrl(text: string): boolean {
  const url = parseUrl(text);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && loopbackHosts.has(url.hostname);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  // Windows paths compare case-insensitively; Chromium may change a drive letter's case.
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Whether a URL is our renderer: the same index.html (any query or hash, as client-side
 * routing uses them), or any page of the dev server's origin. Used to allow navigation,
 * to trust IPC senders and to grant the camera.
 */
export function isOwnRendererUrl(location: RendererLocation, text: string): boolean {
  const url = parseUrl(text);
  if (!url) return false;
  if (location.kind === 'url') {
    const own = parseUrl(location.url);
    return own !== null && url.origin === own.origin;
  }
  if (url.protocol !== 'file:') return false;
  url.search = '';
  url.hash = '';
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    return false; // e.g. a UNC host on POSIX
  }
  return samePath(path.resolve(file), location.file);
}

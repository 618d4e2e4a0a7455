import type { Session } from 'electron';

/**
 * The renderer's Content-Security-Policy. The same string is sent as a response header
 * (see applyContentSecurityPolicy) and written in renderer/index.html's meta tag: the
 * header covers http(s) loads in development, the meta tag covers file:// loads, which
 * carry no headers. Keep both identical; tests/unit/electron-csp.test.ts compares them.
 */
export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the QR decoder (zxing-wasm, shipped with the app) compile its
  // WebAssembly; it allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // React and i18n-driven layouts set inline style attributes; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // mediastream: lets the scanner show the camera feed.
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');

type Headers = Record<string, string[] | string>;

/** Returns the headers with any CSP the server sent replaced by ours (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Headers | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}

/** Stamps the policy on every response the session receives, whatever the server said. */
export function applyContentSecurityPolicy(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { resetFakeElectron, session } from './electron-fakes';
import { applyContentSecurityPolicy, contentSecurityPolicy, withContentSecurityPolicy } from '../../main/electron/csp';

const root = path.resolve(import.meta.dirname, '../..');

beforeEach(resetFakeElectron);

describe('Content-Security-Policy', () => {
  it('is the strict policy the kiosk promises', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy).not.toMatch(/(?<!wasm-)unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('is stamped on every response, replacing whatever CSP the server sent', () => {
    const ses = session.defaultSession;
    applyContentSecurityPolicy(ses as never);
    const callback = vi.fn();
    ses.headersListener?.(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });

  it('copes with a response without headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it("matches the meta tag of the renderer's index.html (file:// loads carry no headers)", () => {
    const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const content = [...html.matchAll(/<meta\b[^>]*>/gi)]
      .map(([tag]) => tag)
      .filter((tag) => /http-equiv\s*=\s*["']content-security-policy["']/i.test(tag))
      .map((tag) => /content\s*=\s*"([^"]*)"/i.exec(tag)?.[1]);
    expect(content, 'renderer/index.html needs one <meta http-equiv="Content-Security-Policy" content="...">').toEqual([contentSecurityPolicy]);
  });
});

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeTokenHeader } from '../../main/core/contract';
import { openDataFolder } from '../../main/core/db/open';
import { createServices, type Services } from '../../main/core/services';
import type { ImportPreview } from '../../main/core/types';
import { startBridge, type Bridge } from '../../main/bridge/server';
import { contentSecurityPolicy } from '../../main/electron/csp';
import { fromWire, toWire } from '../../main/bridge/wire';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bridge-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The real core on a fresh SQLite file in a temp folder. */
function realCore(): Services {
  const db = openDataFolder(tempDir());
  cleanups.push(() => void db.close());
  return createServices({ db });
}

async function bridgeFor(services: Pick<Services, 'handlers'>, staticDir?: string): Promise<Bridge> {
  const bridge = await startBridge({ services, staticDir });
  cleanups.push(() => bridge.close());
  return bridge;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  text: string;
}

/** node:http rather than fetch: it lets a test forge Host and Origin like a hostile page would. */
function request(bridge: Bridge, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: bridge.port, method, path: urlPath, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          try {
            parsed = fromWire(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function call(bridge: Bridge, operation: string, input: unknown, headers: Record<string, string> = { [bridgeTokenHeader]: bridge.token }) {
  return request(bridge, 'POST', `/api/${operation}`, toWire(input), headers);
}

async function language(bridge: Bridge): Promise<unknown> {
  const reply = await call(bridge, 'app:info', {});
  return (reply.body as { value: { language: string } }).value.language;
}

describe('the loopback HTTP bridge', () => {
  it('runs a call that carries the token, through the real core', async () => {
    const bridge = await bridgeFor(realCore());
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.appUrl).toBe(`${bridge.url}#token=${bridge.token}`);
    const info = await call(bridge, 'app:info', {});
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ ok: true, value: { language: 'fr', event: null } });

    const set = await call(bridge, 'settings:setLanguage', { language: 'en' });
    expect(set.body).toEqual({ ok: true, value: { language: 'en' } });
    expect(await language(bridge)).toBe('en');
  });

  it('generates a long random token per run', async () => {
    const core = realCore();
    const a = await bridgeFor(core);
    const b = await bridgeFor(core);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('refuses a call without the token, and nothing runs', async () => {
    const bridge = await bridgeFor(realCore());
    const reply = await call(bridge, 'settings:setLanguage', { language: 'en' }, {});
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ ok: false, code: 'bridge.unauthorized' });
    expect(await language(bridge)).toBe('fr');
  });

  it('refuses a wrong token (even one of the right length), and nothing runs', async () => {
    const bridge = await bridgeFor(realCore());
    const wrong = bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A');
    for (const token of [wrong, 'short', '']) {
      const reply = await call(bridge, 'settings:setLanguage', { language: 'en' }, { [bridgeTokenHeader]: token });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ ok: false, code: 'bridge.unauthorized' });
    }
    expect(await language(bridge)).toBe('fr');
  });

  it('returns invalid input as an error value from the contract', async () => {
    const bridge = await bridgeFor(realCore());
    const reply = await call(bridge, 'settings:setLanguage', { language: 'de' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, code: 'invalid_input', params: { field: 'language' } });
    const extra = await call(bridge, 'app:info', { sneaky: true });
    expect(extra.body).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('answers an unknown operation with 404 and an error value', async () => {
    const bridge = await bridgeFor(realCore());
    const reply = await call(bridge, 'system:exec', {});
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('turns malformed JSON into an error value, not a crash', async () => {
    const bridge = await bridgeFor(realCore());
    const reply = await request(bridge, 'POST', '/api/app:info', '{"oops', { [bridgeTokenHeader]: bridge.token });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, code: 'invalid_input' });
    expect((await call(bridge, 'app:info', {})).status).toBe(200);
  });

  it('delivers file bytes to the core intact', async () => {
    const core = realCore();
    let received: unknown;
    const preview: ImportPreview = {
      fileName: 'x.csv', format: 'csv', encoding: 'utf-8', delimiter: ';', rowCount: 0, columns: [], sample: [], warnings: [],
    };
    const handlers = { ...core.handlers, 'import:preview': (input: unknown) => ((received = input), preview) };
    const bridge = await bridgeFor({ handlers });
    const data = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    const reply = await call(bridge, 'import:preview', { fileName: 'inscrits.csv', data });
    expect(reply.body).toEqual({ ok: true, value: preview });
    const got = received as { fileName: string; data: Uint8Array };
    expect(got.fileName).toBe('inscrits.csv');
    expect(got.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(got.data)).toEqual(Array.from(data));
  });

  it('refuses a foreign Origin (a page on another site), and nothing runs', async () => {
    const bridge = await bridgeFor(realCore());
    const headers = { [bridgeTokenHeader]: bridge.token, origin: 'http://evil.example' };
    const reply = await call(bridge, 'settings:setLanguage', { language: 'en' }, headers);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ ok: false, code: 'bridge.forbidden' });
    expect(await language(bridge)).toBe('fr');
    const own = await call(bridge, 'app:info', {}, { [bridgeTokenHeader]: bridge.token, origin: bridge.url.slice(0, -1) });
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const bridge = await bridgeFor(realCore());
    for (const host of [`evil.example:${bridge.port}`, `localhost.evil.example:${bridge.port}`, '127.0.0.1']) {
      const reply = await call(bridge, 'app:info', {}, { [bridgeTokenHeader]: bridge.token, host });
      expect(reply.status).toBe(403);
    }
  });

  it('only ever binds to 127.0.0.1', async () => {
    const services = realCore();
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10', '::1']) {
      await expect(startBridge({ services, host })).rejects.toThrow(/127\.0\.0\.1/);
    }
    const bridge = await bridgeFor(services);
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
  });

  it('serves the real renderer page with the Electron CSP in its meta tag', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy);
  });

  it('serves the built renderer at /, and says so plainly when it is not built', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Accueil</title>');
    const built = await bridgeFor(realCore(), dir);
    const page = await request(built, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Accueil</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-frame-options']).toBe('DENY');

    const missing = await bridgeFor(realCore(), path.join(dir, 'nowhere'));
    const reply = await request(missing, 'GET', '/');
    expect(reply.status).toBe(503);
    expect(reply.text).toMatch(/npm run build/);
  });
});

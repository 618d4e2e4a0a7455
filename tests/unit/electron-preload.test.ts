import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { contextBridge, ipcRenderer } from './electron-fakes';
import { operations } from '../../main/core/contract';

const root = path.resolve(import.meta.dirname, '../..');
let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('../../preload/index');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(name).toBe('accueil');
  exposed = api;
});

describe('preload', () => {
  it('exposes window.accueil with exactly one function per operation and nothing else', () => {
    expect(Object.keys(exposed).sort()).toEqual([...operations].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('ipcRenderer');
  });

  it('turns each call into an invoke on the channel named after the operation', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: [] });
    const search = exposed['attendees:search'] as (input: unknown) => Promise<unknown>;
    expect(await search({ text: 'dijon' })).toEqual({ ok: true, value: [] });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('attendees:search', { text: 'dijon' });
  });

  it('resolves with an error value when the hop itself fails', async () => {
    ipcRenderer.invoke.mockRejectedValue(new Error("No handler registered for 'app:info'"));
    const info = exposed['app:info'] as (input: unknown) => Promise<unknown>;
    expect(await info({})).toEqual({ ok: false, code: 'internal', message: "No handler registered for 'app:info'" });
  });

  it('exposes nothing but the API: one exposeInMainWorld, and no Node built-in imported', () => {
    const sources = ['preload/index.ts', 'preload/api.ts'].map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
    for (const text of sources) {
      expect(text).not.toMatch(/from\s+['"]node:|require\(/);
      expect(text).not.toMatch(/exposeInIsolatedWorld|exposeInMainWorld\([^'"]*['"](?!accueil)/);
    }
    expect(sources.join('\n').match(/exposeInMainWorld\(/g)).toHaveLength(1);
  });

  it('declares window.accueil for the renderer, which includes the declaration', () => {
    const declaration = fs.readFileSync(path.join(root, 'preload/accueil.d.ts'), 'utf8');
    expect(declaration).toMatch(/accueil:\s*Api/);
    const web = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.web.json'), 'utf8')) as { include: string[] };
    expect(web.include).toContain('preload/accueil.d.ts');
  });
});

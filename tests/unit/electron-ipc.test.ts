import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { ipcMain, resetFakeElectron } from './electron-fakes';
import { tempDir } from '../helpers/temp';
import { registerIpc } from '../../main/electron/ipc';
import { isOwnRendererUrl, rendererLocation } from '../../main/electron/renderer-location';
import { operations, type Handlers } from '../../main/core/contract';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';

const renderer = rendererLocation({ rendererDir: path.resolve('/app/out/renderer'), packaged: false });
const isOwnUrl = (url: string) => isOwnRendererUrl(renderer, url);
const ownFrame = { url: `${pathToFileURL(path.resolve('/app/out/renderer/index.html')).href}#/search`, parent: null };

let db: Database | undefined;

function withRealCore(): void {
  db = openDataFolder(tempDir('accueil-ipc-'));
  registerIpc(ipcMain as never, createServices({ db, version: '1.2.3' }).handlers, isOwnUrl);
}

/** A handlers table that records calls, for tests that are about the hop and not the core. */
function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(operations.map((op) => [op, () => (calls.push(op), {})])) as unknown as Handlers;
  return { handlers, calls };
}

beforeEach(resetFakeElectron);
afterEach(() => {
  db?.close();
  db = undefined;
});

describe('IPC', () => {
  it('registers exactly one handler per contract operation, named after it, and nothing else', () => {
    const { channels } = registerIpc(ipcMain as never, recordingHandlers().handlers, isOwnUrl);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...operations].sort());
    expect(channels.sort()).toEqual([...operations].sort());
    expect(new Set(channels).size).toBe(operations.length);
  });

  it('can be disposed, freeing every channel', () => {
    const { dispose } = registerIpc(ipcMain as never, recordingHandlers().handlers, isOwnUrl);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('validates input before the core sees it', async () => {
    const { handlers, calls } = recordingHandlers();
    registerIpc(ipcMain as never, handlers, isOwnUrl);
    for (const bad of [{ text: 42 }, { text: 'x', limit: 0 }, { text: 'x', extra: true }, 'a string', [1, 2]]) {
      const result = await ipcMain.invoke('attendees:search', bad, ownFrame);
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, code: 'invalid_input' });
    }
    expect(await ipcMain.invoke('settings:setLanguage', { language: 'de' }, ownFrame)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(calls).toEqual([]);
  });

  it('lets a valid call reach the real core and its SQLite database', async () => {
    withRealCore();
    expect(await ipcMain.invoke('settings:setLanguage', { language: 'en' }, ownFrame)).toEqual({ ok: true, value: { language: 'en' } });
    const info = await ipcMain.invoke('app:info', {}, ownFrame);
    expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', language: 'en', event: null } });
    expect(await ipcMain.invoke('events:list', {}, ownFrame)).toEqual({ ok: true, value: [] });
    expect(await ipcMain.invoke('attendees:search', { text: 'francois' }, ownFrame)).toEqual({ ok: true, value: [] });
  });

  it('returns a DomainError as a value with its stable code', async () => {
    withRealCore();
    expect(await ipcMain.invoke('events:select', { id: 'no-such-event' }, ownFrame)).toMatchObject({
      ok: false,
      code: 'event.not_found',
      params: { id: 'no-such-event' },
    });
    expect(await ipcMain.invoke('attendees:get', { id: 'nobody' }, ownFrame)).toMatchObject({ ok: false, code: 'attendee.not_found' });
  });

  it('returns an unexpected failure as an internal error value, never a rejection', async () => {
    const { handlers } = recordingHandlers();
    handlers['app:info'] = () => {
      throw new Error('disk on fire');
    };
    registerIpc(ipcMain as never, handlers, isOwnUrl);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await ipcMain.invoke('app:info', {}, ownFrame)).toMatchObject({ ok: false, code: 'internal', message: 'disk on fire' });
  });

  it.each([
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: pathToFileURL('/tmp/evil.html').href, parent: null }],
    ['a sub-frame of our page', { url: ownFrame.url, parent: { url: ownFrame.url } }],
    ['a frame that is gone', null],
  ])('refuses a call from %s', async (_label, frame) => {
    const { handlers, calls } = recordingHandlers();
    registerIpc(ipcMain as never, handlers, isOwnUrl);
    expect(await ipcMain.invoke('app:info', {}, frame)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(calls).toEqual([]);
  });
});

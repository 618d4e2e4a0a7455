import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { dataDirFromArgv, hasFlag, resolveDataDir } from '../../main/electron/paths';
import { isOwnRendererUrl, rendererLocation } from '../../main/electron/renderer-location';
import { DomainError } from '../../main/core/errors';

const userData = () => '/home/desk/.config/accueil';

describe('--data DIR', () => {
  it('is honoured after the Electron and app paths, as a separate or =-joined value', () => {
    expect(resolveDataDir(['/usr/bin/electron', 'out/main/index.js', '--data', '/srv/kiosk1'], '/work', userData)).toBe('/srv/kiosk1');
    expect(resolveDataDir(['/opt/Accueil/accueil', '--data=/srv/kiosk2'], '/work', userData)).toBe('/srv/kiosk2');
  });

  it('resolves a relative folder against the working directory', () => {
    expect(dataDirFromArgv(['electron', '.', '--data', 'desk-2'], '/work/main')).toBe(path.resolve('/work/main', 'desk-2'));
  });

  it("falls back to Electron's userData folder", () => {
    expect(resolveDataDir(['electron', '.', '--kiosk'], '/work', userData)).toBe('/home/desk/.config/accueil');
  });

  it('ignores anything after --', () => {
    expect(dataDirFromArgv(['electron', '.', '--', '--data', '/x'], '/work')).toBeUndefined();
  });

  it('refuses --data without a folder with a usage error', () => {
    expect(() => dataDirFromArgv(['electron', '.', '--data'], '/w')).toThrow(DomainError);
    expect(() => dataDirFromArgv(['electron', '.', '--data', '--kiosk'], '/w')).toThrow(/--data DIR/);
    expect(() => dataDirFromArgv(['electron', '.', '--data='], '/w')).toThrow(/--data DIR/);
  });

  it('finds bare flags', () => {
    expect(hasFlag(['electron', '.', '--kiosk'], '--kiosk')).toBe(true);
    expect(hasFlag(['electron', '.'], '--kiosk')).toBe(false);
    expect(hasFlag(['electron', '.', '--', '--kiosk'], '--kiosk')).toBe(false);
  });
});

describe('renderer location', () => {
  const rendererDir = path.resolve('/app/out/renderer');
  const index = path.join(rendererDir, 'index.html');

  it('is the built index.html by default', () => {
    expect(rendererLocation({ rendererDir, packaged: false })).toEqual({ kind: 'file', file: index });
  });

  it("is electron-vite's dev server when it says so", () => {
    expect(rendererLocation({ rendererDir, devUrl: 'http://localhost:5173', packaged: false })).toEqual({ kind: 'url', url: 'http://localhost:5173' });
  });

  it('never loads a dev URL in a packaged app, nor a non-loopback one', () => {
    expect(rendererLocation({ rendererDir, devUrl: 'http://localhost:5173', packaged: true }).kind).toBe('file');
    expect(rendererLocation({ rendererDir, devUrl: 'https://evil.example/', packaged: false }).kind).toBe('file');
    expect(rendererLocation({ rendererDir, devUrl: 'file:///etc/passwd', packaged: false }).kind).toBe('file');
  });

  it('recognises our own file with any hash or query, and nothing else', () => {
    const own = rendererLocation({ rendererDir, packaged: false });
    const url = pathToFileURL(index).href;
    expect(isOwnRendererUrl(own, url)).toBe(true);
    expect(isOwnRendererUrl(own, `${url}#/search?q=x`)).toBe(true);
    expect(isOwnRendererUrl(own, `${url}?lang=en`)).toBe(true);
    expect(isOwnRendererUrl(own, pathToFileURL(path.join(rendererDir, 'other.html')).href)).toBe(false);
    expect(isOwnRendererUrl(own, pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isOwnRendererUrl(own, `file:///app/out/renderer/../renderer/index.html`)).toBe(true);
    expect(isOwnRendererUrl(own, 'https://evil.example/index.html')).toBe(false);
    expect(isOwnRendererUrl(own, 'not a url')).toBe(false);
  });

  it('recognises the dev server by origin', () => {
    const dev = rendererLocation({ rendererDir, devUrl: 'http://localhost:5173/', packaged: false });
    expect(isOwnRendererUrl(dev, 'http://localhost:5173/#/scan')).toBe(true);
    expect(isOwnRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isOwnRendererUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isOwnRendererUrl(dev, pathToFileURL(index).href)).toBe(false);
  });
});

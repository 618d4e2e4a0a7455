import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fakes'));

import { app, fakeEvent, FakeWebContents, resetFakeElectron, session } from './electron-fakes';
import { hardenAllWebContents, hardenWebContents, installPermissionHandlers } from '../../main/electron/security';

const own = 'file:///app/out/renderer/index.html';
const isOwnUrl = (url: string) => url.split('#')[0] === own;

beforeEach(resetFakeElectron);

describe('permissions: the camera and nothing else', () => {
  function request(permission: string, details: Record<string, unknown>): boolean {
    const ses = session.defaultSession;
    installPermissionHandlers(ses as never, isOwnUrl);
    let granted: boolean | undefined;
    ses.permissionRequestHandler?.({}, permission, (answer: boolean) => (granted = answer), { isMainFrame: true, requestingUrl: own, ...details });
    if (granted === undefined) throw new Error('the request handler never answered');
    return granted;
  }

  function check(permission: string, details: Record<string, unknown>): boolean {
    const ses = session.defaultSession;
    installPermissionHandlers(ses as never, isOwnUrl);
    return ses.permissionCheckHandler?.(null, permission, 'file:///', { isMainFrame: true, requestingUrl: own, ...details }) as boolean;
  }

  it('grants a camera request from our renderer', () => {
    expect(request('media', { mediaTypes: ['video'] })).toBe(true);
    expect(check('media', { mediaType: 'video' })).toBe(true);
  });

  it('refuses the microphone, alone or with the camera', () => {
    expect(request('media', { mediaTypes: ['audio'] })).toBe(false);
    expect(request('media', { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(request('media', { mediaTypes: [] })).toBe(false);
    expect(request('media', {})).toBe(false);
    expect(check('media', { mediaType: 'audio' })).toBe(false);
    expect(check('media', { mediaType: 'unknown' })).toBe(false);
  });

  it('refuses the camera to any other page', () => {
    expect(request('media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check('media', { mediaType: 'video', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check('media', { mediaType: 'video', requestingUrl: undefined })).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'midi',
    'midiSysex',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'idle-detection',
    'window-management',
    'unknown',
  ])('refuses %s', (permission) => {
    expect(request(permission, { mediaTypes: ['video'] })).toBe(false);
    expect(check(permission, { mediaType: 'video' })).toBe(false);
  });

  it('refuses every device (HID, USB, serial)', () => {
    installPermissionHandlers(session.defaultSession as never, isOwnUrl);
    expect(session.defaultSession.devicePermissionHandler?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});

describe('web contents stay on our page', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, isOwnUrl);
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another page is prevented', (name) => {
    const contents = hardened();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const event = fakeEvent({ url });
      contents.emit(name, event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('a reload of our own page is allowed', () => {
    const contents = hardened();
    const event = fakeEvent({ url: `${own}#/search` });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(false);
  });

  it('window.open is denied, whatever the URL', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: own })).toEqual({ action: 'deny' });
  });

  it('a <webview> is never attached', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('applies to every web contents the app creates', () => {
    hardenAllWebContents(app as never, isOwnUrl);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.count('will-navigate')).toBe(1);
    expect(contents.windowOpenHandler?.({ url: own })).toEqual({ action: 'deny' });
  });
});

import type { App, Session, WebContents } from 'electron';

type PermissionDetails = { mediaTypes?: ReadonlyArray<'video' | 'audio'>; requestingUrl?: string };
type CheckDetails = { mediaType?: 'video' | 'audio' | 'unknown'; requestingUrl?: string };

/**
 * The kiosk needs one permission: the camera, to scan QR codes. Microphone, screen
 * capture, geolocation, notifications, devices, everything else: no. A request must come
 * from our own renderer.
 */
export function isCameraRequest(permission: string, details: PermissionDetails, isOwnUrl: (url: string) => boolean): boolean {
  const media = details.mediaTypes ?? [];
  return (
    permission === 'media' &&
    media.length > 0 &&
    media.every((type) => type === 'video') &&
    typeof details.requestingUrl === 'string' &&
    isOwnUrl(details.requestingUrl)
  );
}

/** The synchronous counterpart Chromium asks before or instead of a request (e.g. enumerating cameras). */
export function isCameraCheck(permission: string, details: CheckDetails, isOwnUrl: (url: string) => boolean): boolean {
  return (
    permission === 'media' &&
    details.mediaType === 'video' &&
    typeof details.requestingUrl === 'string' &&
    isOwnUrl(details.requestingUrl)
  );
}

export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  isOwnUrl: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isCameraRequest(permission, details as PermissionDetails, isOwnUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => isCameraCheck(permission, details, isOwnUrl));
  // WebHID/WebUSB/Web Serial: printers are driven from main, never from the page.
  session.setDevicePermissionHandler(() => false);
}

/**
 * Every web contents (our window, and anything that might sneak in) stays on our page:
 * no navigation elsewhere, no new windows, no <webview>.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, isOwnUrl: (url: string) => boolean): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isOwnUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stayHome(event, event.url));
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event) => stayHome(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies hardenWebContents to every web contents the app ever creates. */
export function hardenAllWebContents(app: Pick<App, 'on'>, isOwnUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnUrl));
}

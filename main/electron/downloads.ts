import fs from 'node:fs';
import path from 'node:path';
import type { DownloadItem, Session } from 'electron';

/** What the download handler needs of a download (Electron's DownloadItem). */
export type Download = Pick<DownloadItem, 'getFilename' | 'setSavePath'>;

export interface DownloadOptions {
  /** The kiosk lock holds the window (staff mode): no system dialog may open. */
  held(): boolean;
  /** Where files go without a dialog (the user's Downloads folder). */
  folder(): string;
}

/**
 * Files the renderer saves (exports, badge PDFs, the audit log, QR codes) arrive as downloads.
 * With the kiosk lock held, Electron's save dialog would be a door out of the kiosk (a file
 * dialog browses, opens and runs what the machine holds): the file goes straight into the
 * Downloads folder under a name that overwrites nothing. Otherwise the organiser chooses where,
 * in the usual dialog. Chromium writes a download to a temporary name and renames it when complete.
 */
export function installDownloads(session: Pick<Session, 'on'>, options: DownloadOptions): void {
  session.on('will-download', (_event, item) => {
    if (options.held()) item.setSavePath(freePath(options.folder(), item.getFilename()));
  });
}

/** `name` in `folder`, or "name (2).ext", "name (3).ext"… when taken; the folder is created. */
export function freePath(folder: string, name: string): string {
  fs.mkdirSync(folder, { recursive: true });
  // Only the last path segment: a name from the page never leaves the folder.
  const safe = path.basename(name.replace(/\\/g, '/')) || 'accueil';
  const { name: stem, ext } = path.parse(safe);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? safe : `${stem} (${n})${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

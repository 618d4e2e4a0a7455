/**
 * Export files appear whole or not at all: the writer streams into a temporary name beside the
 * target (same folder, so same file system and an atomic rename), the data is flushed to the
 * disk (fsync), then the file is renamed over the target and the folder entry flushed too. On
 * any error (missing or read-only folder, disk full, a failing producer) the temporary file
 * is removed and the target is left as it was; the error says what happened in words.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { DomainError } from '../errors';

export interface WrittenFile {
  file: string;
  bytes: number;
}

/** Runs `produce` on a stream into a temporary file, which it must end; then moves it into place. */
export async function writeFileAtomically(target: string, produce: (out: Writable) => Promise<unknown>): Promise<WrittenFile> {
  const file = path.resolve(target);
  const folder = path.dirname(file);
  await checkFolder(folder, file);
  const temp = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
  let out: fs.WriteStream | undefined;
  try {
    out = fs.createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    const opened = once(out, 'open');
    await opened;
    await produce(out);
    if (!out.closed) await once(out, 'close');
    if (out.errored) throw out.errored;
    const bytes = out.bytesWritten;
    await flushToDisk(temp);
    await fsp.rename(temp, file);
    await flushFolder(folder);
    return { file, bytes };
  } catch (error) {
    out?.destroy();
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(error, file);
  }
}

async function checkFolder(folder: string, file: string): Promise<void> {
  const stat = await fsp.stat(folder).catch((error: NodeJS.ErrnoException) => {
    throw fileError(error, file);
  });
  if (!stat.isDirectory()) throw fileError(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), file);
  const existing = await fsp.stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw fileError(Object.assign(new Error('a folder has this name'), { code: 'EISDIR' }), file);
}

async function flushToDisk(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The rename itself survives a power cut only once the folder is flushed; not every system can (Windows). */
async function flushFolder(folder: string): Promise<void> {
  const handle = await fsp.open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/** A file-system failure as a DomainError the organiser can act on. */
export function fileError(error: unknown, file: string): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const folder = path.dirname(file);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new DomainError('export.folder_missing', `The folder ${folder} does not exist.`, { folder, file });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DomainError('export.folder_read_only', `Cannot write to the folder ${folder} (${code}).`, { folder, file });
    case 'ENOSPC':
    case 'EDQUOT':
      return new DomainError('export.disk_full', `The disk is full: ${file} was not written.`, { folder, file });
    default: {
      const reason = code || (error instanceof Error ? error.message : String(error));
      return new DomainError('export.write_failed', `Cannot write ${file} (${reason}).`, { folder, file, reason });
    }
  }
}

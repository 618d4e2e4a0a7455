import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import anyAscii from 'any-ascii';
import { DomainError } from '../errors';
import { qrImage } from './qr';

/** Writes beside the target then renames: a reader never sees half a file under the final name. */
export async function writeFileAtomic(file: string, data: Buffer | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new DomainError('qr.write_failed', `Cannot write ${file}: ${(error as Error).message}.`, {
      path: file,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    });
  }
}

export interface ExportPerson {
  id: string;
  honorific: string;
  firstName: string;
  lastName: string;
  email: string;
  token: string;
}

/** "Nguyễn Thị Lan" → "nguyen-thi-lan": file names every mail client and file system accepts. */
export function fileSlug(person: Pick<ExportPerson, 'firstName' | 'lastName'>): string {
  const slug = anyAscii(`${person.lastName} ${person.firstName}`)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'attendee';
}

/** One CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvFileName = 'codes.csv';
export const csvHeader = ['attendee_id', 'honorific', 'first_name', 'last_name', 'email', 'file', 'token'];

/**
 * One QR image per person plus `codes.csv` for mail merge (UTF-8 with BOM, which Excel and
 * Word need to read accents). The CSV is written last and atomically: if anything fails on
 * the way, the folder holds no list claiming to be complete.
 */
export async function exportQrFolder(folder: string, people: ExportPerson[], format: 'png' | 'svg'): Promise<{ count: number; folder: string; csv: string }> {
  const dir = path.resolve(folder);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new DomainError('qr.write_failed', `Cannot create ${dir}: ${(error as Error).message}.`, {
      path: dir,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    });
  }
  const csvPath = path.join(dir, csvFileName);
  // A previous complete list must not stand for this run's files if this run fails half-way.
  await fs.rm(csvPath, { force: true });
  const used = new Set<string>();
  const lines = [csvHeader.join(',')];
  for (const person of people) {
    let name = `${fileSlug(person)}-${person.id.slice(0, 8)}.${format}`;
    for (let n = 2; used.has(name); n++) name = `${fileSlug(person)}-${person.id.slice(0, 8)}-${n}.${format}`;
    used.add(name);
    await writeFileAtomic(path.join(dir, name), await qrImage(person.token, format));
    lines.push([person.id, person.honorific, person.firstName, person.lastName, person.email, name, person.token].map(cell).join(','));
  }
  await writeFileAtomic(csvPath, `\ufeff${lines.join('\r\n')}\r\n`);
  return { count: people.length, folder: dir, csv: csvPath };
}

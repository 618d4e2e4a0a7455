import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { tempDir } from '../helpers/temp';
import { exportDesk, withCheckins, type ExportDesk } from './export-fixture';

const mounted: string[] = [];

/** A real tmpfs at `dir` (root can mount here; elsewhere the tests that need one say so and skip). */
function mountTmpfs(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir], { stdio: 'ignore' });
});

const canMount = (() => {
  const probe = fs.mkdtempSync(path.join(tempDir('accueil-mount-probe-'), 'p'));
  const ok = mountTmpfs(probe, 'size=16k');
  if (ok) execFileSync('umount', [mounted.pop()!]);
  return ok;
})();

/** A folder's names, temporary files included. */
const listing = (dir: string) => fs.readdirSync(dir).sort();

/** 600 more people, so that an export outgrows a tiny disk. */
function crowd(d: ExportDesk): void {
  const attendees = new Attendees(d.db);
  const insert = d.db.transaction(() => {
    for (let i = 0; i < 600; i += 1) {
      attendees.insert({ eventId: d.eventId, firstName: `Prénom ${i}`, lastName: `Nguyễn Văn ${i}`, organisation: `Collectivité ${i}`, country: 'Viêt Nam' });
    }
  });
  insert();
}

describe('export files', () => {
  it('streams CSV and XLSX into files under a temporary name, then renames them, replacing an older export', async () => {
    const d = await exportDesk();
    await withCheckins(d);
    const dir = tempDir();
    const csv = path.join(dir, 'presence.csv');
    fs.writeFileSync(csv, 'an older export');
    const written = await d.call('export:attendanceFile', { format: 'csv', separator: ';', file: csv });
    expect(written).toMatchObject({ file: csv, format: 'csv', rows: 8, bytes: fs.statSync(csv).size });
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^\ufeffCivilité;Nom;/);
    const xlsx = path.join(dir, 'presence.xlsx');
    expect(await d.call('export:attendanceFile', { format: 'xlsx', file: xlsx })).toMatchObject({ rows: 8 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets).toHaveLength(7);
    expect(listing(dir)).toEqual(['presence.csv', 'presence.xlsx']);
    const audit = d.db.prepare("SELECT details FROM audit_log WHERE action = 'export.attendance'").pluck().all() as string[];
    expect(audit.map((details) => JSON.parse(details) as { to: string; rows: number })).toEqual([
      expect.objectContaining({ format: 'csv', to: 'file', rows: 8 }),
      expect.objectContaining({ format: 'xlsx', to: 'file', rows: 8 }),
    ]);
    expect(audit.join()).not.toContain(dir); // the path may name a person (a home folder)
  });

  it('says a folder does not exist, and creates nothing', async () => {
    const d = await exportDesk();
    const dir = tempDir();
    const error = await d.fail('export:attendanceFile', { format: 'csv', file: path.join(dir, 'nope', 'presence.csv') });
    expect(error).toMatchObject({ code: 'export.folder_missing', params: { folder: path.join(dir, 'nope') } });
    expect(listing(dir)).toEqual([]);
  });

  it('says a folder is read-only, and leaves the older export as it was', async () => {
    const d = await exportDesk();
    const dir = tempDir();
    const file = path.join(dir, 'presence.xlsx');
    // Root writes through permission bits: a file system mounted read-only is what stops it.
    const mount = mountTmpfs(dir, 'size=64k');
    fs.writeFileSync(file, 'an older export');
    if (mount) execFileSync('mount', ['-o', 'remount,ro', dir]);
    else fs.chmodSync(dir, 0o555);
    try {
      for (const format of ['csv', 'xlsx'] as const) {
        expect(await d.fail('export:attendanceFile', { format, file })).toMatchObject({ code: 'export.folder_read_only', params: { folder: dir } });
      }
      expect(listing(dir)).toEqual(['presence.xlsx']);
      expect(fs.readFileSync(file, 'utf8')).toBe('an older export');
    } finally {
      if (!mount) fs.chmodSync(dir, 0o755);
    }
  });

  it.skipIf(!canMount)('on a full disk (a real 32 KiB tmpfs), says so, leaves no partial file and keeps the older export', async () => {
    const d = await exportDesk();
    crowd(d);
    await withCheckins(d);
    const dir = tempDir();
    expect(mountTmpfs(dir, 'size=32k')).toBe(true);
    const older = path.join(dir, 'presence.csv');
    fs.writeFileSync(older, 'an older export');
    for (const [format, file] of [['csv', older], ['xlsx', path.join(dir, 'presence.xlsx')]] as const) {
      const error = await d.fail('export:attendanceFile', { format, file });
      expect(error).toMatchObject({ code: 'export.disk_full', params: { file } });
    }
    expect(listing(dir)).toEqual(['presence.csv']);
    expect(fs.readFileSync(older, 'utf8')).toBe('an older export');
    // Nothing was recorded as exported, and the same export fits elsewhere.
    expect(d.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export.attendance'").pluck().get()).toBe(0);
    const elsewhere = await d.call('export:attendanceFile', { format: 'xlsx', file: path.join(tempDir(), 'presence.xlsx') });
    expect(elsewhere.rows).toBe(608);
    expect(elsewhere.bytes).toBeGreaterThan(32 * 1024);
  });
});

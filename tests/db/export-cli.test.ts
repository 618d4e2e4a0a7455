import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openDataFolder } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const arrivals = [demoFixtures.rebsamen, demoFixtures.nguyen, demoFixtures.chinese, demoFixtures.apostrophe].map(demoAttendeeId);

/** The demo event with four people checked in through the CLI. */
async function demoData(): Promise<string> {
  const data = tempDir();
  expect((await cli('--data', data, 'demo')).code).toBe(0);
  for (const id of arrivals) expect((await cli('--data', data, 'checkin', id)).code).toBe(0);
  return data;
}

/** Every valid demo attendee's "last first", as the database holds them. */
function expectedNames(data: string): string[] {
  const db = openDataFolder(data);
  try {
    return db.prepare("SELECT last_name || ' ' || first_name FROM attendees WHERE status = 'valid'").pluck().all() as string[];
  } finally {
    db.close();
  }
}

function checkinDay(data: string): string {
  const db = openDataFolder(data);
  try {
    return db.prepare('SELECT day FROM checkins LIMIT 1').pluck().get() as string;
  } finally {
    db.close();
  }
}

describe('accueil export', () => {
  it('writes the demo event’s workbook with every name intact, whatever its script', async () => {
    const data = await demoData();
    const out = path.join(tempDir(), 'présence.xlsx');
    const run = await cli('--data', data, 'export', '--format', 'xlsx', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const names = expectedNames(data);
    expect(run.stdout).toContain(`${names.length} participant(s) exporté(s) dans ${out}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const participants = book.getWorksheet('Participants')!;
    const listed: string[] = [];
    participants.eachRow((row, n) => {
      if (n > 1) listed.push(`${String(row.getCell(2).value)} ${String(row.getCell(3).value)}`);
    });
    expect(listed).toHaveLength(names.length);
    expect([...listed].sort()).toEqual([...names].sort());
    // Beyond Latin-1: the demo's Vietnamese, Chinese, Arabic, Cyrillic… names come back as stored.
    expect(listed.some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
    expect(listed.some((name) => /[ạ-ỹ]/u.test(name))).toBe(true);
    let present = 0;
    book.getWorksheet('Par jour')!.eachRow((_, n) => void (n > 1 && (present += 1)));
    expect(present).toBe(arrivals.length);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['présence.xlsx']);
  });

  it("writes a French-Excel CSV of one day with --day and --separator ';', and JSON with --json", async () => {
    const data = await demoData();
    const out = path.join(tempDir(), 'jour.csv');
    const day = checkinDay(data);
    const run = await cli('--data', data, '--json', 'export', '--format', 'csv', '--day', day, '--separator', ';', '--out', out);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ file: out, format: 'csv', rows: arrivals.length });
    const rows = parse(fs.readFileSync(out), { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(1 + arrivals.length);
    expect(rows[0]!.slice(0, 3)).toEqual(['Civilité', 'Nom', 'Prénom']);
  });

  it('fails with a message and an exit code, leaving nothing behind', async () => {
    const data = await demoData();
    const dir = tempDir();
    const missing = await cli('--data', data, 'export', '--format', 'csv', '--out', path.join(dir, 'absent', 'x.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("n'existe pas");
    const english = await cli('--data', data, '--lang', 'en', 'export', '--format', 'xlsx', '--out', path.join(dir, 'absent', 'x.xlsx'));
    expect(english.stderr).toContain('does not exist');
    expect((await cli('--data', data, 'export', '--format', 'docx', '--out', path.join(dir, 'x.docx'))).code).toBe(2);
    expect((await cli('--data', data, 'export', '--format', 'csv', '--separator', '|', '--out', path.join(dir, 'x.csv'))).code).toBe(2);
    expect((await cli('--data', data, 'export', '--format', 'csv')).code).toBe(2);
    const badDay = await cli('--data', data, 'export', '--format', 'csv', '--day', '1999-01-01', '--out', path.join(dir, 'x.csv'));
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toContain('1999-01-01');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('writes the feuille d’émargement of a day as a PDF (read back by pdftotext)', async () => {
    const data = await demoData();
    const day = checkinDay(data);
    const out = path.join(tempDir(), 'emargement.pdf');
    const run = await cli('--data', data, '--json', 'export', '--format', 'pdf', '--day', day, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/rebsamen/i);
    expect(run.json()).toMatchObject({ file: out, format: 'pdf' });
  });
});

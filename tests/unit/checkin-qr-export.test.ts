import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFileName, exportQrFolder, fileSlug, type ExportPerson } from '../../main/core/checkin/qr-export';
import { tempDir } from '../helpers/temp';

const person = (id: string, firstName: string, lastName: string, extra: Partial<ExportPerson> = {}): ExportPerson => ({
  id,
  honorific: '',
  firstName,
  lastName,
  email: '',
  token: `AC1:${id.replace(/-/g, '').toUpperCase()}`,
  ...extra,
});

const people = [
  person('11111111-1111-4111-8111-111111111111', 'Thị Thu Hà', 'Nguyễn', { email: 'ha@example.vn' }),
  person('22222222-2222-4222-8222-222222222222', 'Fang', '王'),
  person('33333333-3333-4333-8333-333333333333', '=HYPERLINK("x")', 'O"Brien, Jr', { honorific: 'Dr' }),
];

describe('QR export', () => {
  it('names files in plain ASCII, unique per attendee', () => {
    expect(fileSlug({ firstName: 'Thị Thu Hà', lastName: 'Nguyễn' })).toBe('nguyen-thi-thu-ha');
    expect(fileSlug({ firstName: '', lastName: '' })).toBe('attendee');
  });

  it('writes one image per person and a BOM-prefixed CSV whose cells spreadsheets will not execute', async () => {
    const dir = path.join(tempDir(), 'out');
    const report = await exportQrFolder(dir, people, 'svg');
    expect(report.count).toBe(3);
    const csv = fs.readFileSync(report.csv, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('attendee_id,honorific,first_name,last_name,email,file,token');
    expect(lines[1]).toBe(`${people[0]!.id},,Thị Thu Hà,Nguyễn,ha@example.vn,nguyen-thi-thu-ha-11111111.svg,${people[0]!.token}`);
    expect(lines[2]).toContain(',Fang,王,,wang-fang-22222222.svg,');
    expect(lines[3]).toContain(`,Dr,"'=HYPERLINK(""x"")","O""Brien, Jr",`);
    expect(fs.readdirSync(dir).sort()).toEqual([csvFileName, 'nguyen-thi-thu-ha-11111111.svg', 'o-brien-jr-hyperlink-x-33333333.svg', 'wang-fang-22222222.svg'].sort());
  });

  it('leaves no list presented as complete when a file cannot be written', async () => {
    const dir = path.join(tempDir(), 'out');
    await exportQrFolder(dir, people, 'png'); // a complete earlier run
    // The second person's image cannot be replaced: a folder stands where the file goes.
    fs.rmSync(path.join(dir, 'wang-fang-22222222.png'));
    fs.mkdirSync(path.join(dir, 'wang-fang-22222222.png'));
    fs.writeFileSync(path.join(dir, 'wang-fang-22222222.png', 'keep'), 'x');
    await expect(exportQrFolder(dir, people, 'png')).rejects.toMatchObject({ code: 'qr.write_failed' });
    expect(fs.existsSync(path.join(dir, csvFileName))).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

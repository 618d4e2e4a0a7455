/**
 * The XLSX writer serialises data rows itself (SheetRows) instead of going through exceljs's
 * Row and Cell objects: every part of the workbook must be byte for byte what exceljs writes
 * for the same values (text with XML entities and forbidden control characters, numbers,
 * nulls, rows of nulls only, many columns).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { VenueClock } from '../../main/core/exports/venue-time';
import { InstantTexts, SheetRows } from '../../main/core/exports/xlsx';

type Value = string | number | null;

function sample(seed: number, rows: number, columns: number): Value[][] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const texts = ['Rebsamen', 'Nguyễn Thị', '<b>&"\'</b>', "'=1+1", 'a\u0001b\u0008c\u000bd\u001fe\u007ff', 'tab\tline\nret\r', '', '伟 Łukasz', '2023-09-18 09:14'];
  return Array.from({ length: rows }, (_, r) =>
    r % 17 === 5
      ? Array.from({ length: columns }, () => null)
      : Array.from({ length: columns }, () => {
          const roll = next();
          if (roll < 0.2) return null;
          if (roll < 0.35) return Math.floor(next() * 5000) - 100;
          if (roll < 0.4) return next() * 10;
          return texts[Math.floor(next() * texts.length)]!;
        }),
  );
}

async function workbook(rows: Value[][], columns: number, direct: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => out.on('end', resolve));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  book.created = new Date('2023-09-19T16:00:00Z');
  book.modified = book.created;
  for (const name of ['One', 'Two']) {
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = Array.from({ length: columns }, (_, i) => ({ key: `c${i}`, width: 10 + i }));
    sheet.addRow(Array.from({ length: columns }, (_, i) => `H${i}`)).commit();
    if (direct) {
      const writer = new SheetRows(columns, sheet);
      rows.forEach((row, i) => {
        writer.add(row);
        if (i % 7 === 0) writer.flush();
      });
      writer.flush();
    } else {
      for (const row of rows) sheet.addRow(row).commit();
    }
    sheet.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}

async function parts(file: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) out[name] = await zip.files[name]!.async('string');
  return out;
}

describe('XLSX data rows written directly', () => {
  it.each([
    [3, 1],
    [60, 7],
    [200, 30],
  ])('%i rows of %i columns: every part identical to exceljs rows', async (rowCount, columns) => {
    const rows = sample(rowCount * columns, rowCount, columns);
    const [direct, reference] = await Promise.all([workbook(rows, columns, true), workbook(rows, columns, false)]);
    const [a, b] = await Promise.all([parts(direct), parts(reference)]);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const name of Object.keys(b)) expect(a[name], name).toBe(b[name]);
    expect(a['xl/worksheets/sheet1.xml']).toContain('<row r="2"');
  });

  it('a row longer than the byte buffer, between short ones, in order', async () => {
    const long = `${'Nguyễn Thị Ngọc Ánh '.repeat(6_000)}<&>`;
    const rows: Value[][] = [['a', 1, null], [long, 2, 'b'], ['c', null, long], ['d', 4, 'e']];
    const [direct, reference] = await Promise.all([workbook(rows, 3, true), workbook(rows, 3, false)]);
    const [a, b] = await Promise.all([parts(direct), parts(reference)]);
    for (const name of Object.keys(b)) expect(a[name], name).toBe(b[name]);
  });
});

describe('venue times cached by the minute', () => {
  it('reads as VenueClock.format for every spelling, across the daylight-saving changes', () => {
    for (const zone of ['Europe/Paris', 'Asia/Kolkata', 'America/St_Johns', 'UTC']) {
      const clock = new VenueClock(zone);
      const cached = new InstantTexts(clock);
      const spellings = (ms: number) => {
        const iso = new Date(ms).toISOString();
        return [iso, iso.slice(0, 19) + 'Z', iso.slice(0, 16) + 'Z', iso.replace('Z', '+00:00'), iso.slice(0, 10)];
      };
      // Every 7 minutes 13 seconds around the spring and autumn changes of 2023, twice each (cold, then cached).
      for (const start of [Date.UTC(2023, 2, 25, 12), Date.UTC(2023, 9, 28, 12), Date.UTC(2023, 8, 18, 0)]) {
        for (let ms = start; ms < start + 36 * 3_600_000; ms += 433_000) {
          for (const iso of [...spellings(ms), ...spellings(ms)]) expect(cached.format(iso), `${zone} ${iso}`).toBe(clock.format(iso));
        }
      }
      for (const odd of ['', 'not a time', '2023-09-18T25:00:00.000Z', '2023-09-18T24:00:00.000Z']) expect(cached.format(odd), odd).toBe(clock.format(odd));
    }
  });
});

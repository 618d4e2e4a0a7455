/**
 * The attendance workbook through exceljs's streaming writer: each row is committed as it is
 * written and never kept, no shared-strings table (it would hold every name until the end),
 * and the producer waits whenever the file falls behind, so memory stays flat whatever the
 * number of attendees. Text cells are neutralised like the CSV's.
 *
 * No styles: exceljs looks every cell's style up (half of the CPU time at 100,000 attendees,
 * measured by bench:export), so times are written as the venue's "YYYY-MM-DD HH:MM" text, as in
 * the CSV (it sorts as it reads), rather than as formatted Excel date-times.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell } from './neutralise';
import type { Table } from './tables';
import type { VenueClock } from './venue-time';

/** Rows written between two turns of the event loop (lets the zip and the file catch up). */
const batch = 200;

export interface XlsxOptions {
  clock: VenueClock;
  title: string;
  created: Date;
}

/** Writes the workbook to `out` (and ends it); resolves with the number of data rows of each sheet. */
export async function writeXlsx(tables: Table[], out: Writable, options: XlsxOptions): Promise<number[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Accueil';
  workbook.title = options.title;
  workbook.created = options.created;
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined); // observed by the race below
  const counts: number[] = [];
  const instants = new InstantTexts(options.clock);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column, i) => ({ key: `c${i}`, width: column.width }));
    sheet.addRow(table.columns.map((column) => neutraliseCell(column.header))).commit();
    const sheetRows = new SheetRows(table.columns.length, sheet);
    let rows = 0;
    for (const row of table.rows()) {
      sheetRows.add(
        table.columns.map((column) => {
          const value = column.value(row);
          if (column.kind === 'count') return Number(value);
          if (column.kind === 'instant') return value === '' ? null : instants.format(String(value));
          const text = String(value);
          return text === '' ? null : neutraliseCell(text); // no empty string cells: nothing to store
        }),
      );
      rows += 1;
      if (rows % batch === 0) {
        sheetRows.flush();
        await Promise.race([catchUp(out), failed]);
      }
    }
    sheetRows.flush();
    sheet.commit();
    counts.push(rows);
  }
  await Promise.race([workbook.commit(), failed]);
  return counts;
}

async function catchUp(out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (out.writableNeedDrain) await once(out, 'drain');
}

/** The XML of one cell value, as exceljs writes it without shared strings or styles. */
type CellValue = string | number | null;

/** Bytes of rows handed to the sheet's part at a time (a batch of rows fits). */
const chunkBytes = 256 * 1024;

/**
 * Data rows serialised straight into the worksheet's part, byte for byte what exceljs's
 * Row/Cell/xform path writes for these values (an inline "str" cell per text, a plain <v> per
 * number, nothing for null, no row when every cell is null, the row number consumed anyway):
 * building a Row and a Cell object per value and rendering them through the xforms was the
 * largest part of the export's CPU time. tests/unit/export-xlsx-rows.test.ts compares both.
 * The header row still goes through exceljs, which opens <sheetData> with the columns first.
 */
export class SheetRows {
  private readonly letters: string[];
  private readonly spans: string;
  private readonly stream: { write(data: Buffer): unknown };
  private next: number;
  // Rows are encoded into bytes one at a time as they come. A string of many rows joined by
  // += is a rope that Buffer.from has to flatten before encoding it: that was the largest
  // single cost left in the export (3.6 s of a profiled run at 100,000 attendees).
  private buffer = Buffer.allocUnsafe(chunkBytes);
  private used = 0;

  constructor(columns: number, sheet: ExcelJS.Worksheet) {
    this.letters = Array.from({ length: columns }, (_, i) => columnLetters(i + 1));
    this.spans = `1:${columns}`;
    // exceljs's WorksheetWriter exposes its part's stream (not in its typings) and numbers rows
    // from `_rowZero` once the previous ones are committed: both read, only the stream written to.
    const writer = sheet as unknown as { stream: { write(data: Buffer): unknown }; _rowZero: number };
    this.stream = writer.stream;
    this.next = writer._rowZero;
  }

  add(values: CellValue[]): void {
    const r = this.next++;
    let cells = '';
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      cells +=
        typeof value === 'number'
          ? `<c r="${this.letters[i]}${r}"><v>${xmlEncode(String(value))}</v></c>`
          : `<c r="${this.letters[i]}${r}" t="str"><v>${xmlEncode(value)}</v></c>`;
    }
    if (cells === '') return;
    const line = `<row r="${r}" spans="${this.spans}" x14ac:dyDescent="0.25">${cells}</row>`;
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (this.used + line.length * 3 > this.buffer.length) {
      this.flush();
      if (line.length * 3 > this.buffer.length) {
        this.stream.write(Buffer.from(line, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
  }

  flush(): void {
    if (this.used === 0) return;
    // The part's stream keeps the buffer it is given (no copy): the next rows go to a new one.
    this.stream.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(chunkBytes);
    this.used = 0;
  }
}

function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

// exceljs's utils.xmlEncode: the five entities escaped, characters XML 1.0 forbids dropped.
const xmlSpecial = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
function xmlEncode(text: string): string {
  const found = xmlSpecial.exec(text);
  if (!found) return text;
  let result = '';
  let last = 0;
  for (let i = found.index; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let escape: string;
    if (code === 34) escape = '&quot;';
    else if (code === 38) escape = '&amp;';
    else if (code === 39) escape = '&apos;';
    else if (code === 60) escape = '&lt;';
    else if (code === 62) escape = '&gt;';
    else if (code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))) escape = '';
    else continue;
    result += text.substring(last, i) + escape;
    last = i + 1;
  }
  return result + text.substring(last);
}

/**
 * Venue times by the minute they name: check-in instants repeat the same few thousand minutes,
 * and VenueClock.format only reads an instant to the minute (a UTC ISO time's first 16
 * characters; other spellings are formatted as they come).
 */
export class InstantTexts {
  private readonly byMinute = new Map<string, string>();
  constructor(private readonly clock: VenueClock) {}

  format(iso: string): string {
    if (!utcIso.test(iso)) return this.clock.format(iso);
    const minute = iso.slice(0, 16);
    let text = this.byMinute.get(minute);
    if (text === undefined) {
      text = this.clock.format(`${minute}:00.000Z`);
      this.byMinute.set(minute, text);
    }
    return text;
  }
}

const utcIso = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{3})?)?Z$/;

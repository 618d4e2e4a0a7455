/**
 * A file → one table: named columns and numbered data rows, whatever the format. Reading
 * is asynchronous (XLSX is a zip); everything after it is synchronous, so the database
 * work can be one better-sqlite3 transaction.
 */
import { DomainError } from '../../errors';
import type { ImportNotice } from '../../types';
import { sniff } from './decode';
import { autoMap } from './headers';
import { cleanCell } from './normalise';
import { notice } from './notices';
import { detectDelimiter, parseCsv } from './parse-csv';
import { parseXlsx } from './parse-xlsx';

export interface ImportFile {
  fileName: string;
  data: Uint8Array;
}

export interface TableRow {
  /** The row number a spreadsheet shows (header row included, title lines too). */
  row: number;
  cells: string[];
}

export interface ImportTable {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  delimiter: string | null;
  sheet?: string;
  headerRow: number;
  columns: string[];
  /** Non-blank data rows, raw cells (cleaning happens per field). */
  rows: TableRow[];
  notices: ImportNotice[];
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

export async function readImportFile(file: ImportFile): Promise<ImportTable> {
  const { fileName, data } = file;
  const sniffed = sniff(fileName, data);
  let records: string[][];
  let format: 'csv' | 'xlsx';
  let encoding: string;
  let delimiter: string | null;
  let sheet: string | undefined;
  const notices: ImportNotice[] = [];
  if (sniffed.kind === 'xlsx') {
    const parsed = await parseXlsx(fileName, data);
    records = parsed.rows;
    notices.push(...parsed.notices);
    format = 'xlsx';
    encoding = 'XLSX';
    delimiter = null;
    sheet = parsed.sheet;
  } else {
    notices.push(...sniffed.notices);
    const detected = detectDelimiter(sniffed.text);
    records = parseCsv(fileName, sniffed.text, detected);
    format = 'csv';
    encoding = sniffed.encoding;
    delimiter = detected;
  }
  return tableOf(fileName, records, { format, encoding, delimiter, sheet, notices });
}

function tableOf(
  fileName: string,
  records: string[][],
  meta: Pick<ImportTable, 'format' | 'encoding' | 'delimiter' | 'sheet' | 'notices'>,
): ImportTable {
  const headerIndex = findHeader(records);
  if (headerIndex === -1) throw new DomainError('import.empty_file', `${fileName} has no data.`, { file: fileName });
  const header = records[headerIndex]!;
  if (header.filter((cell) => cell.trim() !== '').length === 0) {
    throw new DomainError('import.no_header', `${fileName} has no header row.`, { file: fileName });
  }
  const notices = [...meta.notices];
  const columns = columnNames(header, notices);
  if (headerIndex > 0) {
    notices.push(
      notice('notice.header_not_first_row', `The column names were found on row ${headerIndex + 1}; the rows above were skipped.`, {
        row: headerIndex + 1,
      }),
    );
  }

  const rows: TableRow[] = [];
  let overflowing = 0;
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (isBlank(cells)) continue;
    if (cells.length > columns.length && !isBlank(cells.slice(columns.length))) overflowing++;
    rows.push({ row: i + 1, cells });
  }
  if (overflowing > 0) {
    notices.push(
      notice('notice.extra_cells', `${overflowing} row(s) have more cells than there are column names; the extra cells were ignored.`, {
        count: overflowing,
      }),
    );
  }
  return { fileName, ...meta, notices, headerRow: headerIndex + 1, columns, rows };
}

/**
 * Exports sometimes start with a title ("Liste des participants — export du 12/09") before
 * the header: the header is the early row whose cells look most like known column names.
 */
function findHeader(records: string[][]): number {
  const candidates: number[] = [];
  for (let i = 0; i < records.length && candidates.length < 10; i++) if (!isBlank(records[i]!)) candidates.push(i);
  if (candidates.length === 0) return -1;
  let best = candidates[0]!;
  let bestScore = 0;
  for (const index of candidates) {
    const cells = records[index]!.map((cell) => cleanCell(cell)).filter((cell) => cell !== '' && cell.length < 200);
    const score = autoMap(cells).filter((c) => c.field !== null).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Unique, non-empty names: a mapping refers to columns by name. */
function columnNames(header: string[], notices: ImportNotice[]): string[] {
  let last = header.length;
  while (last > 0 && header[last - 1]!.trim() === '') last--;
  const seen = new Map<string, number>();
  const duplicates = new Set<string>();
  return header.slice(0, last).map((cell, index) => {
    const base = cleanCell(cell).slice(0, 200) || `(${columnLetter(index)})`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    if (count === 1) return base;
    if (!duplicates.has(base)) {
      duplicates.add(base);
      notices.push(notice('notice.duplicate_headers', `Several columns are named "${base}"; they are numbered "${base} (2)"...`, { column: base }));
    }
    return `${base} (${count})`;
  });
}

/** XLSX bytes → rows of cell texts, read with exceljs. */
import type ExcelJS from 'exceljs';
import { DomainError } from '../../errors';
import type { ImportNotice } from '../../types';
import { notice } from './notices';

export interface SheetRows {
  sheet: string;
  rows: string[][];
  notices: ImportNotice[];
}

/**
 * The text a person sees in a cell. Formulas give their cached result (what Excel showed),
 * never the formula; numbers keep all their digits (a barcode 3601234567890 must not turn
 * into 3.60123E+12); dates become ISO dates; rich text and hyperlinks give their text.
 */
export function cellText(value: ExcelJS.CellValue, missingResult: () => void = () => {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined) {
      missingResult();
      return '';
    }
    return cellText(result as ExcelJS.CellValue, missingResult);
  }
  if ('hyperlink' in value) {
    // exceljs puts rich text inside hyperlink cells too.
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue, missingResult);
  }
  return String(value);
}

function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 1e21) return BigInt(value).toString();
  return String(value);
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  // Excel dates have no zone; exceljs hands them over as UTC.
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export async function parseXlsx(fileName: string, data: Uint8Array): Promise<SheetRows> {
  // Loaded on first use: exceljs is large, and most imports are CSV.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs's typings predate Node 20's generic Buffer; the bytes are what it expects.
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new DomainError(
      'import.unreadable',
      `${fileName} is a zip archive but not a readable XLSX workbook (${(error as Error).message}).`,
      { file: fileName, reason: (error as Error).message },
    );
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === 'visible' && sheet.actualRowCount > 0);
  const sheet = sheets[0] ?? workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw new DomainError('import.empty_file', `${fileName} has no data in any worksheet.`, { file: fileName });

  const notices: ImportNotice[] = [];
  if (sheets.length > 1) {
    notices.push(
      notice('notice.other_sheets_ignored', `Only the worksheet "${sheet.name}" was read; ${sheets.length - 1} other sheet(s) ignored.`, {
        sheet: sheet.name,
        count: sheets.length - 1,
      }),
    );
  }

  let missingResults = 0;
  const onMissing = () => missingResults++;
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    if (row.hasValues) {
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // A title merged across columns is one value, not one per column; a category merged
        // down a column does belong to every row it spans.
        const coveredFromLeft = cell.isMerged && cell.master.col !== cell.col;
        cells.push(coveredFromLeft ? '' : cellText(cell.value, onMissing));
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    }
    rows.push(cells.length > 0 ? cells : ['']);
  }
  if (missingResults > 0) {
    notices.push(
      notice(
        'notice.formula_without_result',
        `${missingResults} formula cell(s) have no saved result and were read as empty; open and save the file in Excel first.`,
        { count: missingResults },
      ),
    );
  }
  return { sheet: sheet.name, rows, notices };
}

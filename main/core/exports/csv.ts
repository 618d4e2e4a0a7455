/**
 * The attendance list as CSV: UTF-8 with a byte-order mark (Excel otherwise reads it as
 * Windows-1252), ',' or ';' (French Excel expects ';'), CRLF line ends, quoting by
 * csv-stringify, every text cell neutralised, times at the venue.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { neutraliseCell } from './neutralise';
import type { Table } from './tables';
import type { VenueClock } from './venue-time';

export type CsvSeparator = ',' | ';';

/** Writes the table to `out` (and ends it); resolves with the number of data rows. */
export async function writeCsv<T>(table: Table<T>, out: Writable, options: { separator: CsvSeparator; clock: VenueClock }): Promise<number> {
  let rows = 0;
  const { columns } = table;
  const records = function* (): Generator<string[]> {
    yield columns.map((column) => neutraliseCell(column.header));
    for (const row of table.rows()) {
      rows += 1;
      yield columns.map((column) => {
        const value = column.value(row);
        if (column.kind === 'count') return String(value);
        if (column.kind === 'instant') return options.clock.format(String(value));
        return neutraliseCell(String(value));
      });
    }
  };
  await pipeline(
    Readable.from(records(), { objectMode: true }),
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone CR or LF,
    // which Excel would still take for the end of a line.
    stringify({ delimiter: options.separator, bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ }),
    out,
  );
  return rows;
}

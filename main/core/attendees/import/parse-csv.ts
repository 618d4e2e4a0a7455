/** CSV/TSV text → rows of raw cells, with csv-parse doing the parsing. */
import { parse, type CsvError } from 'csv-parse/sync';
import { DomainError } from '../../errors';

export const delimiters = [';', ',', '\t'] as const;
export type Delimiter = (typeof delimiters)[number];

const baseOptions = {
  relax_column_count: true,
  relax_quotes: true,
  // Blank lines stay as records so that record index + 1 is the row number a spreadsheet shows.
  skip_empty_lines: false,
} as const;

/**
 * Picks the delimiter that splits the first lines into the same number of columns most
 * consistently (a French name list has commas inside cells, never as many on every line).
 */
export function detectDelimiter(text: string): Delimiter {
  let head = text.slice(0, 64 * 1024);
  const lastBreak = head.lastIndexOf('\n');
  if (text.length > head.length && lastBreak > 0) head = head.slice(0, lastBreak);

  let best: { delimiter: Delimiter; consistency: number; columns: number } | null = null;
  for (const delimiter of delimiters) {
    const counts: number[] = [];
    try {
      parse(head, {
        ...baseOptions,
        delimiter,
        to_line: 50,
        on_record: (record: string[]) => {
          if (record.some((cell) => cell.trim() !== '')) counts.push(record.length);
          return null;
        },
      });
    } catch {
      // An unclosed quote in the sample: judge on the records read before it.
    }
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let columns = 1;
    let seen = 0;
    for (const [count, times] of frequency) {
      if (times > seen || (times === seen && count > columns)) {
        columns = count;
        seen = times;
      }
    }
    if (columns < 2) continue;
    // The header line is the most reliable witness: weight agreement with it.
    const consistency = seen / counts.length + (counts[0] === columns ? 0.5 : 0);
    if (
      !best ||
      consistency > best.consistency + 0.05 ||
      (Math.abs(consistency - best.consistency) <= 0.05 && columns > best.columns)
    ) {
      best = { delimiter, consistency, columns };
    }
  }
  return best?.delimiter ?? ',';
}

export function parseCsv(fileName: string, text: string, delimiter: Delimiter): string[][] {
  try {
    return parse(text, { ...baseOptions, delimiter });
  } catch (error) {
    const csvError = error as CsvError & { lines?: number };
    const line = typeof csvError.lines === 'number' ? csvError.lines : undefined;
    throw new DomainError(
      'import.unreadable',
      `${fileName} cannot be read as CSV${line ? ` (line ${line})` : ''}: ${csvError.message}`,
      { file: fileName, reason: csvError.message, ...(line ? { row: line } : {}) },
    );
  }
}

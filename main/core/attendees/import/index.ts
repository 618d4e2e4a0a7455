/**
 * Registration import: HelloAsso, Weezevent, Eventbrite exports and plain spreadsheets
 * (CSV in any delimiter and common encoding, XLSX) into an event's attendee list.
 *
 * Reading the file is asynchronous (XLSX is a zip) and happens first; applying it is
 * synchronous and runs in one transaction, so a fatal error leaves the database as it was.
 */
import type { Database } from 'better-sqlite3';
import { DomainError } from '../../errors';
import type { ImportField, ImportPreview, ImportReport, ImportRowError } from '../../types';
import { ImportApplier } from './apply';
import { hasNameColumn, resolveMapping } from './headers';
import { cleanCell } from './normalise';
import { notice } from './notices';
import { toRowAttendee } from './rows';
import { SessionMatcher } from './sessions';
import { readImportFile, type ImportFile, type ImportTable } from './table';

export type { ImportFile, ImportTable } from './table';
export { readImportFile } from './table';

export interface ImportOptions extends ImportFile {
  /** Event to import into (the caller resolves "current event or a new one"). */
  eventId: string;
  /** Column name → field, overriding the automatic mapping; 'ignore' drops a column. */
  mapping?: Record<string, ImportField>;
}

const sampleRows = 10;
const sampleCellLength = 200;

/** What the mapping screen shows: the columns, what each was recognised as, the first rows. */
export async function previewImport(file: ImportFile): Promise<ImportPreview> {
  const table = await readImportFile(file);
  return previewOf(table);
}

export function previewOf(table: ImportTable): ImportPreview {
  const mapping = resolveMapping(table.fileName, table.columns);
  const notices = [...table.notices];
  const unmapped = mapping.columns.filter((c) => c.field === null).map((c) => c.column);
  if (unmapped.length > 0) {
    notices.push(
      notice('notice.unmapped_columns', `Not recognised, will be ignored unless you map them: ${unmapped.join(', ')}.`, {
        columns: unmapped.join(', '),
        count: unmapped.length,
      }),
    );
  }
  if (!hasNameColumn(mapping)) {
    notices.push(
      notice('notice.no_name_column', `No column was recognised as a name; choose the first/last name or full name column(s).`, {
        file: table.fileName,
      }),
    );
  }
  return {
    fileName: table.fileName,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    rowCount: table.rows.length,
    columns: mapping.columns,
    sample: table.rows
      .slice(0, sampleRows)
      .map((row) => table.columns.map((_, index) => cleanCell(row.cells[index] ?? '').slice(0, sampleCellLength))),
    warnings: notices.map((n) => n.message),
    notices,
    headerRow: table.headerRow,
    ...(table.sheet ? { sheet: table.sheet } : {}),
  };
}

/**
 * Applies a table already read. Synchronous on purpose: callers wrap it in a transaction
 * together with anything else that must succeed or fail with it (e.g. creating the event).
 */
export function applyImport(
  db: Database,
  table: ImportTable,
  options: { eventId: string; mapping?: Record<string, ImportField> },
  now: () => Date,
): ImportReport {
  const { fileName } = table;
  const mapping = resolveMapping(fileName, table.columns, options.mapping);
  if (!hasNameColumn(mapping)) {
    throw new DomainError(
      'import.no_name_column',
      `${fileName}: no column holds names (columns: ${table.columns.join(', ')}); map a first/last name or full name column.`,
      { file: fileName, columns: table.columns.join(', ') },
    );
  }
  const event = db.prepare('SELECT id FROM events WHERE id = ?').get(options.eventId);
  if (!event) throw new DomainError('event.not_found', `Event not found (${options.eventId}).`, { id: options.eventId });

  return db.transaction((): ImportReport => {
    const sessions = SessionMatcher.forEvent(db, options.eventId);
    const applier = new ImportApplier(db, options.eventId);
    const rowErrors: ImportRowError[] = [];
    for (const row of table.rows) {
      const result = toRowAttendee(row, table.columns, mapping, sessions);
      rowErrors.push(...result.errors);
      if (result.attendee) applier.add(result.attendee);
    }
    const counts = applier.write(now().toISOString());
    const errors = [...rowErrors, ...applier.errors].sort((a, b) => a.row - b.row);
    return { eventId: options.eventId, ...counts, errors };
  })();
}

/** Reads then applies, in one transaction. */
export async function runImport(db: Database, options: ImportOptions, now: () => Date): Promise<ImportReport> {
  const table = await readImportFile(options);
  return applyImport(db, table, { eventId: options.eventId, mapping: options.mapping }, now);
}

// PLACEHOLDER: replaced by the import implementation (see issue 2, requirement 4).
import type { Database } from 'better-sqlite3';
import type { ImportField, ImportPreview, ImportReport } from '../../types';

export interface ImportFile {
  fileName: string;
  data: Uint8Array;
}

export interface ImportOptions extends ImportFile {
  /** Event to import into; when absent, the current event, or a new one named after the file. */
  eventId: string;
  /** Column name → field, overriding the automatic mapping. */
  mapping?: Record<string, ImportField>;
}

export function previewImport(_file: ImportFile): ImportPreview {
  throw new Error('not implemented');
}

export function runImport(_db: Database, _options: ImportOptions, _now: () => Date): ImportReport {
  throw new Error('not implemented');
}

/**
 * The attendance exports' operations (issue 6), merged into main/core/contract.ts.
 */
import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const selection = {
  format: z.enum(['csv', 'xlsx', 'pdf']),
  day: isoDay.optional(),
  checkpointId: z.string().min(1).max(100).optional(),
  /** ';' for French Excel. */
  separator: z.enum([',', ';']).optional(),
  /** Headers and sheet names; default: the interface's language. (Literal list: contract.ts imports this file.) */
  language: z.enum(['fr', 'en']).optional(),
};

export const exportSchemas = {
  /** The final attendance list (CSV, XLSX) or a feuille d'émargement (PDF), as bytes to save. */
  'export:attendance': z.object(selection).strict(),
  /** The same, streamed into a file (written under a temporary name, then renamed): the CLI, a save dialog. */
  'export:attendanceFile': z
    .object({ ...selection, file: z.string().min(1).max(4096) })
    .strict(),
} as const;

export interface ExportFile {
  fileName: string;
  data: Uint8Array;
  /** Attendees listed. */
  rows: number;
}

export interface ExportedFile {
  /** Absolute path written. */
  file: string;
  format: 'csv' | 'xlsx' | 'pdf';
  bytes: number;
  /** Attendees listed. */
  rows: number;
}

export interface ExportOutputs {
  'export:attendance': ExportFile;
  'export:attendanceFile': ExportedFile;
}

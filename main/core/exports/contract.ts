/**
 * SCAFFOLD (owned by the exports work, issue 6): the attendance exports' operations, merged
 * into main/core/contract.ts.
 */
import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const exportSchemas = {
  /** The final attendance list (CSV, XLSX) or a feuille d'émargement (PDF), as bytes to save. */
  'export:attendance': z
    .object({
      format: z.enum(['csv', 'xlsx', 'pdf']),
      day: isoDay.optional(),
      checkpointId: z.string().min(1).max(100).optional(),
      /** ';' for French Excel. */
      separator: z.enum([',', ';']).optional(),
    })
    .strict(),
} as const;

export interface ExportFile {
  fileName: string;
  data: Uint8Array;
  /** Attendees listed. */
  rows: number;
}

export interface ExportOutputs {
  'export:attendance': ExportFile;
}

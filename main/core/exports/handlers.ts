/** SCAFFOLD (owned by the exports work, issue 6). */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { DomainError } from '../errors';
import type { AuditLog } from '../audit/audit-log';
import type { Events } from '../events/events';
import type { ExportOutputs, exportSchemas } from './contract';

type Input<K extends keyof typeof exportSchemas> = z.output<(typeof exportSchemas)[K]>;

export function exportHandlers(_deps: { db: Database; now: () => Date; events: Events; audit: AuditLog }): {
  [K in keyof ExportOutputs]: (input: Input<K>) => ExportOutputs[K] | Promise<ExportOutputs[K]>;
} {
  return {
    'export:attendance': () => {
      throw new DomainError('internal', 'Exports are being built.');
    },
  };
}

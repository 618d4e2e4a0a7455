import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../exports/neutralise';
import type { AuditRecord } from './types';

/** The exports' rule: a cell a spreadsheet would read as a formula gets a leading apostrophe. */
export const neutralise = neutraliseCell;

const header = ['id', 'at', 'kiosk_id', 'role', 'action', 'target', 'details'];

/**
 * The audit log as CSV, written as the attendance exports are (UTF-8 with BOM so Excel reads
 * accents, CRLF, every text cell neutralised): what was done, when, where and in which mode,
 * with ids and counts only, as the log itself holds.
 */
export function auditCsv(records: Iterable<AuditRecord>): { data: Uint8Array; rows: number } {
  const lines: string[][] = [header];
  for (const r of records) {
    lines.push([String(r.id), r.at, r.kioskId, r.role, r.action, r.target, JSON.stringify(r.details)].map(neutraliseCell));
  }
  // csv-stringify quotes a field holding CRLF but not a lone CR or LF, which Excel would still split on.
  const text = stringify(lines, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return { data: new Uint8Array(Buffer.from(text, 'utf8')), rows: lines.length - 1 };
}

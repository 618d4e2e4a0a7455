import type { AuditRecord } from './types';

// TODO(exports): use the exports module's CSV writer once it lands (same neutralisation rule).
/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe: an audit target or an undo reason typed at the desk cannot run in Excel.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  const safe = neutralise(cell);
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const header = ['id', 'at', 'kiosk_id', 'role', 'action', 'target', 'details'];

/**
 * The audit log as CSV (UTF-8 with BOM, so Excel reads accents): what was done, when, where and
 * in which mode, with ids and counts only, as the log itself holds.
 */
export function auditCsv(records: Iterable<AuditRecord>): { data: Uint8Array; rows: number } {
  const lines = [header.join(',')];
  let rows = 0;
  for (const r of records) {
    lines.push([String(r.id), r.at, r.kioskId, r.role, r.action, r.target, JSON.stringify(r.details)].map(quote).join(','));
    rows += 1;
  }
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  return { data: new Uint8Array(Buffer.from(text, 'utf8')), rows };
}

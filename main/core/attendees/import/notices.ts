import type { ImportNotice, ImportRowError } from '../../types';

/**
 * Row errors and file notices carry a stable code (translated by the renderer from the
 * `import` namespace) plus an English sentence for the CLI and logs.
 */
export const rowErrorCodes = ['row.no_name', 'row.cell_too_long', 'row.invalid_email', 'row.unknown_session', 'row.code_conflict'] as const;
export type RowErrorCode = (typeof rowErrorCodes)[number];

export const noticeCodes = [
  'notice.unmapped_columns',
  'notice.no_name_column',
  'notice.mixed_encoding',
  'notice.duplicate_headers',
  'notice.header_not_first_row',
  'notice.other_sheets_ignored',
  'notice.formula_without_result',
  'notice.extra_cells',
] as const;
export type NoticeCode = (typeof noticeCodes)[number];

/** Rows with `level: 'error'` are skipped; `warning` rows are imported and the problem reported. */
export function rowError(
  row: number,
  code: RowErrorCode,
  reason: string,
  params: Record<string, string | number> = {},
  column?: string,
): ImportRowError {
  const level = code === 'row.no_name' || code === 'row.cell_too_long' ? 'error' : 'warning';
  // Row and column go in the parameters too, so a translation can say them.
  const all = { row, ...(column === undefined ? {} : { column }), ...params };
  return { row, ...(column === undefined ? {} : { column }), reason, code, level, params: all };
}

export function notice(code: NoticeCode, message: string, params: Record<string, string | number> = {}): ImportNotice {
  return { code, message, params };
}

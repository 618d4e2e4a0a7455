/** One table row → the attendee it describes, or the reasons it cannot be imported. */
import type { AttendeeFields, AttendeeStatus, ImportField, ImportRowError } from '../../types';
import type { ResolvedMapping } from './headers';
import { splitFullName } from './names';
import { cleanCell, emailKey, labelKey, nameKey } from './normalise';
import { rowError } from './notices';
import type { SessionMatcher } from './sessions';
import type { TableRow } from './table';

/** Longer than any name, function or organisation; a longer cell is a broken line or pasted junk. */
export const maxCellLength = 1000;

export interface RowAttendee {
  row: number;
  /** Only the fields this row gives a value for: an empty cell never erases known data. */
  fields: Partial<AttendeeFields>;
  codes: string[];
  /** Undefined when the file has no status column. */
  status?: AttendeeStatus;
  /** Checkpoint ids; undefined when the file has no sessions column. */
  sessions?: string[];
  nameKey: string;
  emailKey: string;
}

export type RowResult = { attendee: RowAttendee | null; errors: ImportRowError[] };

const scalarFields = [
  'honorific',
  'firstName',
  'lastName',
  'function',
  'organisation',
  'country',
  'category',
  'language',
  'email',
  'ticketType',
] as const satisfies readonly (keyof AttendeeFields & ImportField)[];

const cancelled =
  /\b(annul|cancel|rembours|refund|not attending|non participant|ne participe pas|supprim|deleted|transfer|desist|void|invalid|non valid|rejet|reject|refus|declined)/;

/** "Annulé", "Remboursé", "Not Attending", "Refunded", "Cancelled"... mean the ticket no longer admits. */
export function isCancelledStatus(value: string): boolean {
  return cancelled.test(labelKey(value));
}

const plausibleEmail = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]{2,}$/;

export function toRowAttendee(tableRow: TableRow, columns: string[], mapping: ResolvedMapping, sessions: SessionMatcher): RowResult {
  const { row, cells } = tableRow;
  const errors: ImportRowError[] = [];
  const values: string[] = [];

  for (const indexes of mapping.byField.values()) {
    for (const index of indexes) {
      const value = cleanCell(cells[index] ?? '');
      if (value.length > maxCellLength) {
        const column = columns[index]!;
        errors.push(
          rowError(
            row,
            'row.cell_too_long',
            `Row ${row}, column "${column}": ${value.length} characters (at most ${maxCellLength}); row skipped.`,
            { length: value.length, max: maxCellLength },
            column,
          ),
        );
        return { attendee: null, errors };
      }
      values[index] = value;
    }
  }
  const first = (field: ImportField): { value: string; index: number } | undefined => {
    for (const index of mapping.byField.get(field) ?? []) {
      const value = values[index];
      if (value) return { value, index };
    }
    return undefined;
  };

  const fields: Partial<AttendeeFields> = {};
  for (const field of scalarFields) {
    const found = first(field);
    if (found) fields[field] = found.value;
  }
  if (!fields.firstName && !fields.lastName) {
    const full = first('fullName');
    if (full) {
      const split = splitFullName(full.value);
      if (split.firstName) fields.firstName = split.firstName;
      if (split.lastName) fields.lastName = split.lastName;
      if (split.honorific && !fields.honorific) fields.honorific = split.honorific;
    }
  }
  if (!fields.firstName && !fields.lastName) {
    errors.push(rowError(row, 'row.no_name', `Row ${row}: no name; row skipped.`));
    return { attendee: null, errors };
  }

  const email = first('email');
  if (email && !plausibleEmail.test(email.value)) {
    const column = columns[email.index]!;
    errors.push(
      rowError(row, 'row.invalid_email', `Row ${row}, column "${column}": "${email.value}" is not a valid e-mail address (imported as written).`, { value: email.value }, column),
    );
  }

  const codes: string[] = [];
  for (const index of mapping.byField.get('ticketCode') ?? []) {
    const code = values[index];
    if (code && !codes.includes(code)) codes.push(code);
  }

  let status: AttendeeStatus | undefined;
  for (const index of mapping.byField.get('status') ?? []) {
    const value = values[index];
    if (!value) continue;
    if (isCancelledStatus(value)) status = 'cancelled';
    else status ??= 'valid';
  }
  if ((mapping.byField.get('status')?.length ?? 0) > 0) status ??= 'valid';

  let sessionIds: string[] | undefined;
  const sessionColumns = mapping.byField.get('sessions') ?? [];
  if (sessionColumns.length > 0) {
    sessionIds = [];
    for (const index of sessionColumns) {
      const match = sessions.match(cells[index] ?? '');
      sessionIds.push(...match.ids.filter((id) => !sessionIds!.includes(id)));
      for (const name of match.unknown) {
        const column = columns[index]!;
        errors.push(
          rowError(row, 'row.unknown_session', `Row ${row}, column "${column}": no session or checkpoint named "${name}" in this event.`, { session: name }, column),
        );
      }
    }
  }

  return {
    attendee: {
      row,
      fields,
      codes,
      ...(status ? { status } : {}),
      ...(sessionIds ? { sessions: sessionIds } : {}),
      nameKey: nameKey(fields.firstName ?? '', fields.lastName ?? ''),
      emailKey: fields.email ? emailKey(fields.email) : '',
    },
    errors,
  };
}

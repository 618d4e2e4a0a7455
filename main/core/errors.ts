/**
 * Errors that cross a process boundary travel as values, never as thrown objects:
 * a stable `code` the UI translates (see resources/locales), the parameters the
 * translation needs, and an English `message` for logs and the CLI fallback.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'forbidden'
  | 'not_found'
  | 'internal'
  | 'db.newer_version'
  | 'db.open_failed'
  | 'event.none'
  | 'event.not_found'
  | 'event.invalid_day'
  | 'event.checkpoint_taken'
  | 'attendee.not_found'
  | 'import.empty_file'
  | 'import.binary_file'
  | 'import.unknown_encoding'
  | 'import.too_large'
  | 'import.no_header'
  | 'import.no_name_column'
  | 'import.unreadable'
  | 'import.unknown_field'
  | 'import.unknown_column'
  | 'checkin.refused'
  | 'checkin.not_found'
  | 'checkin.already_undone'
  | 'checkpoint.not_found'
  | 'token.no_signing_key'
  | 'qr.write_failed'
  | 'qr.too_large'
  | 'badge.invalid_template'
  | 'badge.unknown_template'
  | 'badge.unknown_field'
  | 'badge.missing_area'
  | 'badge.area_outside'
  | 'badge.fonts_missing'
  | 'badge.chromium_missing'
  | 'badge.write_failed'
  | 'badge.no_attendees'
  | 'badge.builtin_template'
  | 'badge.uncovered_characters'
  | 'print.no_printer'
  | 'print.printer_unknown'
  | 'print.printer_stopped'
  | 'print.printer_rejecting'
  | 'print.system_unavailable'
  | 'print.job_failed'
  | 'print.job_stuck'
  | 'print.already_printed'
  | 'print.batch_not_found'
  | 'print.batch_finished'
  | 'print.batch_running'
  | 'sync.not_paired'
  | 'sync.unreachable'
  | 'sync.unauthorized'
  | 'sync.pairing_code_invalid'
  | 'sync.protocol_newer'
  | 'sync.wrong_event'
  | 'sync.bad_request'
  | 'sync.too_large'
  | 'sync.unknown_attendee'
  | 'sync.cursor_unknown'
  | 'sync.internal'
  | 'sync.bad_response'
  | 'hub.port_in_use'
  | 'hub.not_running'
  | 'hub.tls_files'
  | 'hub.device_not_found'
  | 'walkin.consent_required'
  | 'walkin.name_required'
  | 'walkin.invalid_email'
  | 'walkin.possible_duplicate'
  | 'walkin.checkin_refused'
  | 'role.pin_wrong'
  | 'role.locked_out'
  | 'role.organiser_required'
  | 'role.pin_not_set'
  | 'purge.confirm_mismatch'
  | 'purge.unsent_changes'
  | 'cli.usage'
  | 'bridge.unauthorized'
  | 'bridge.forbidden'
  | 'bridge.unreachable'
  | 'export.unknown_day'
  | 'export.session_other_day'
  | 'export.sheet_too_long'
  | 'export.folder_missing'
  | 'export.folder_read_only'
  | 'export.disk_full'
  | 'export.write_failed';

export type ErrorParams = Record<string, string | number>;

export interface ErrorValue {
  ok: false;
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }

  toValue(): ErrorValue {
    return { ok: false, code: this.code, message: this.message, params: this.params };
  }
}

export type Result<T> = { ok: true; value: T } | ErrorValue;

/** Turns anything thrown into an error value; unknown failures keep their text but get the generic code. */
export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof DomainError) return error.toValue();
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code: 'internal', message };
}

/**
 * How an error value is read in the catalogues (resources/locales/<lang>/errors.json, key =
 * code): its parameters, the English message as the fallback for a code with no text, and
 * the context "field" when the error names the input at fault (key `<code>_field`).
 * Shared by the screens and the CLI so both say the same thing.
 */
export function errorTextOptions(error: { message: string; params?: ErrorParams }): Record<string, string | number | undefined> {
  return {
    ...error.params,
    message: error.message,
    defaultValue: error.message,
    context: error.params?.field !== undefined ? 'field' : undefined,
  };
}

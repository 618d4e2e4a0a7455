/** Domain shapes shared by the core, the transports and the renderer (types only, no runtime). */

export type AttendeeStatus = 'valid' | 'cancelled';
export type AttendeeSource = 'import' | 'walk-in' | 'demo' | 'hub';
export type CheckinMethod = 'qr' | 'wedge' | 'search' | 'walk-in' | 'cli';
/** How a code reached the kiosk (same values as CheckinMethod; the name the scan screen uses). */
export type ScanMethod = CheckinMethod;
export type CheckpointKind = 'entrance' | 'session';

/** The fields a person is registered with: what imports fill and badges print. */
export interface AttendeeFields {
  honorific: string;
  firstName: string;
  lastName: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  language: string;
  email: string;
  ticketType: string;
}

export interface Attendee extends AttendeeFields {
  id: string;
  eventId: string;
  status: AttendeeStatus;
  source: AttendeeSource;
  ticketCodes: string[];
  sessions: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CheckinSummary {
  at: string;
  day: string;
  checkpointId: string;
  kiosk: string;
  method: CheckinMethod;
}

/** What `search` returns: the public shape of the CLI's `--json` output too. */
export interface AttendeeSummary {
  id: string;
  honorific: string;
  firstName: string;
  lastName: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  status: AttendeeStatus;
  ticketCodes: string[];
  checkedIn: CheckinSummary[];
}

export interface EventDay {
  date: string; // YYYY-MM-DD, local to the venue
  label: string;
}

export interface Checkpoint {
  id: string;
  eventId: string;
  kind: CheckpointKind;
  name: string;
  day: string | null; // a session happens on one day; the entrance on every day
  room: string;
  capacity: number | null;
  startsAt: string | null; // HH:MM
  endsAt: string | null;
}

export interface EventInfo {
  id: string;
  name: string;
  venue: string;
  timezone: string;
  days: EventDay[];
  checkpoints: Checkpoint[];
  attendeeCount: number;
}

/** Fields an import can fill; `ignore` drops a column on purpose. */
export const importFields = [
  'honorific',
  'firstName',
  'lastName',
  'fullName',
  'function',
  'organisation',
  'country',
  'category',
  'language',
  'email',
  'ticketType',
  'ticketCode',
  'status',
  'sessions',
  'ignore',
] as const;
export type ImportField = (typeof importFields)[number];

export interface ColumnMapping {
  column: string;
  field: ImportField | null; // null: not recognised, the user must decide
}

export interface ImportPreview {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  delimiter: string | null;
  rowCount: number;
  columns: ColumnMapping[];
  sample: string[][]; // first rows, as cells in column order
  warnings: string[];
  /** The same warnings with stable codes, for translation (namespace `import`, key = code). */
  notices?: ImportNotice[];
  /** Spreadsheet row of the header (1 unless title lines precede it). */
  headerRow?: number;
  /** XLSX: the worksheet read. */
  sheet?: string;
}

export interface ImportNotice {
  code: string;
  message: string; // English, for the CLI and logs
  params?: Record<string, string | number>;
}

export interface ImportRowError {
  row: number; // 1-based line number in the file as a spreadsheet shows it (header = 1)
  column?: string;
  reason: string;
  /** Stable code (namespace `import`, key = code) and its parameters, for translation. */
  code?: string;
  params?: Record<string, string | number>;
  /** 'error': the row was skipped; 'warning': the row was imported, the problem reported. */
  level?: 'error' | 'warning';
}

export interface ImportReport {
  eventId: string;
  imported: number;
  updated: number;
  merged: number;
  /** Attendees this import cancelled (new and cancelled, or valid before); 0 on an unchanged re-import. */
  cancelled: number;
  unchanged: number;
  errors: ImportRowError[];
}

/** The answer to a scan: what the door does. Every result is also recorded in `checkins`. */
export const checkinResultCodes = [
  'accepted',
  'already_checked_in',
  'cancelled',
  'unknown',
  'invalid_signature',
  'revoked',
  'wrong_day',
  'not_registered_for_session',
] as const;
export type CheckinResultCode = (typeof checkinResultCodes)[number];

/** An earlier accepted arrival, shown for a re-entry ("already checked in at 09:14 at desk 2"). */
export interface PreviousCheckin {
  at: string; // ISO datetime
  kiosk: string; // the kiosk's name (its id when the name is unknown)
  checkpoint: string; // the checkpoint's name
}

export interface CheckinOutcome {
  result: CheckinResultCode;
  attendee: AttendeeSummary | null;
  /** Accepted arrivals at this checkpoint on this day before this scan, oldest first. */
  previous: PreviousCheckin[];
  /** English, for logs and the CLI fallback; the screen translates `result` (namespace `checkin`). */
  message: string;
  /** The accepted check-in this scan recorded (to undo it), else null. */
  checkinId: string | null;
  checkpoint: { id: string; name: string; kind: CheckpointKind };
  day: string; // YYYY-MM-DD in the event's timezone
  /** True when staff may admit anyway (scan again with override: true). */
  overridable: boolean;
  /** True when this accepted check-in was admitted by a staff override. */
  overridden: boolean;
  /**
   * Why (a key of `reason.*` in namespace `checkin`), e.g. other_event, bad_signature,
   * outside_event_days, reentry; null when the result says it all.
   */
  reason: string | null;
  /** Ready-made parameters for `result.*` and `reason.*` texts: name, time, kiosk, checkpoint, day, sessionDay, eventDays. */
  params: Record<string, string>;
}

export interface UndoOutcome {
  undone: true;
  /** The id of the row recording the undo. */
  undoId: string;
  /** The accepted check-in that no longer counts. */
  checkinId: string;
  attendee: AttendeeSummary | null;
  checkpoint: { id: string; name: string; kind: CheckpointKind };
  day: string;
  message: string;
}

/** What this kiosk is set to: where it stands and how it behaves. */
export interface KioskConfig {
  kioskId: string;
  kioskName: string;
  checkpointId: string;
  checkpointName: string;
  day: string; // today in the event's timezone
  muted: boolean;
  cameraId: string | null;
}

export interface AttendeeQr {
  /** The signed token the QR carries (QR alphanumeric characters only). */
  text: string;
  svg: string;
}

export interface QrExportReport {
  count: number;
  folder: string;
  /** Absolute path of the mail-merge CSV (codes.csv). */
  csv: string;
}

export interface TokenRevocation {
  attendeeId: string;
  tokenVersion: number;
}

/** Why an existing attendee looks like a walk-in at the desk. */
export type DuplicateReason = 'same_name' | 'similar_name' | 'same_email' | 'same_organisation';

export interface DuplicateCandidate {
  attendee: AttendeeSummary;
  /** 0..1, higher is likelier the same person. */
  score: number;
  reasons: DuplicateReason[];
}

/** A walk-in registered at the desk: the new attendee, their check-in (null when not asked), the look-alikes staff confirmed past. */
export interface WalkinOutcome {
  attendee: Attendee;
  checkin: CheckinOutcome | null;
  duplicates: DuplicateCandidate[];
}

/** What staff may correct on an attendee at the kiosk: the printed fields and the e-mail. */
export type EditableAttendeeFields = Pick<AttendeeFields, 'honorific' | 'firstName' | 'lastName' | 'function' | 'organisation' | 'country' | 'category' | 'email'>;

/** An edit at the kiosk: the attendee after it, the fields that changed, and whether their badge must be printed again. */
export interface AttendeeEdit {
  attendee: Attendee;
  changed: (keyof EditableAttendeeFields)[];
  badgeNeedsReprint: boolean;
}

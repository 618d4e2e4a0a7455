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
  /** The attendee's badge, for an accepted check-in (null otherwise): printed, to reprint, or being printed by auto-print. */
  badge: BadgeStatus | null;
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
  /** Printing at this desk: the printer chosen in Settings (null: none yet), the badge template, and auto-print on check-in. */
  printer: string | null;
  template: string;
  autoPrint: boolean;
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

/** What the walk-in form offers: categories and countries already used by the event's attendees, most used first. */
export interface WalkinOptions {
  categories: string[];
  countries: string[];
}

/** What staff may correct on an attendee at the kiosk: the printed fields and the e-mail. */
export type EditableAttendeeFields = Pick<AttendeeFields, 'honorific' | 'firstName' | 'lastName' | 'function' | 'organisation' | 'country' | 'category' | 'email'>;

/** An edit at the kiosk: the attendee after it, the fields that changed, and whether their badge must be printed again. */
export interface AttendeeEdit {
  attendee: Attendee;
  changed: (keyof EditableAttendeeFields)[];
  badgeNeedsReprint: boolean;
}

/** What a badge can show; each shown field needs an area of the same name in its template. */
export const badgeFields = ['event', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category', 'qr', 'workshop', 'logo'] as const;
export type BadgeField = (typeof badgeFields)[number];

/** Where an attendee's badge stands. Only a print the printer accepted counts as printed. */
export interface BadgeStatus {
  attendeeId: string;
  printed: boolean;
  /** The last accepted print (ISO time), null when never printed. */
  lastPrintedAt: string | null;
  /** Printed fields changed since: the next print needs no reprint reason. */
  needsReprint: boolean;
  /** Auto-print started a job for this check-in (its ledger id), else null. */
  printing: string | null;
}

export type PrinterState = 'idle' | 'printing' | 'stopped' | 'unknown';

/** A printer as the kiosk shows it: state and the printer system's own message, in plain words. */
export interface PrinterInfo {
  name: string;
  description: string;
  isDefault: boolean;
  state: PrinterState;
  /** False when the queue refuses new jobs (cupsreject). */
  accepting: boolean;
  /** The printer's state message ('' when all is well), e.g. "Paused", "Out of paper". */
  message: string;
}

export type PrintStatus = 'pending' | 'sent' | 'failed';

/** One line of the print ledger. */
export interface PrintRecord {
  id: string;
  attendeeId: string | null;
  /** "First Last" at the time of printing, for the screen; not stored twice. */
  attendeeName: string;
  template: string;
  kioskId: string;
  printer: string;
  copies: number;
  /** '' for a first print; the reprint reason otherwise ('edited' when printed fields changed). */
  reason: string;
  status: PrintStatus;
  /** Why it failed, in the printer system's words ('' unless failed). */
  error: string;
  /** The error's code (print.*) for the screen to translate, '' unless failed. */
  errorCode: string;
  /** The error's parameters (printer, reason) for the screen to translate `errorCode`; absent unless failed. */
  errorParams?: Record<string, string | number>;
  jobId: string;
  batchId: string | null;
  at: string;
}

/** The result of `print:badges`: one job for the given attendees, recorded in the ledger. */
export interface PrintOutcome {
  printer: string;
  template: string;
  jobId: string;
  records: PrintRecord[];
}

export type PrintBatchStatus = 'running' | 'paused' | 'error' | 'cancelled' | 'done';

export interface PrintBatchFilter {
  category?: string;
  country?: string;
  /** True (the default): only badges never printed or to reprint after an edit. */
  onlyUnprinted?: boolean;
}

/** A batch print: one job per page, so a printer error or a restart resumes without printing a page twice. */
export interface PrintBatch {
  id: string;
  eventId: string;
  template: string;
  printer: string;
  sort: 'name' | 'country';
  filter: PrintBatchFilter;
  status: PrintBatchStatus;
  total: number;
  printed: number;
  /** The error that paused the batch, in the printer system's words; '' otherwise. */
  error: string;
  errorCode: string;
  /** The error's parameters (printer, reason) for the screen to translate `errorCode`. */
  errorParams?: Record<string, string | number>;
  createdAt: string;
  updatedAt: string;
}

/** A badge template as the Badges screen lists it; `definition` is the full template data, to edit and preview. */
export interface BadgeTemplateInfo {
  name: string;
  label: { fr: string; en: string };
  builtIn: boolean;
  /** The built-in template an organiser's own was made from (itself for a built-in one). */
  base: string;
  page: { width: number; height: number };
  perPage: number;
  definition: Record<string, unknown>;
}

export type SyncState = 'unpaired' | 'online' | 'offline' | 'syncing';

/** What the kiosk shows about sync: online or not, what waits to be sent, when it last worked. */
export interface SyncStatus {
  state: SyncState;
  hubUrl: string | null;
  deviceId: string | null;
  /** Changes made here that the hub has not acknowledged yet. */
  pending: number;
  lastSyncAt: string | null;
  /** The last failure (a DomainError code + English message), null after a success. */
  lastError: { code: string; message: string } | null;
  /** When the loop tries again (backoff while the hub does not answer). */
  nextAttemptAt: string | null;
}

export interface DoubleAdmission {
  attendee: AttendeeSummary;
  day: string;
  checkpointId: string;
  /** The accepted check-ins, first arrival first (earliest time, then id). */
  checkins: { id: string; at: string; kioskId: string; kioskName: string }[];
}

export interface SyncFlag {
  id: string;
  kind: 'possible_duplicate';
  /** The walk-in. */
  attendee: AttendeeSummary;
  /** Who it looks like. */
  other: AttendeeSummary | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: '' | 'dismissed' | 'merged';
}

/** The supervisor view: what several kiosks did that a person must look at. */
export interface SyncConflicts {
  doubleAdmissions: DoubleAdmission[];
  flags: SyncFlag[];
}

export interface HubDevice {
  id: string;
  name: string;
  pairedAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  pushed: number;
}

/** "This kiosk is the hub": whether the hub runs in this app, where kiosks reach it, a pairing code, the paired devices. */
export interface HubStatus {
  running: boolean;
  /** Addresses kiosks can use (one per LAN interface), empty when stopped. */
  urls: string[];
  pairing: { code: string; expiresAt: string; qrSvg: string; qrText: string } | null;
  devices: HubDevice[];
}

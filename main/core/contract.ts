/**
 * The one contract between the renderer and the core. Main (IPC), the loopback HTTP
 * bridge and the preload all derive from this file: an operation added here is typed
 * end to end, and its input is validated by the same schema whatever the transport.
 */
import { z } from 'zod';
import type { Result } from './errors';
import type { AttendeeSummary, Attendee, EventInfo, ImportPreview, ImportReport } from './types';
import type { AttendeeQr, CheckinOutcome, KioskConfig, QrExportReport, TokenRevocation, UndoOutcome } from './types';
import { importFields } from './types';
import type { AttendeeEdit, DuplicateCandidate, WalkinOptions, WalkinOutcome } from './types';
import type { BadgeStatus, BadgeTemplateInfo, PrintBatch, PrinterInfo, PrintOutcome, PrintRecord } from './types';
import { badgeFields } from './types';
import type { HubStatus, SyncConflicts, SyncStatus } from './types';
// Issue 6's operations are declared beside their module and merged here.
import { dashboardSchemas, type DashboardOutputs } from './dashboard/contract';
import { exportSchemas, type ExportOutputs } from './exports/contract';
import { roleSchemas, type RoleOutputs } from './roles/contract';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const text = (max: number) => z.string().max(max);
/** Files cross as bytes; 60 MB leaves room above the 50 MB an organiser may reasonably import. */
export const maxImportBytes = 60 * 1024 * 1024;
const fileBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected file bytes').refine((bytes) => bytes.byteLength <= maxImportBytes, {
  message: `file larger than ${maxImportBytes} bytes`,
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const hourMinute = z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM');
const eventDay = z.object({ date: isoDay, label: text(100).default('') }).strict();
const checkpoint = z
  .object({
    id: text(100).regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, - _ . only').optional(),
    kind: z.enum(['entrance', 'session']),
    name: text(200).trim().min(1),
    day: isoDay.nullable().optional(),
    room: text(200).optional(),
    capacity: z.number().int().min(0).max(1_000_000).nullable().optional(),
    startsAt: hourMinute.nullable().optional(),
    endsAt: hourMinute.nullable().optional(),
  })
  .strict();

const colourValue = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'expected a colour like #1d4e89');
/** An organiser's own template: a built-in one (`base`) with their fields, colours, category legend and logo. */
const templateDesign = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and - only'),
    label: z.object({ fr: text(100).trim().min(1), en: text(100).trim().min(1) }).strict().optional(),
    base: text(100).min(1),
    fields: z.array(z.enum(badgeFields)).min(1).optional(),
    colours: z.object({ text: colourValue, background: colourValue, accent: colourValue }).partial().strict().optional(),
    categories: z.record(text(100), z.object({ colour: colourValue, legend: text(100).optional() }).strict()).optional(),
    defaultCategoryColour: colourValue.optional(),
    /** A data: URL (PNG, JPEG or SVG), at most ~1.5 MB; null removes the base's logo. */
    logo: z
      .string()
      .max(2_000_000)
      .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'expected a PNG, JPEG or SVG image')
      .nullable()
      .optional(),
  })
  .strict();
export type TemplateDesign = z.output<typeof templateDesign>;

const printerName = text(300).trim().min(1);
const batchFilter = z
  .object({ category: text(100).optional(), country: text(100).optional(), onlyUnprinted: z.boolean().optional() })
  .strict();

/** A walk-in's printed fields (names up to 200 characters: a 120-character name is stored whole). */
const walkinFields = z.object({
  honorific: text(50).optional(),
  firstName: text(200),
  lastName: text(200),
  function: text(300).optional(),
  organisation: text(300).optional(),
  country: text(100).optional(),
  category: text(100).optional(),
  email: text(320).optional(),
});

export const schemas = {
  'app:info': z.object({}).strict(),
  'settings:setLanguage': z.object({ language: z.enum(languages) }).strict(),
  'events:list': z.object({}).strict(),
  'events:select': z.object({ id: text(100).min(1) }).strict(),
  'events:create': z
    .object({
      name: text(200).trim().min(1),
      venue: text(200).optional(),
      timezone: text(64).optional(),
      days: z.array(eventDay).max(60).optional(),
      checkpoints: z.array(checkpoint).max(500).optional(),
      select: z.boolean().optional(),
    })
    .strict(),
  'events:update': z
    .object({
      id: text(100).min(1),
      name: text(200).trim().min(1).optional(),
      venue: text(200).optional(),
      timezone: text(64).optional(),
      days: z.array(eventDay).max(60).optional(),
      checkpoints: z.array(checkpoint).max(500).optional(),
    })
    .strict(),
  'attendees:search': z.object({ text: text(200), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'attendees:get': z.object({ id: text(100).min(1) }).strict(),
  'import:preview': z.object({ fileName: text(255).min(1), data: fileBytes }).strict(),
  'import:run': z
    .object({
      fileName: text(255).min(1),
      data: fileBytes,
      eventId: text(100).optional(),
      mapping: z.record(text(500), z.enum(importFields)).optional(),
    })
    .strict(),
  'demo:load': z.object({}).strict(),
  'kiosk:get': z.object({}).strict(),
  'kiosk:configure': z
    .object({
      name: text(100).trim().min(1).optional(),
      checkpointId: text(100).min(1).optional(),
      muted: z.boolean().optional(),
      cameraId: text(500).nullable().optional(),
      printer: text(300).nullable().optional(),
      template: text(100).min(1).optional(),
      autoPrint: z.boolean().optional(),
    })
    .strict(),
  // Anything may arrive from a camera or a keyboard-wedge scanner: the length is the only limit here,
  // the core decides what the text means.
  'checkin:scan': z
    .object({
      code: z.string().max(4096),
      method: z.enum(['qr', 'wedge', 'search', 'walk-in', 'cli']),
      checkpointId: text(100).min(1).optional(),
      at: z.iso.datetime({ offset: true, local: true }).optional(), // without an offset: the event's local time
      override: z.boolean().optional(),
    })
    .strict(),
  'checkin:undo': z.object({ checkinId: text(100).min(1), reason: z.string().trim().min(1).max(500) }).strict(),
  'qr:attendee': z.object({ id: text(100).min(1) }).strict(),
  'qr:export': z.object({ folder: text(4096).min(1), format: z.enum(['png', 'svg']).optional() }).strict(),
  'token:revoke': z.object({ attendeeId: text(100).min(1) }).strict(),
  'walkin:check': walkinFields.strict(),
  /** The event's categories and countries, for the walk-in form's pickers. */
  'walkin:options': z.object({}).strict(),
  'attendees:update': z
    .object({
      id: text(100).min(1),
      fields: walkinFields.partial().strict(),
    })
    .strict(),
  'walkin:create': walkinFields
    .extend({ consent: z.boolean(), checkIn: z.boolean().optional(), confirmNotDuplicate: z.boolean().optional() })
    .strict(),
  'printers:list': z.object({}).strict(),
  // One job for these attendees (a sheet template packs them 8 per page). Printer and template
  // default to the kiosk's. A badge printed before needs `reprintReason`.
  'print:badges': z
    .object({
      attendeeIds: z.array(text(100).min(1)).min(1).max(200),
      template: text(100).min(1).optional(),
      printer: printerName.optional(),
      reprintReason: z.string().trim().min(1).max(500).optional(),
      copies: z.number().int().min(1).max(10).optional(),
    })
    .strict(),
  'print:status': z.object({ attendeeId: text(100).min(1) }).strict(),
  'print:recent': z.object({ limit: z.number().int().min(1).max(500).optional(), attendeeId: text(100).min(1).optional() }).strict(),
  'print:batch:start': z
    .object({
      filter: batchFilter.optional(),
      sort: z.enum(['name', 'country']).optional(),
      template: text(100).min(1).optional(),
      printer: printerName.optional(),
      /** Needed when the filter includes badges already printed. */
      reprintReason: z.string().trim().min(1).max(500).optional(),
    })
    .strict(),
  /** Counts what a batch with this filter would print, without printing. */
  'print:batch:count': z.object({ filter: batchFilter.optional() }).strict(),
  /** The given batch, else this kiosk's latest (null when none). */
  'print:batch:get': z.object({ batchId: text(100).min(1).optional() }).strict(),
  'print:batch:cancel': z.object({ batchId: text(100).min(1) }).strict(),
  'print:batch:resume': z.object({ batchId: text(100).min(1), printer: printerName.optional() }).strict(),
  'badges:templates': z.object({}).strict(),
  'badges:saveTemplate': templateDesign,
  'badges:deleteTemplate': z.object({ name: text(100).min(1) }).strict(),
  /** The badge document for a live preview: a saved template by name, or an unsaved design. */
  'badges:preview': z
    .object({
      attendeeId: text(100).min(1).optional(),
      template: text(100).min(1).optional(),
      design: templateDesign.optional(),
    })
    .strict(),
  /** Badges as one PDF (Save as PDF): these attendees with the kiosk's or the given template. */
  /** Either the given attendees, or a batch's selection (filter, sort: the same list print:batch:start would print). */
  'badges:pdf': z
    .object({
      attendeeIds: z.array(text(100).min(1)).min(1).max(1000).optional(),
      filter: batchFilter.optional(),
      sort: z.enum(['name', 'country']).optional(),
      template: text(100).min(1).optional(),
    })
    .strict()
    .refine((input) => (input.attendeeIds === undefined) !== (input.filter === undefined), {
      message: 'Give either attendeeIds or filter (one of them, not both).',
      path: ['attendeeIds'],
    }),
  'sync:status': z.object({}).strict(),
  /** Pairs this kiosk with a hub (URL and the code it shows, typed or scanned from its QR). */
  'sync:pair': z.object({ url: z.url({ protocol: /^https?$/ }).max(500), code: z.string().trim().min(4).max(64) }).strict(),
  'sync:unpair': z.object({}).strict(),
  /** Syncs now (the loop also does, every few seconds). */
  'sync:now': z.object({}).strict(),
  'sync:conflicts': z.object({}).strict(),
  'sync:resolveFlag': z.object({ id: text(100).min(1), resolution: z.enum(['dismissed', 'merged']) }).strict(),
  /**
   * "This kiosk is the hub" (sync/hub-handlers.ts). hub:start defaults to 0.0.0.0:8787 (port 0:
   * a free one). The pairing QR (HubStatus.pairing.qrText) holds `accueil-pair:<hub URL>#<code>`
   * (sync/pairing-link.ts); a used or expired code is replaced when the status is read.
   */
  'hub:status': z.object({}).strict(),
  'hub:start': z.object({ port: z.number().int().min(0).max(65535).optional(), host: text(100).optional() }).strict(),
  'hub:stop': z.object({}).strict(),
  'hub:newCode': z.object({}).strict(),
  'hub:revoke': z.object({ deviceId: text(100).min(1) }).strict(),
  ...dashboardSchemas,
  ...exportSchemas,
  ...roleSchemas,
} as const;

export interface AppInfo {
  version: string;
  kioskId: string;
  kioskName: string;
  language: Language;
  event: EventInfo | null;
}

export interface Outputs extends DashboardOutputs, ExportOutputs, RoleOutputs {
  'app:info': AppInfo;
  'settings:setLanguage': { language: Language };
  'events:list': EventInfo[];
  'events:select': EventInfo;
  'events:create': EventInfo;
  'events:update': EventInfo;
  'attendees:search': AttendeeSummary[];
  'attendees:get': Attendee;
  'import:preview': ImportPreview;
  'import:run': ImportReport;
  'demo:load': EventInfo;
  'kiosk:get': KioskConfig;
  'kiosk:configure': KioskConfig;
  'checkin:scan': CheckinOutcome;
  'checkin:undo': UndoOutcome;
  'qr:attendee': AttendeeQr;
  'qr:export': QrExportReport;
  'token:revoke': TokenRevocation;
  'walkin:check': { candidates: DuplicateCandidate[] };
  'walkin:options': WalkinOptions;
  'walkin:create': WalkinOutcome;
  'attendees:update': AttendeeEdit;
  'printers:list': PrinterInfo[];
  'print:badges': PrintOutcome;
  'print:status': BadgeStatus;
  'print:recent': PrintRecord[];
  'print:batch:start': PrintBatch;
  'print:batch:count': { count: number; alreadyPrinted: number };
  'print:batch:get': PrintBatch | null;
  'print:batch:cancel': PrintBatch;
  'print:batch:resume': PrintBatch;
  'badges:templates': BadgeTemplateInfo[];
  'badges:saveTemplate': BadgeTemplateInfo;
  'badges:deleteTemplate': { name: string };
  'badges:preview': { html: string; template: string; page: { width: number; height: number }; uncovered: string[] };
  'badges:pdf': { fileName: string; data: Uint8Array; pages: number };
  'sync:status': SyncStatus;
  'sync:pair': SyncStatus;
  'sync:unpair': SyncStatus;
  'sync:now': SyncStatus;
  'sync:conflicts': SyncConflicts;
  'sync:resolveFlag': SyncConflicts;
  'hub:status': HubStatus;
  'hub:start': HubStatus;
  'hub:stop': HubStatus;
  'hub:newCode': HubStatus;
  'hub:revoke': HubStatus;
}

export type Operation = keyof typeof schemas & keyof Outputs;
export type Input<K extends Operation> = z.input<(typeof schemas)[K]>;
export type Output<K extends Operation> = Outputs[K];

export const operations = Object.keys(schemas) as Operation[];

/** Server side: one handler per operation, given already-validated input. */
export type Handlers = { [K in Operation]: (input: z.output<(typeof schemas)[K]>) => Output<K> | Promise<Output<K>> };

/** Renderer side: what `window.accueil` exposes. Every call resolves; failures are values. */
export type Api = { [K in Operation]: (input: Input<K>) => Promise<Result<Output<K>>> };

export const bridgeTokenHeader = 'x-accueil-token';

/**
 * The wire between kiosks and the hub (HTTP + JSON), shared by the hub server, the kiosk's
 * sync client and the tests. Every body is checked with these schemas on arrival, on both
 * sides: a hub or a kiosk never trusts the other's JSON.
 *
 * Model: every kiosk keeps an outbox of facts it created (check-ins, undos, walk-ins, edits,
 * prints); it pushes them (idempotent by the change id, the client's UUID, with the original
 * time); the hub appends each new one to its merged log (seq) and kiosks pull the log since
 * their cursor and apply it locally in one transaction. The same `applyChanges` serves the
 * hub (on push) and the kiosk (on pull): the hub's database is a kiosk database with hub
 * tables beside it, so "this kiosk is the hub" is the same code.
 */
import { z } from 'zod';

/** Bumped when a message changes meaning; a kiosk newer than the hub is refused with sync.protocol_newer. */
export const protocolVersion = 1;
export const protocolHeader = 'x-accueil-protocol';

/** Limits: a push of more is refused (413); the client sends at most `pushBatchSize` per request. */
export const maxPushChanges = 2000;
export const pushBatchSize = 500;
export const maxBodyBytes = 8 * 1024 * 1024;
export const pullPageSize = 5000;

export const changeKinds = [
  'checkin', // an accepted check-in (fact row of `checkins`)
  'checkin_undo', // the row that undoes one (`undoes` set)
  'walkin', // an attendee registered at a desk
  'attendee_update', // printed fields / e-mail edited at a desk, with a hybrid logical clock per field
  'attendee_upsert', // the master list (an import at the hub, or pushed by the organiser's kiosk)
  'print', // a print accepted by a printer (ledger fact)
  'token_revoke', // an attendee's QR code revoked at a desk (lost badge): the token version only ever rises
] as const;
export type ChangeKind = (typeof changeKinds)[number];

const uuid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected a UUID');
const id = z.string().min(1).max(100);
const isoTime = z.iso.datetime({ offset: true });

/** One change as pushed: the client's id makes a retried push change nothing. */
export const changeSchema = z
  .object({
    id: uuid,
    kind: z.enum(changeKinds),
    eventId: id,
    /** The original time on the device that made it (never the time of the push). */
    at: isoTime,
    /** The fact itself; checked per kind by applyChanges (payloadSchemas). */
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type Change = z.infer<typeof changeSchema>;

/** A change in the hub's merged log. */
export type LoggedChange = Change & { seq: number; deviceId: string };

export const pushRequestSchema = z
  .object({
    eventId: id,
    changes: z.array(changeSchema).max(maxPushChanges),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface PushResponse {
  /** Changes new to the hub. */
  accepted: number;
  /** Changes the hub already had (a retried batch): accepted before, nothing changed now. */
  duplicates: number;
}

/**
 * Opaque to kiosks: the hub's log position and the id of the change there, so a hub restored
 * from an older backup (whose log no longer holds that change at that position) is detected
 * and answered with sync.cursor_unknown: the kiosk then pushes everything it has again and
 * pulls from the start (both idempotent).
 */
export type Cursor = string;
export const initialCursor: Cursor = '0';

export interface PullResponse {
  changes: LoggedChange[];
  cursor: Cursor;
  /** More changes wait beyond this page. */
  more: boolean;
  /** On the last page (more: false) to a kiosk that sent its state (deviceStateHeaders): the event's kiosks. */
  fleet?: FleetDevice[];
}

/**
 * Optional on push and pull: what a kiosk tells the hub of itself, for the fleet list every
 * kiosk's dashboard shows (issue 6). Headers, so that pull pages stay the same bytes for the
 * whole fleet (cached, gzipped once). The name is percent-encoded (header values are ASCII).
 */
export const deviceStateHeaders = { kioskId: 'x-accueil-kiosk-id', name: 'x-accueil-kiosk-name', pending: 'x-accueil-pending' } as const;

export interface DeviceState {
  kioskId: string;
  name: string;
  /** Changes in its outbox not acknowledged by the hub (before this push; after its pushes, on a pull). */
  pending: number;
}

/** A kiosk of the event as the hub last heard of it (revoked devices are left out). */
export interface FleetDevice {
  deviceId: string;
  /** The kiosk's own id (the one in its check-ins); null until it has said it. */
  kioskId: string | null;
  name: string;
  /** Its last push, pull or snapshot. */
  lastSeenAt: string | null;
  lastPushAt: string | null;
  /** What it had not pushed when it last said so; null until it has. */
  pending: number | null;
}

export const pairRequestSchema = z.object({ code: z.string().trim().min(4).max(64), deviceName: z.string().trim().min(1).max(100) }).strict();
export type PairRequest = z.infer<typeof pairRequestSchema>;

export interface PairResponse {
  hubId: string;
  deviceId: string;
  /** Sent once; the hub keeps only its hash. `Authorization: Bearer <token>` on every request. */
  token: string;
  eventId: string;
  eventName: string;
}

/** First sync (and after a new import at the hub): the whole event in one gzip-compressed JSON body. */
export interface Snapshot {
  protocol: number;
  event: {
    id: string;
    name: string;
    venue: string;
    timezone: string;
    days: { date: string; label: string }[];
    checkpoints: {
      id: string;
      kind: 'entrance' | 'session';
      name: string;
      day: string | null;
      room: string;
      capacity: number | null;
      startsAt: string | null;
      endsAt: string | null;
      sort: number;
    }[];
  };
  /** The event's signing key pair (kiosks print badges with signed QR codes): reaches kiosks only through pairing. */
  keys: { publicKey: string; privateKey: string | null };
  /** Compact rows: field names once in `columns`, then one array per attendee (100,000 in a few MB). */
  attendees: { columns: string[]; rows: unknown[][] };
  /**
   * Pull from here after applying the snapshot: the log position just before the event's first
   * check-in, undo or print (the snapshot carries attendees, not those facts), so a kiosk paired
   * late still pulls every arrival; pulling something twice changes nothing.
   */
  cursor: Cursor;
}

/** Errors on the wire: `{ ok: false, code, message }` with these codes and HTTP statuses. */
export const syncErrors = {
  'sync.unauthorized': 401, // no token, unknown token, revoked device
  'sync.pairing_code_invalid': 401, // unknown, expired or already used code
  'sync.bad_request': 400, // malformed JSON or a body that fails its schema
  'sync.too_large': 413,
  'sync.protocol_newer': 426, // the kiosk speaks a newer protocol than this hub
  'sync.wrong_event': 409, // the device was paired for another event
  'sync.unknown_attendee': 422, // a change names an attendee the hub does not know (nothing of the batch stored)
  'sync.cursor_unknown': 409, // the hub's log does not hold the kiosk's cursor (restored backup)
  'sync.internal': 500,
} as const;
export type SyncErrorCode = keyof typeof syncErrors;
export interface SyncErrorBody {
  ok: false;
  code: SyncErrorCode;
  message: string;
  params?: Record<string, string | number>;
}

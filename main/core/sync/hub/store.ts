/**
 * Where the hub keeps what it knows. An interface of async methods, so that a PostgreSQL
 * backend can follow without touching the server; the embedded default is the hub's own
 * SQLite data folder (a kiosk database whose hub tables are in use), in which a push also
 * applies its changes to the attendee, check-in and print tables: the hub holds the master
 * list and the merged facts, and "this kiosk is the hub" runs on the kiosk's own file.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../../errors';
import { Settings } from '../../settings/settings';
import type { HubDevice } from '../../types';
import { applyChanges, parseChanges } from '../apply';
import { HybridClock } from '../hlc';
import { initialCursor, type Change, type Cursor, type DeviceState, type FleetDevice, type PushResponse, type Snapshot } from '../protocol';
import { codeLifetimeMs, hashCode, newPairingCode } from './auth';
import { readSnapshot, readSnapshotJson } from './snapshot';
import { prepared } from './statements';

export interface DeviceRecord {
  id: string;
  name: string;
  eventId: string;
  revokedAt: string | null;
}

export interface IssuedCode {
  code: string;
  eventId: string;
  expiresAt: string;
}

/** A page of the log, already serialised: each change's payload is sent as stored, never re-parsed. */
export interface LogPage {
  /** JSON array text of LoggedChange. */
  changesJson: string;
  count: number;
  cursor: Cursor;
  more: boolean;
}

export interface HubStore {
  hubId(): Promise<string>;
  event(eventId: string): Promise<{ id: string; name: string } | null>;
  issueCode(eventId: string, now: Date): Promise<IssuedCode>;
  /** Uses a valid code (unknown, expired or used → null) and registers the device, atomically. */
  pair(code: string, device: { id: string; name: string; tokenHash: string }, now: Date): Promise<{ eventId: string } | null>;
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  touchDevice(id: string, now: Date): Promise<void>;
  /** What a kiosk said of itself on a push or pull (any part of it). */
  reportDevice(id: string, state: Partial<DeviceState>): Promise<void>;
  /** The event's kiosks as last heard of, for the dashboards. */
  fleet(eventId: string): Promise<FleetDevice[]>;
  revokeDevice(id: string, now: Date): Promise<boolean>;
  devices(): Promise<HubDevice[]>;
  /** Validates the batch, then logs the new changes and applies them, in one transaction. */
  push(device: DeviceRecord, changes: Change[], now: Date): Promise<PushResponse>;
  /** The log after `cursor` for one event; sync.cursor_unknown when the log does not hold it. */
  pull(eventId: string, cursor: Cursor, limit: number): Promise<LogPage>;
  snapshot(eventId: string): Promise<Snapshot>;
  /** The same as JSON text, as it goes on the wire (the server's path: no objects for 100,000 rows). */
  snapshotJson(eventId: string): Promise<string>;
  close(): Promise<void>;
}

/** "<seq>:<id>" → its parts; "0" → seq 0; anything else is a bad request. */
export function parseCursor(cursor: string): { seq: number; id: string | null } {
  if (cursor === initialCursor) return { seq: 0, id: null };
  const match = /^(\d{1,15}):(.{1,100})$/.exec(cursor);
  if (!match) throw new DomainError('sync.bad_request', `Malformed cursor: ${cursor.slice(0, 120)}`, { reason: 'since: malformed cursor' });
  return { seq: Number(match[1]), id: match[2]! };
}

/** Bound of the pull page cache (characters of page JSON, ~2 bytes each): it is emptied past this. */
const pageCacheMaxChars = 32 * 2 ** 20;

export class SqliteHubStore implements HubStore {
  private readonly settings: Settings;
  private readonly clock: HybridClock;
  private readonly pageCache = new Map<string, LogPage>();
  private pageCacheChars = 0;
  private pageCacheHead = '';

  constructor(
    readonly db: Database,
    private readonly closeDb = false,
  ) {
    this.settings = new Settings(db);
    this.clock = new HybridClock(this.settings.kioskId(), () => Date.now(), this.settings.get<string>('sync.hlc') ?? null);
  }

  async hubId(): Promise<string> {
    let id = this.settings.get<string>('hub.id');
    if (!id) {
      id = randomUUID();
      this.settings.set('hub.id', id);
    }
    return id;
  }

  async event(eventId: string): Promise<{ id: string; name: string } | null> {
    return (this.db.prepare('SELECT id, name FROM events WHERE id = ?').get(eventId) as { id: string; name: string } | undefined) ?? null;
  }

  async issueCode(eventId: string, now: Date): Promise<IssuedCode> {
    return issuePairingCode(this.db, eventId, now);
  }

  async pair(code: string, device: { id: string; name: string; tokenHash: string }, now: Date): Promise<{ eventId: string } | null> {
    const at = now.toISOString();
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT event_id FROM hub_pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').get(hashCode(code), at) as
          | { event_id: string }
          | undefined;
        if (!row) return null;
        this.db.prepare('UPDATE hub_pairing_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(at, device.id, hashCode(code));
        this.db
          .prepare('INSERT INTO hub_devices (id, name, event_id, token_hash, paired_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(device.id, device.name, row.event_id, device.tokenHash, at, at);
        return { eventId: row.event_id };
      })
      .immediate();
  }

  async deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const row = prepared(this.db, 'SELECT id, name, event_id AS eventId, revoked_at AS revokedAt FROM hub_devices WHERE token_hash = ?').get(tokenHash) as
      | DeviceRecord
      | undefined;
    return row ?? null;
  }

  async touchDevice(id: string, now: Date): Promise<void> {
    prepared(this.db, 'UPDATE hub_devices SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
  }

  async revokeDevice(id: string, now: Date): Promise<boolean> {
    return revokeHubDevice(this.db, id, now);
  }

  async reportDevice(id: string, state: Partial<DeviceState>): Promise<void> {
    reportHubDevice(this.db, id, state);
  }

  async fleet(eventId: string): Promise<FleetDevice[]> {
    return listFleet(this.db, eventId);
  }

  async devices(): Promise<HubDevice[]> {
    return listHubDevices(this.db);
  }

  async push(device: DeviceRecord, changes: Change[], now: Date): Promise<PushResponse> {
    // Every payload is checked before anything is written (applyChanges checks the new ones again, cheaply).
    parseChanges(changes);
    const at = now.toISOString();
    const insert = prepared(this.db, 'INSERT OR IGNORE INTO hub_log (id, event_id, device_id, kind, at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const result = this.db
      .transaction((): PushResponse => {
        const fresh: Change[] = [];
        for (const change of changes) {
          if (insert.run(change.id, change.eventId, device.id, change.kind, change.at, JSON.stringify(change.payload), at).changes > 0) fresh.push(change);
        }
        // Only the new ones: a duplicate was applied when it first came.
        if (fresh.length > 0) applyChanges(this.db, fresh, { now: () => now, clock: this.clock });
        this.settings.set('sync.hlc', this.clock.current());
        prepared(this.db, 'UPDATE hub_devices SET last_seen_at = ?, last_push_at = ?, pushed = pushed + ? WHERE id = ?').run(at, at, fresh.length, device.id);
        return { accepted: fresh.length, duplicates: changes.length - fresh.length };
      })
      .immediate();
    return result;
  }

  async pull(eventId: string, cursor: Cursor, limit: number): Promise<LogPage> {
    // Kiosks of a fleet pull the same pages: a page read once is served again as the same
    // object (the server caches its body and gzip by it). The log only grows, so a page with
    // more after it never changes; the last page (more: false) goes as soon as the log grows.
    const head = logHead(this.db);
    if (head !== this.pageCacheHead) {
      for (const [key, page] of this.pageCache) {
        if (page.more) continue;
        this.pageCache.delete(key);
        this.pageCacheChars -= page.changesJson.length;
      }
      this.pageCacheHead = head;
    }
    const key = `${eventId}\n${cursor}\n${limit}`;
    const cached = this.pageCache.get(key);
    // Both ends still in the log (as read): a cached page is never served from another log.
    if (cached && holdsCursor(this.db, cursor) && holdsCursor(this.db, cached.cursor)) return cached;
    const page = readLogPage(this.db, eventId, cursor, limit);
    if (this.pageCacheChars + page.changesJson.length > pageCacheMaxChars) {
      this.pageCache.clear();
      this.pageCacheChars = 0;
    }
    if (cached) this.pageCacheChars -= cached.changesJson.length;
    this.pageCache.set(key, page);
    this.pageCacheChars += page.changesJson.length;
    return page;
  }

  async snapshot(eventId: string): Promise<Snapshot> {
    return readSnapshot(this.db, eventId);
  }

  async snapshotJson(eventId: string): Promise<string> {
    return readSnapshotJson(this.db, eventId);
  }

  async close(): Promise<void> {
    if (this.closeDb && this.db.open) this.db.close();
  }
}

/** Stores a new code's hash (the code itself is shown once); also used by `accueil hub-code` on the hub's file. */
export function issuePairingCode(db: Database, eventId: string, now: Date): IssuedCode {
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + codeLifetimeMs).toISOString();
  db.prepare('INSERT INTO hub_pairing_codes (code_hash, event_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    hashCode(code),
    eventId,
    now.toISOString(),
    expiresAt,
  );
  // Expired codes are of no use to anyone: they go when a new one is made.
  db.prepare('DELETE FROM hub_pairing_codes WHERE expires_at < ? AND used_at IS NULL').run(new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
  return { code, eventId, expiresAt };
}

export function revokeHubDevice(db: Database, id: string, now: Date): boolean {
  const found = db.prepare('SELECT revoked_at FROM hub_devices WHERE id = ?').get(id) as { revoked_at: string | null } | undefined;
  if (!found) return false;
  if (!found.revoked_at) db.prepare('UPDATE hub_devices SET revoked_at = ? WHERE id = ?').run(now.toISOString(), id);
  return true;
}

export function listHubDevices(db: Database): HubDevice[] {
  return db
    .prepare(
      `SELECT id, name, paired_at AS pairedAt, revoked_at AS revokedAt, last_seen_at AS lastSeenAt, pushed
       FROM hub_devices ORDER BY paired_at, id`,
    )
    .all() as HubDevice[];
}

/** Keeps what a kiosk said of itself; a part it did not say stays as it was. */
export function reportHubDevice(db: Database, id: string, state: Partial<DeviceState>): void {
  prepared(db, 'UPDATE hub_devices SET kiosk_id = coalesce(?, kiosk_id), name = coalesce(?, name), pending = coalesce(?, pending) WHERE id = ?').run(state.kioskId ?? null, state.name ?? null, state.pending ?? null, id);
}

/** The event's devices not revoked, as the hub last heard of them. */
export function listFleet(db: Database, eventId: string): FleetDevice[] {
  return prepared(
    db,
    `SELECT id AS deviceId, kiosk_id AS kioskId, name, last_seen_at AS lastSeenAt, last_push_at AS lastPushAt, pending
     FROM hub_devices WHERE event_id = ? AND revoked_at IS NULL ORDER BY name, id`,
  ).all(eventId) as FleetDevice[];
}

/** The log's last row: append-only (AUTOINCREMENT seq), so while it stays the same every page read from it stays the same. */
function logHead(db: Database): string {
  const last = prepared(db, 'SELECT seq, id FROM hub_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; id: string } | undefined;
  return last ? `${last.seq}:${last.id}` : '';
}

function holdsCursor(db: Database, cursor: Cursor): boolean {
  const { seq, id } = parseCursor(cursor);
  return id === null || (prepared(db, 'SELECT id FROM hub_log WHERE seq = ?', true).get(seq) as string | undefined) === id;
}

export function readLogPage(db: Database, eventId: string, cursor: Cursor, limit: number): LogPage {
  const { seq, id } = parseCursor(cursor);
  return db.transaction((): LogPage => {
    if (id !== null) {
      const there = prepared(db, 'SELECT id FROM hub_log WHERE seq = ?', true).get(seq) as string | undefined;
      if (there !== id) throw new DomainError('sync.cursor_unknown', `This hub's log does not hold the cursor ${cursor} (restored from an older backup?).`);
    }
    const first = prepared(db, 'SELECT seq FROM hub_log WHERE event_id = ? AND seq > ? ORDER BY seq LIMIT 1', true).get(eventId, seq) as number | undefined;
    if (first === undefined) return { changesJson: '[]', count: 0, cursor, more: false };
    // A page ends where a block of `limit` log positions ends (or at the log's end), wherever
    // it starts: kiosks whose cursors differ (each pulled at its own moment) ask for the same
    // pages after their first one, and the hub serves those from its cache, encoded and
    // gzipped once for the fleet. The block holds at most `limit` changes.
    const end = Math.ceil(first / limit) * limit;
    // SQLite writes the page's JSON itself (payload is stored JSON text, spliced by json()):
    // no row objects and no string building per change in JavaScript (as the snapshot does).
    const page = prepared(
      db,
      `SELECT json_group_array(json_object('seq', seq, 'deviceId', device_id, 'id', id, 'kind', kind, 'eventId', event_id, 'at', at,
         'payload', json(payload)) ORDER BY seq) AS changesJson, count(*) AS count, max(seq) AS last
       FROM (SELECT seq, id, event_id, device_id, kind, at, payload FROM hub_log WHERE event_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?)`,
    ).get(eventId, seq, end, limit) as { changesJson: string; count: number; last: number };
    const lastId = prepared(db, 'SELECT id FROM hub_log WHERE seq = ?', true).get(page.last) as string;
    const more = prepared(db, 'SELECT 1 FROM hub_log WHERE event_id = ? AND seq > ? LIMIT 1', true).get(eventId, page.last) === 1;
    return { changesJson: page.changesJson, count: page.count, cursor: `${page.last}:${lastId}`, more };
  })();
}

/**
 * One sync of this kiosk with its hub: the snapshot on the first sync, then the outbox pushed
 * in batches, then the hub's log pulled since the cursor, page by page. Each database step is
 * one short transaction (better-sqlite3 is synchronous: a scan waits for whatever transaction
 * runs); the network steps between them are asynchronous, so scanning never waits on the hub.
 *
 * Every step is idempotent, so a sync cut anywhere (hub killed, connection lost) is simply
 * run again: a pushed batch whose answer was lost is pushed again (the hub counts it as
 * duplicates), a page applied is never applied half (its cursor moves in the same transaction).
 */
import type { Database, Statement } from 'better-sqlite3';
import { fieldColumns, fieldNames } from '../attendees/attendees';
import { withBulkIndexing } from '../attendees/search-index';
import type { EventKeyStore } from '../checkin/keys';
import { DomainError } from '../errors';
import type { Settings } from '../settings/settings';
import { applyChanges } from './apply';
import { SyncClient } from './client';
import { HybridClock } from './hlc';
import { clocksIn } from './kiosk-clock';
import {
  changeKinds,
  initialCursor,
  pullPageSize,
  pushBatchSize,
  type Change,
  type ChangeKind,
  type Cursor,
  type DeviceState,
  type FleetDevice,
  type PushResponse,
  type Snapshot,
} from './protocol';
import { attendeeUpserts } from './publish';
import { syncKeys } from './sync-keys';

/** The fleet list as kept from the last pull. */
export interface StoredFleet {
  receivedAt: string;
  devices: FleetDevice[];
}

export interface Pairing {
  hubUrl: string;
  deviceId: string;
  token: string;
  eventId: string;
}

export interface SyncReport {
  snapshot: boolean;
  pushed: number;
  duplicates: number;
  pulled: number;
  cursorReset: boolean;
}

export interface KioskSyncDeps {
  db: Database;
  settings: Settings;
  keys: EventKeyStore;
  now: () => Date;
  /** Builds the client for a pairing (tests pass a shorter timeout). */
  client?: (pairing: { url: string; token: string | null }) => SyncClient;
  /** Page size of a pull: small pages keep each transaction short. */
  pullLimit?: number;
}

/** The outbox kinds the protocol carries (an outbox row of another kind stays local). */
const pushable = new Set<string>(changeKinds);
const pushableList = changeKinds.map((kind) => `'${kind}'`).join(', ');

interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  payload: string;
  created_at: string;
}

export class KioskSync {
  private readonly s: Record<'unsent' | 'pending' | 'markSent' | 'resetOutbox', Statement>;
  private readonly makeClient: (pairing: { url: string; token: string | null }) => SyncClient;
  private readonly pullLimit: number;

  constructor(private readonly deps: KioskSyncDeps) {
    const { db } = deps;
    this.makeClient = deps.client ?? ((pairing) => new SyncClient(pairing));
    // The hub's largest page (5,000): each commit rewrites every index page the page's rows
    // touched (check-in ids are random), so a backlog of 10,000 (the fleet benchmark) costs
    // about half as much in two commits as in four; a transaction of ~50 ms on a kiosk is
    // still short for a scan to wait on.
    this.pullLimit = deps.pullLimit ?? pullPageSize;
    this.s = {
      unsent: db.prepare(
        `SELECT seq, id, kind, payload, created_at FROM outbox
         WHERE sent_at IS NULL AND kind IN (${pushableList}) AND json_extract(payload, '$.eventId') = ?
         ORDER BY seq LIMIT ?`,
      ),
      pending: db
        .prepare(`SELECT count(*) FROM outbox WHERE sent_at IS NULL AND kind IN (${pushableList}) AND json_extract(payload, '$.eventId') = ?`)
        .pluck(),
      markSent: db.prepare("UPDATE outbox SET sent_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL"),
      resetOutbox: db.prepare('UPDATE outbox SET sent_at = NULL WHERE sent_at IS NOT NULL'),
    };
  }

  pairing(): Pairing | null {
    const { settings } = this.deps;
    const hubUrl = settings.get<string>(syncKeys.hubUrl);
    const token = settings.get<string>(syncKeys.token);
    const deviceId = settings.get<string>(syncKeys.deviceId);
    const eventId = settings.get<string>(syncKeys.eventId);
    return hubUrl && token && deviceId && eventId ? { hubUrl, token, deviceId, eventId } : null;
  }

  requirePairing(): Pairing {
    const pairing = this.pairing();
    if (!pairing) throw new DomainError('sync.not_paired', 'This kiosk is not paired with a hub.');
    return pairing;
  }

  /** Changes made here the hub has not acknowledged (for the paired event). */
  pending(): number {
    const pairing = this.pairing();
    const eventId = pairing?.eventId ?? this.deps.settings.get<string>('event.current');
    return eventId ? (this.s.pending.get(eventId) as number) : 0;
  }

  lastSyncAt(): string | null {
    return this.deps.settings.get<string>(syncKeys.lastSyncAt) ?? null;
  }

  /** What this kiosk tells the hub of itself on every push and pull. */
  deviceState(): DeviceState {
    return { kioskId: this.deps.settings.kioskId(), name: this.deps.settings.kioskName(), pending: this.pending() };
  }

  /**
   * Exchanges a pairing code for this device's token and stores the pairing. A new hub has
   * none of this kiosk's changes and its own log positions: everything is to be pushed again
   * and the first sync starts from the snapshot (both idempotent if it is the same hub).
   */
  async pair(url: string, code: string, deviceName: string): Promise<Pairing> {
    const client = this.makeClient({ url, token: null });
    const answer = await client.pair(code, deviceName);
    const { db, settings } = this.deps;
    db.transaction(() => {
      settings.set(syncKeys.hubUrl, client.url);
      settings.set(syncKeys.hubId, answer.hubId);
      settings.set(syncKeys.deviceId, answer.deviceId);
      settings.set(syncKeys.token, answer.token);
      settings.set(syncKeys.eventId, answer.eventId);
      db.prepare('DELETE FROM settings WHERE key IN (?, ?)').run(syncKeys.cursor, syncKeys.lastSyncAt);
      this.s.resetOutbox.run();
    })();
    return this.requirePairing();
  }

  /** Forgets the hub (token included); what was made here stays, to be pushed after the next pairing. */
  unpair(): void {
    const { db } = this.deps;
    const keys = [syncKeys.hubUrl, syncKeys.hubId, syncKeys.deviceId, syncKeys.token, syncKeys.eventId, syncKeys.cursor, syncKeys.lastSyncAt, syncKeys.fleet];
    db.prepare(`DELETE FROM settings WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys);
  }

  /** One full sync: snapshot (first time), push, pull. Throws the first failure as a DomainError. */
  async syncOnce(): Promise<SyncReport> {
    const pairing = this.requirePairing();
    const client = this.makeClient({ url: pairing.hubUrl, token: pairing.token });
    const report: SyncReport = { snapshot: false, pushed: 0, duplicates: 0, pulled: 0, cursorReset: false };
    if (this.deps.settings.get<string>(syncKeys.cursor) === undefined) {
      this.applySnapshot(await client.snapshot(), pairing);
      report.snapshot = true;
    }
    await this.pushAll(client, pairing, report);
    try {
      await this.pullAll(client, pairing, report);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'sync.cursor_unknown') throw error;
      // The hub lost the end of its log (restored from a backup): give it everything again, read it all again.
      this.resetCursor();
      report.cursorReset = true;
      await this.pushAll(client, pairing, report);
      await this.pullAll(client, pairing, report);
    }
    this.deps.settings.set(syncKeys.lastSyncAt, this.deps.now().toISOString());
    return report;
  }

  /** Every outbox row to be pushed again, and the log read from the start. */
  resetCursor(): void {
    this.deps.db.transaction(() => {
      this.s.resetOutbox.run();
      this.deps.settings.set(syncKeys.cursor, initialCursor);
    })();
  }

  private async pushAll(client: SyncClient, pairing: Pairing, report: SyncReport): Promise<void> {
    for (;;) {
      const rows = this.s.unsent.all(pairing.eventId, pushBatchSize) as OutboxRow[];
      if (rows.length === 0) return;
      const changes = rows.map((row) => toChange(row, pairing.eventId));
      const answer = await this.pushSupplying(client, pairing, changes);
      report.pushed += answer.accepted;
      report.duplicates += answer.duplicates;
      // Only after the hub's 200: a batch whose answer is lost stays unsent and goes again (a duplicate there).
      this.s.markSent.run(this.deps.now().toISOString(), JSON.stringify(rows.map((row) => row.id)));
    }
  }

  /**
   * Pushes a batch. A hub that refuses it for attendees it does not know (restored from an older
   * backup while the desk that registered them is away) is sent them first, as this desk holds
   * them, and the batch again: one unknown walk-in must not stop a desk's sync, pulls included.
   */
  private async pushSupplying(client: SyncClient, pairing: Pairing, changes: Change[]): Promise<PushResponse> {
    try {
      return await client.push(pairing.eventId, changes, this.deviceState());
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'sync.unknown_attendee') throw error;
      const ids = String(error.params.ids ?? '').split(', ').filter(Boolean);
      const supplied = attendeeUpserts(this.deps.db, pairing.eventId, ids, this.deps.now().toISOString());
      // Not all of them here either: nothing this desk can do, the hub's answer stands.
      if (supplied.length < ids.length) throw error;
      await client.push(pairing.eventId, supplied, this.deviceState());
      return client.push(pairing.eventId, changes, this.deviceState());
    }
  }

  private async pullAll(client: SyncClient, pairing: Pairing, report: SyncReport): Promise<void> {
    const { db, settings, now } = this.deps;
    for (;;) {
      const since = settings.get<Cursor>(syncKeys.cursor) ?? initialCursor;
      const page = await client.pull(since, this.pullLimit, this.deviceState());
      const foreign = page.changes.filter((change) => change.eventId === pairing.eventId);
      db.transaction(() => {
        const clock = new HybridClock(settings.kioskId(), () => now().getTime(), settings.get<string>(syncKeys.hlc) ?? null);
        if (foreign.length > 0) {
          const changes: Change[] = foreign.map(({ id, kind, eventId, at, payload }) => ({ id, kind, eventId, at, payload }));
          applyChanges(db, changes, { now, clock });
          // applyChanges receives the clocks it applies; these are every clock seen, applied or not.
          for (const change of foreign) for (const remote of clocksIn(change.payload.clocks)) clock.receive(remote);
          settings.set(syncKeys.hlc, clock.current());
        }
        // In the same transaction as the changes: a page is applied once, never half.
        settings.set(syncKeys.cursor, page.cursor);
        if (page.fleet) settings.set(syncKeys.fleet, { receivedAt: now().toISOString(), devices: page.fleet } satisfies StoredFleet);
      }).immediate();
      report.pulled += page.changes.length;
      if (!page.more || page.changes.length === 0) return;
    }
  }

  /**
   * The hub's event as this kiosk's, in one transaction: the event (same id), its days and
   * checkpoints, its key pair, and every attendee (fields per field clock, so an edit made
   * here and not pushed yet is kept), then the cursor the snapshot was taken at.
   */
  applySnapshot(snapshot: Snapshot, pairing: Pairing): void {
    const { db, settings, now, keys } = this.deps;
    if (snapshot.event.id !== pairing.eventId) {
      throw new DomainError('sync.bad_response', `The hub's snapshot is for event ${snapshot.event.id}, not ${pairing.eventId}.`, {
        reason: 'snapshot of another event',
      });
    }
    const at = now().toISOString();
    const event = snapshot.event;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO events (id, name, venue, timezone, created_at, updated_at) VALUES (@id, @name, @venue, @timezone, @at, @at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, venue = excluded.venue, timezone = excluded.timezone, updated_at = excluded.updated_at`,
      ).run({ id: event.id, name: event.name, venue: event.venue, timezone: event.timezone, at });
      db.prepare('DELETE FROM event_days WHERE event_id = ?').run(event.id);
      const day = db.prepare('INSERT INTO event_days (event_id, date, label) VALUES (?, ?, ?)');
      for (const d of event.days) day.run(event.id, d.date, d.label);
      const checkpoint = db.prepare(
        `INSERT INTO checkpoints (id, event_id, kind, name, day, room, capacity, starts_at, ends_at, sort)
         VALUES (@id, @eventId, @kind, @name, @day, @room, @capacity, @startsAt, @endsAt, @sort)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, day = excluded.day, room = excluded.room,
           capacity = excluded.capacity, starts_at = excluded.starts_at, ends_at = excluded.ends_at, sort = excluded.sort`,
      );
      for (const c of event.checkpoints) checkpoint.run({ ...c, eventId: event.id });
      // The hub's pair replaces any made here (a demo event signed on this kiosk before pairing).
      keys.replace(event.id, snapshot.keys.publicKey, snapshot.keys.privateKey);
      applySnapshotAttendees(db, event.id, snapshot.attendees, at);
      const clock = new HybridClock(settings.kioskId(), () => now().getTime(), settings.get<string>(syncKeys.hlc) ?? null);
      const seen = (db.prepare("SELECT field_clocks FROM attendees WHERE event_id = ? AND field_clocks <> '{}'").pluck().all(event.id) as string[]).flatMap(clocksIn);
      for (const remote of seen) clock.receive(remote);
      settings.set(syncKeys.hlc, clock.current());
      settings.set('event.current', event.id);
      settings.set(syncKeys.cursor, snapshot.cursor);
    }).immediate();
  }
}

function toChange(row: OutboxRow, eventId: string): Change {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  const at = typeof payload.at === 'string' ? payload.at : row.created_at;
  if (!pushable.has(row.kind)) throw new Error(`outbox kind ${row.kind} is not pushable`);
  return { id: row.id, kind: row.kind as ChangeKind, eventId, at, payload };
}

/** camelCase names of the snapshot columns, whichever way the hub spells them. */
const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const sources = new Set(['import', 'walk-in', 'demo', 'hub']);

interface LocalRow {
  seq: number;
  field_clocks: string;
  token_version: number;
  [column: string]: unknown;
}

/** The snapshot's attendees into this database: new ones inserted (indexed in bulk), known ones merged per field clock. */
function applySnapshotAttendees(db: Database, eventId: string, table: Snapshot['attendees'], at: string): void {
  const columns = table.columns.map(camel);
  const index = (name: string) => columns.indexOf(name);
  const col = Object.fromEntries(['id', 'status', 'source', 'tokenVersion', 'fieldClocks', 'ticketCodes', 'sessions', 'createdAt', ...fieldNames].map((n) => [n, index(n)]));
  if (col.id! < 0) throw new DomainError('sync.bad_response', "The hub's snapshot has no attendee ids.", { reason: 'snapshot without id column' });
  const s = {
    find: db.prepare('SELECT * FROM attendees WHERE id = ?'),
    insert: db.prepare(`
      INSERT INTO attendees (id, event_id, honorific, first_name, last_name, function, organisation, country, category, language, email,
        ticket_type, status, source, token_version, field_clocks, created_at, updated_at)
      VALUES (@id, @eventId, @honorific, @firstName, @lastName, @function, @organisation, @country, @category, @language, @email,
        @ticketType, @status, @source, @tokenVersion, @fieldClocks, @createdAt, @at)`),
    addCode: db.prepare('INSERT OR IGNORE INTO ticket_codes (event_id, code, attendee_id) VALUES (?, ?, ?)'),
    addSession: db.prepare('INSERT OR IGNORE INTO attendee_sessions (attendee_id, checkpoint_id) VALUES (?, ?)'),
  };
  const text = (row: unknown[], name: string): string | undefined => {
    const i = col[name]!;
    const value = i >= 0 ? row[i] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const list = (row: unknown[], name: string): string[] => {
    const i = col[name]!;
    let value = i >= 0 ? row[i] : undefined;
    if (typeof value === 'string') value = value.startsWith('[') ? (JSON.parse(value) as unknown) : value.split('|').filter(Boolean);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  const clocksOf = (value: unknown): Record<string, string> => {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value || '{}') : value;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  };
  const known: { row: unknown[]; local: LocalRow }[] = [];
  const updates = new Map<string, Statement>();
  // One read of the ids already here rather than a lookup per row (100,000 on a first sync).
  const existing = new Set(db.prepare('SELECT id FROM attendees').pluck().all() as string[]);
  withBulkIndexing(db, () => {
    for (const row of table.rows) {
      const id = text(row, 'id');
      if (!id) continue;
      if (existing.has(id)) {
        const local = s.find.get(id) as LocalRow | undefined;
        if (local) known.push({ row, local });
        continue;
      }
      const source = text(row, 'source') ?? 'hub';
      const tokenVersion = col.tokenVersion! >= 0 ? Number(row[col.tokenVersion!]) || 1 : 1;
      s.insert.run({
        id,
        eventId,
        ...Object.fromEntries(fieldNames.map((name) => [name, text(row, name) ?? ''])),
        status: text(row, 'status') === 'cancelled' ? 'cancelled' : 'valid',
        source: sources.has(source) ? source : 'hub',
        tokenVersion,
        fieldClocks: JSON.stringify(clocksOf(col.fieldClocks! >= 0 ? row[col.fieldClocks!] : {})),
        createdAt: text(row, 'createdAt') ?? at,
        at,
      });
      for (const code of list(row, 'ticketCodes')) s.addCode.run(eventId, code, id);
      for (const checkpointId of list(row, 'sessions')) s.addSession.run(id, checkpointId);
    }
  });
  // Updates outside the bulk indexing: the update trigger keeps the search index in step.
  for (const { row, local } of known) {
    const theirs = clocksOf(col.fieldClocks! >= 0 ? row[col.fieldClocks!] : {});
    const ours = clocksOf(local.field_clocks);
    const sets: string[] = [];
    const values: Record<string, unknown> = { id: local.id, at };
    for (const name of fieldNames) {
      const value = text(row, name);
      if (value === undefined) continue;
      // An edit made here and not pushed yet carries a later clock than the hub's: it stays.
      if ((theirs[name] ?? '') < (ours[name] ?? '')) continue;
      if (theirs[name]) ours[name] = theirs[name]!;
      if (value !== local[fieldColumns[name]]) {
        sets.push(`${fieldColumns[name]} = @${name}`);
        values[name] = value;
      }
    }
    const status = text(row, 'status');
    if (status === 'valid' || status === 'cancelled') {
      sets.push('status = @status');
      values.status = status;
    }
    const tokenVersion = col.tokenVersion! >= 0 ? Number(row[col.tokenVersion!]) || 1 : 1;
    values.tokenVersion = Math.max(tokenVersion, local.token_version);
    values.clocks = JSON.stringify(ours);
    const sql = `UPDATE attendees SET ${[...sets, 'token_version = @tokenVersion', 'field_clocks = @clocks', 'updated_at = @at'].join(', ')} WHERE id = @id`;
    let update = updates.get(sql);
    if (!update) updates.set(sql, (update = db.prepare(sql)));
    update.run(values);
  }
  for (const { row, local } of known) {
    for (const code of list(row, 'ticketCodes')) s.addCode.run(eventId, code, local.id as string);
    for (const checkpointId of list(row, 'sessions')) s.addSession.run(local.id as string, checkpointId);
  }
}

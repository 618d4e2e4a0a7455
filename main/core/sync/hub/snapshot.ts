/**
 * The first sync of a kiosk: the whole event as one gzip-compressed JSON body (protocol.ts
 * Snapshot). Attendees go as compact rows (field names once), read in the same transaction as
 * the log cursor, so a kiosk that applies it and pulls from that cursor misses nothing.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../../errors';
import { initialCursor, protocolVersion, type Cursor, type Snapshot } from '../protocol';

/** The columns of Snapshot.attendees.rows, in order. */
export const snapshotColumns = [
  'id',
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
  'status',
  'source',
  'tokenVersion',
  'badgeNeedsReprint',
  'ticketCodes',
  'sessions',
  'fieldClocks',
  'createdAt',
  'updatedAt',
] as const;
export type SnapshotColumn = (typeof snapshotColumns)[number];

const gzip = promisify(zlib.gzip);

/** "<seq>:<id>" of the last change in the log, "0" when it is empty. */
export function logCursor(db: Database): Cursor {
  const last = db.prepare('SELECT seq, id FROM hub_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; id: string } | undefined;
  return last ? `${last.seq}:${last.id}` : initialCursor;
}

/** Reads the event from the hub's tables in one (read) transaction. */
export function readSnapshot(db: Database, eventId: string): Snapshot {
  return db.transaction((): Snapshot => {
    const event = db.prepare('SELECT id, name, venue, timezone FROM events WHERE id = ?').get(eventId) as
      | { id: string; name: string; venue: string; timezone: string }
      | undefined;
    if (!event) throw new DomainError('event.not_found', `No event ${eventId}.`, { id: eventId });
    const days = db.prepare('SELECT date, label FROM event_days WHERE event_id = ? ORDER BY date').all(eventId) as { date: string; label: string }[];
    const checkpoints = db
      .prepare(
        `SELECT id, kind, name, day, room, capacity, starts_at AS startsAt, ends_at AS endsAt, sort
         FROM checkpoints WHERE event_id = ? ORDER BY sort, id`,
      )
      .all(eventId) as Snapshot['event']['checkpoints'];
    const keys = db.prepare('SELECT public_key AS publicKey, private_key AS privateKey FROM event_keys WHERE event_id = ?').get(eventId) as
      | Snapshot['keys']
      | undefined;
    if (!keys) throw new DomainError('sync.internal', `The event ${eventId} has no signing keys.`, { reason: 'no event keys' });

    const codes = new Map<string, string[]>();
    for (const row of db.prepare('SELECT attendee_id, code FROM ticket_codes WHERE event_id = ? ORDER BY rowid').raw().iterate(eventId) as Iterable<[string, string]>) {
      const list = codes.get(row[0]);
      if (list) list.push(row[1]);
      else codes.set(row[0], [row[1]]);
    }
    const sessions = new Map<string, string[]>();
    const sessionRows = db
      .prepare('SELECT s.attendee_id, s.checkpoint_id FROM attendee_sessions s JOIN checkpoints c ON c.id = s.checkpoint_id WHERE c.event_id = ?')
      .raw()
      .iterate(eventId) as Iterable<[string, string]>;
    for (const row of sessionRows) {
      const list = sessions.get(row[0]);
      if (list) list.push(row[1]);
      else sessions.set(row[0], [row[1]]);
    }
    const rows: unknown[][] = [];
    const attendeeRows = db
      .prepare(
        `SELECT id, honorific, first_name, last_name, function, organisation, country, category, language, email, ticket_type,
                status, source, token_version, badge_needs_reprint, field_clocks, created_at, updated_at
         FROM attendees WHERE event_id = ? ORDER BY seq`,
      )
      .raw()
      .iterate(eventId) as Iterable<unknown[]>;
    for (const r of attendeeRows) {
      const id = r[0] as string;
      const clocks = r[15] === '{}' ? {} : (JSON.parse(r[15] as string) as unknown);
      rows.push([...r.slice(0, 13), r[13], r[14] === 1, codes.get(id) ?? [], sessions.get(id) ?? [], clocks, r[16], r[17]]);
    }
    return {
      protocol: protocolVersion,
      event: { id: event.id, name: event.name, venue: event.venue, timezone: event.timezone, days, checkpoints },
      keys,
      attendees: { columns: [...snapshotColumns], rows },
      cursor: logCursor(db),
    };
  })();
}

/** The snapshot as it goes on the wire. */
export async function gzipSnapshot(snapshot: Snapshot): Promise<Buffer> {
  return gzip(JSON.stringify(snapshot), { level: 6 });
}

/** One snapshot row as an object keyed by column (for kiosks and tests). */
export function snapshotRecord(columns: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((name, i) => [name, row[i]]));
}

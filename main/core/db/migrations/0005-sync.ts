import type { Migration } from '../migrate';

/**
 * Sync with the hub (issue 5). A kiosk's database and the hub's are the same schema: the hub
 * tables stay empty on a kiosk, and "this kiosk is the hub" uses them in place.
 *
 * - attendees.field_clocks: per printed field / e-mail, the hybrid logical clock of the write
 *   that set it (JSON {field: hlc}); an edit applies field by field when its clock is later.
 * - sync_flags: what a supervisor must look at (a walk-in that looks like someone registered);
 *   never merged silently. Double admissions are derived from check-ins, not stored.
 * - hub_devices / hub_pairing_codes: tokens and codes kept only as SHA-256 hashes.
 * - hub_log: the merged log kiosks pull; `id` is the client's change UUID (a retried push is
 *   ignored), `seq` the hub's order.
 */
export const migration: Migration = {
  version: 5,
  name: 'sync',
  up: `
    ALTER TABLE attendees ADD COLUMN field_clocks TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE sync_flags (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      attendee_id TEXT NOT NULL,
      other_id TEXT,
      details TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      resolution TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX sync_flags_unique ON sync_flags(kind, attendee_id, IFNULL(other_id, ''));

    CREATE TABLE hub_devices (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      event_id TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      paired_at TEXT NOT NULL,
      revoked_at TEXT,
      last_seen_at TEXT,
      last_push_at TEXT,
      pushed INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE hub_pairing_codes (
      code_hash TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      device_id TEXT
    );

    CREATE TABLE hub_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      event_id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      payload TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX hub_log_event ON hub_log(event_id, seq);
  `,
};

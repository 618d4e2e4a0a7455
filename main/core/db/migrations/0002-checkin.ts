import type { Migration } from '../migrate';

/**
 * Check-in at the door: the event's signing keys, per-attendee token versions (revocation),
 * and the columns a check-in needs to be told apart and undone.
 */
export const migration: Migration = {
  version: 2,
  name: 'checkin',
  up: `
    -- One Ed25519 key pair per event. A kiosk that only verifies holds the public key alone
    -- (private_key NULL); keys are raw base64 (32-byte public key, PKCS#8 DER private key).
    CREATE TABLE event_keys (
      event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
      public_key TEXT NOT NULL,
      private_key TEXT,
      created_at TEXT NOT NULL
    );

    -- Revoking an attendee's QR code bumps this; a token signed with a lower version is refused.
    ALTER TABLE attendees ADD COLUMN token_version INTEGER NOT NULL DEFAULT 1;

    -- The kiosk's name at the time of the scan ("already checked in at 09:14 at desk 2"),
    -- whether staff admitted by override, and for an undo row the check-in it cancels.
    ALTER TABLE checkins ADD COLUMN kiosk_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE checkins ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE checkins ADD COLUMN undoes TEXT;
    CREATE INDEX checkins_undoes ON checkins(undoes) WHERE undoes IS NOT NULL;
  `,
};

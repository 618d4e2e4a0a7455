import type { Migration } from '../migrate';

/**
 * The organisers' dashboard (issue 6) in under 50 ms at 100,000 attendees and 200,000
 * check-ins. Grouping 100,000 people by category and country on every refresh costs more
 * than that, so the dashboard keeps small tallies and reads only them:
 *
 * - dashboard_presence: one row per person, place and day with an accepted check-in that was
 *   not undone (first time there). Place: kind 'entrance' (every entrance checkpoint counts as
 *   one door, checkpoint '') or 'session' (checkpoint = its id). Day '*': any day (entrance only).
 * - dashboard_present / dashboard_arrivals: those rows counted per attendee group (status,
 *   category, country, walk-in) and per 15-minute slot of the first arrival (unix time / 900).
 * - dashboard_expected / dashboard_registered: attendees per group, registrations per room.
 *
 * The dashboard brings them up to date when it is read (dashboard/tallies.ts): check-ins,
 * attendees and registrations only ever get new rowids, so it reads the rows after the ones it
 * has counted (dashboard_state). Nothing is added to the check-in, import or sync paths, which
 * have their own targets: the only triggers on those tables fire on rare changes (an
 * attendee's group, a deleted registration) or mark the tallies stale (a deletion, a
 * checkpoint changing kind), and do nothing until the dashboard was first read.
 * The tallies' own triggers (on dashboard_presence) keep the counts in step with the rows; with
 * no dashboard_state row (being counted again from scratch) they do nothing.
 */
export const migration: Migration = {
  version: 6,
  name: 'dashboard',
  up: `
    CREATE TABLE dashboard_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      checkin_rowid INTEGER NOT NULL DEFAULT 0,
      attendee_seq INTEGER NOT NULL DEFAULT 0,
      session_rowid INTEGER NOT NULL DEFAULT 0,
      -- Check-ins were seen at a checkpoint this database does not hold (synced before the event's setup).
      unknown_checkpoints INTEGER NOT NULL DEFAULT 0,
      -- Something was deleted or a checkpoint changed kind: counted again from scratch on the next read.
      stale INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE dashboard_presence (
      attendee_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      checkpoint TEXT NOT NULL,
      day TEXT NOT NULL,
      event_id TEXT NOT NULL,
      first_at TEXT NOT NULL,
      PRIMARY KEY (attendee_id, kind, checkpoint, day)
    ) WITHOUT ROWID;

    CREATE TABLE dashboard_present (
      event_id TEXT NOT NULL,
      day TEXT NOT NULL,
      kind TEXT NOT NULL,
      checkpoint TEXT NOT NULL,
      status TEXT NOT NULL,
      category TEXT NOT NULL,
      country TEXT NOT NULL,
      walkin INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (event_id, kind, checkpoint, day, status, category, country, walkin)
    ) WITHOUT ROWID;

    CREATE TABLE dashboard_arrivals (
      event_id TEXT NOT NULL,
      day TEXT NOT NULL,
      kind TEXT NOT NULL,
      checkpoint TEXT NOT NULL,
      status TEXT NOT NULL,
      slot INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (event_id, kind, checkpoint, day, status, slot)
    ) WITHOUT ROWID;

    CREATE TABLE dashboard_expected (
      event_id TEXT NOT NULL,
      status TEXT NOT NULL,
      category TEXT NOT NULL,
      country TEXT NOT NULL,
      walkin INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (event_id, status, category, country, walkin)
    ) WITHOUT ROWID;

    CREATE TABLE dashboard_registered (
      checkpoint_id TEXT NOT NULL,
      status TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (checkpoint_id, status)
    ) WITHOUT ROWID;

    CREATE TRIGGER dashboard_presence_insert AFTER INSERT ON dashboard_presence WHEN EXISTS (SELECT 1 FROM dashboard_state) BEGIN
      INSERT INTO dashboard_present (event_id, day, kind, checkpoint, status, category, country, walkin, n)
        SELECT NEW.event_id, NEW.day, NEW.kind, NEW.checkpoint, a.status, a.category, a.country, a.source = 'walk-in', 1
        FROM attendees a WHERE a.id = NEW.attendee_id
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT NEW.event_id, NEW.day, NEW.kind, NEW.checkpoint, a.status, CAST(strftime('%s', NEW.first_at) AS INTEGER) / 900, 1
        FROM attendees a WHERE a.id = NEW.attendee_id AND NEW.day <> '*'
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    CREATE TRIGGER dashboard_presence_delete AFTER DELETE ON dashboard_presence WHEN EXISTS (SELECT 1 FROM dashboard_state) BEGIN
      INSERT INTO dashboard_present (event_id, day, kind, checkpoint, status, category, country, walkin, n)
        SELECT OLD.event_id, OLD.day, OLD.kind, OLD.checkpoint, a.status, a.category, a.country, a.source = 'walk-in', -1
        FROM attendees a WHERE a.id = OLD.attendee_id
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT OLD.event_id, OLD.day, OLD.kind, OLD.checkpoint, a.status, CAST(strftime('%s', OLD.first_at) AS INTEGER) / 900, -1
        FROM attendees a WHERE a.id = OLD.attendee_id AND OLD.day <> '*'
        ON CONFLICT DO UPDATE SET n = n - 1;
    END;

    CREATE TRIGGER dashboard_presence_moved AFTER UPDATE OF first_at ON dashboard_presence
    WHEN NEW.day <> '*' AND EXISTS (SELECT 1 FROM dashboard_state) BEGIN
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT OLD.event_id, OLD.day, OLD.kind, OLD.checkpoint, a.status, CAST(strftime('%s', OLD.first_at) AS INTEGER) / 900, -1
        FROM attendees a WHERE a.id = OLD.attendee_id
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT NEW.event_id, NEW.day, NEW.kind, NEW.checkpoint, a.status, CAST(strftime('%s', NEW.first_at) AS INTEGER) / 900, 1
        FROM attendees a WHERE a.id = NEW.attendee_id
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    -- An attendee moving group (cancelled, category or country corrected): every count of them moves.
    CREATE TRIGGER dashboard_attendee_group AFTER UPDATE OF status, category, country, source ON attendees
    WHEN (OLD.status IS NOT NEW.status OR OLD.category IS NOT NEW.category OR OLD.country IS NOT NEW.country OR OLD.source IS NOT NEW.source)
      AND EXISTS (SELECT 1 FROM dashboard_state WHERE stale = 0)
    BEGIN
      INSERT INTO dashboard_expected (event_id, status, category, country, walkin, n)
        SELECT OLD.event_id, OLD.status, OLD.category, OLD.country, OLD.source = 'walk-in', -1 FROM dashboard_state WHERE OLD.seq <= attendee_seq
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_expected (event_id, status, category, country, walkin, n)
        SELECT NEW.event_id, NEW.status, NEW.category, NEW.country, NEW.source = 'walk-in', 1 FROM dashboard_state WHERE NEW.seq <= attendee_seq
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO dashboard_present (event_id, day, kind, checkpoint, status, category, country, walkin, n)
        SELECT p.event_id, p.day, p.kind, p.checkpoint, OLD.status, OLD.category, OLD.country, OLD.source = 'walk-in', -1
        FROM dashboard_presence p WHERE p.attendee_id = OLD.id
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_present (event_id, day, kind, checkpoint, status, category, country, walkin, n)
        SELECT p.event_id, p.day, p.kind, p.checkpoint, NEW.status, NEW.category, NEW.country, NEW.source = 'walk-in', 1
        FROM dashboard_presence p WHERE p.attendee_id = NEW.id
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT p.event_id, p.day, p.kind, p.checkpoint, OLD.status, CAST(strftime('%s', p.first_at) AS INTEGER) / 900, -1
        FROM dashboard_presence p WHERE p.attendee_id = OLD.id AND p.day <> '*' AND OLD.status IS NOT NEW.status
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_arrivals (event_id, day, kind, checkpoint, status, slot, n)
        SELECT p.event_id, p.day, p.kind, p.checkpoint, NEW.status, CAST(strftime('%s', p.first_at) AS INTEGER) / 900, 1
        FROM dashboard_presence p WHERE p.attendee_id = NEW.id AND p.day <> '*' AND OLD.status IS NOT NEW.status
        ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO dashboard_registered (checkpoint_id, status, n)
        SELECT s.checkpoint_id, OLD.status, -1 FROM attendee_sessions s, dashboard_state st
        WHERE s.attendee_id = OLD.id AND s.rowid <= st.session_rowid AND OLD.status IS NOT NEW.status
        ON CONFLICT DO UPDATE SET n = n - 1;
      INSERT INTO dashboard_registered (checkpoint_id, status, n)
        SELECT s.checkpoint_id, NEW.status, 1 FROM attendee_sessions s, dashboard_state st
        WHERE s.attendee_id = NEW.id AND s.rowid <= st.session_rowid AND OLD.status IS NOT NEW.status
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    -- A re-import rewrites registrations (delete, insert): the new rows are read by rowid, the deleted ones leave here.
    CREATE TRIGGER dashboard_session_delete AFTER DELETE ON attendee_sessions
    WHEN EXISTS (SELECT 1 FROM dashboard_state WHERE stale = 0 AND OLD.rowid <= session_rowid)
    BEGIN
      UPDATE dashboard_registered SET n = n - 1
        WHERE checkpoint_id = OLD.checkpoint_id AND status = (SELECT status FROM attendees WHERE id = OLD.attendee_id);
    END;

    -- Deletions (a purge) and checkpoints changing kind: counted again from scratch. A purged
    -- person leaves nothing here either (only counts, which are counted again, remain).
    CREATE TRIGGER dashboard_stale_attendee AFTER DELETE ON attendees BEGIN
      UPDATE dashboard_state SET stale = 1 WHERE stale = 0;
      DELETE FROM dashboard_presence WHERE attendee_id = OLD.id;
    END;
    CREATE TRIGGER dashboard_stale_checkin AFTER DELETE ON checkins BEGIN
      UPDATE dashboard_state SET stale = 1 WHERE stale = 0;
    END;
    CREATE TRIGGER dashboard_stale_checkpoint_kind AFTER UPDATE OF kind ON checkpoints WHEN OLD.kind IS NOT NEW.kind BEGIN
      UPDATE dashboard_state SET stale = 1 WHERE stale = 0;
    END;
    CREATE TRIGGER dashboard_stale_checkpoint_delete AFTER DELETE ON checkpoints BEGIN
      UPDATE dashboard_state SET stale = 1 WHERE stale = 0;
    END;
    CREATE TRIGGER dashboard_stale_checkpoint_new AFTER INSERT ON checkpoints
    WHEN EXISTS (SELECT 1 FROM dashboard_state WHERE unknown_checkpoints > 0)
    BEGIN
      UPDATE dashboard_state SET stale = 1 WHERE stale = 0;
    END;

    -- What each kiosk of the fleet last told the hub of itself (sync/protocol.ts, deviceStateHeaders).
    ALTER TABLE hub_devices ADD COLUMN kiosk_id TEXT;
    ALTER TABLE hub_devices ADD COLUMN pending INTEGER;
  `,
};

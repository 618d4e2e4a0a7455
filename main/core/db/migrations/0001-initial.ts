import type { Migration } from '../migrate';

/**
 * The first schema. Later migrations only add (tables, columns, indexes): a kiosk that
 * synced with a newer hub must still be able to read its own file.
 */
export const migration: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE events (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      venue TEXT NOT NULL DEFAULT '',
      timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE event_days (
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      label TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (event_id, date)
    );

    -- The main entrance and every room whose attendance is counted (workshops, meetings).
    CREATE TABLE checkpoints (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('entrance', 'session')),
      name TEXT NOT NULL,
      day TEXT,
      room TEXT NOT NULL DEFAULT '',
      capacity INTEGER,
      starts_at TEXT,
      ends_at TEXT,
      sort INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX checkpoints_event ON checkpoints(event_id, sort);

    -- seq is the stable integer key the search index points at (an implicit rowid could be
    -- renumbered by VACUUM); id is the UUID every other table and every kiosk uses.
    CREATE TABLE attendees (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      honorific TEXT NOT NULL DEFAULT '',
      first_name TEXT NOT NULL DEFAULT '',
      last_name TEXT NOT NULL DEFAULT '',
      function TEXT NOT NULL DEFAULT '',
      organisation TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT '',
      category TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      ticket_type TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'cancelled')),
      source TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'walk-in', 'demo', 'hub')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX attendees_event_name ON attendees(event_id, last_name, first_name);

    -- An attendee may hold several codes (one per ticket, or a platform barcode and a reference).
    -- Codes compare without case: a scanner or a volunteer may type them either way, and the
    -- one NOCASE key serves exact lookups and prefix searches (LIKE 'wz-12%') alike.
    CREATE TABLE ticket_codes (
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      code TEXT NOT NULL COLLATE NOCASE,
      attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
      PRIMARY KEY (event_id, code)
    );
    CREATE INDEX ticket_codes_attendee ON ticket_codes(attendee_id);

    CREATE TABLE attendee_sessions (
      attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
      checkpoint_id TEXT NOT NULL REFERENCES checkpoints(id) ON DELETE CASCADE,
      PRIMARY KEY (attendee_id, checkpoint_id)
    );

    -- Append-only facts: a mistaken check-in is undone by a later row, never by an UPDATE.
    CREATE TABLE checkins (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      attendee_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,
      checkpoint_id TEXT NOT NULL,
      day TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('qr', 'wedge', 'search', 'walk-in', 'cli')),
      result TEXT NOT NULL DEFAULT 'accepted',
      at TEXT NOT NULL,
      code TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX checkins_attendee ON checkins(attendee_id, day, at);
    CREATE INDEX checkins_event_day ON checkins(event_id, day, checkpoint_id);
    CREATE TRIGGER checkins_append_only BEFORE UPDATE ON checkins
      BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;

    CREATE TABLE print_log (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
      template TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      printer TEXT NOT NULL DEFAULT '',
      copies INTEGER NOT NULL DEFAULT 1,
      reason TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'sent',
      at TEXT NOT NULL
    );
    CREATE INDEX print_log_attendee ON print_log(attendee_id, at);

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      kiosk_id TEXT NOT NULL,
      role TEXT NOT NULL DEFAULT 'staff',
      action TEXT NOT NULL,
      target TEXT NOT NULL DEFAULT '',
      details TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- What this kiosk still has to tell the hub; written in the same transaction as the fact.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX outbox_pending ON outbox(seq) WHERE sent_at IS NULL;

    -- Search index kept in step by triggers (see attendees/search-index.ts). 'event' holds one token per event so a query can
    -- be confined to the kiosk's event inside FTS itself; 'latin' holds an ASCII
    -- transliteration so that staff typing Latin letters find names written in Arabic,
    -- Chinese, Cyrillic or Greek. Ticket codes are searched in ticket_codes directly.
    -- Contentless: the text already lives in attendees, and a second copy would double what
    -- an import of 100,000 people writes. Rows are deleted or rewritten whole by the triggers.
    CREATE VIRTUAL TABLE attendee_search USING fts5(
      event, names, organisation, country, email, latin,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );

    CREATE TRIGGER attendees_search_insert AFTER INSERT ON attendees WHEN NOT accueil_index_paused() BEGIN
      INSERT INTO attendee_search(rowid, event, names, organisation, country, email, latin)
      VALUES (NEW.seq, accueil_event_token(NEW.event_id), NEW.first_name || ' ' || NEW.last_name, NEW.organisation,
              NEW.country, NEW.email, accueil_latin(NEW.first_name || ' ' || NEW.last_name || ' ' || NEW.organisation || ' ' || NEW.country));
    END;
    CREATE TRIGGER attendees_search_update AFTER UPDATE OF event_id, first_name, last_name, organisation, country, email ON attendees BEGIN
      UPDATE attendee_search SET
        event = accueil_event_token(NEW.event_id),
        names = NEW.first_name || ' ' || NEW.last_name,
        organisation = NEW.organisation,
        country = NEW.country,
        email = NEW.email,
        latin = accueil_latin(NEW.first_name || ' ' || NEW.last_name || ' ' || NEW.organisation || ' ' || NEW.country)
      WHERE rowid = NEW.seq;
    END;
    CREATE TRIGGER attendees_search_delete AFTER DELETE ON attendees BEGIN
      DELETE FROM attendee_search WHERE rowid = OLD.seq;
    END;
  `,
};

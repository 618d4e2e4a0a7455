/**
 * What every sheet of one export asks about each attendee, worked out once: their place in the
 * French name order, whether they are present at all, and their first entrance check-in of each
 * day. Before, each sheet re-derived it (a sort key called through JavaScript for every row of
 * every sorted query, an EXISTS over the check-ins per attendee and per day in each totals
 * sheet): most of the XLSX export's time at 100,000 attendees (BENCHMARKS.md).
 *
 * Both live in temporary tables of the export's own connection (its temp file, not the
 * JavaScript heap: memory stays flat whatever the number of attendees) and are dropped when
 * the export ends. The read transaction the export runs in (reader.ts) keeps them consistent
 * with the rows the sheets read.
 */
import type { Database } from 'better-sqlite3';
import { registerSortKey, sortKeyFn } from './sort-key';

// A check-in counts when it was accepted and no later row undoes it (check-ins are append-only).
export const counted = `c.result = 'accepted' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)`;

/** Distinct names per build: a standalone list (the feuille d'émargement) may be read while an export's tables exist on the same connection. */
let built = 0;

export class ExportPeople {
  /**
   * rank (name order, the table's key: reading it in key order needs no sort), seq and id of
   * the attendee, and the facts the filters and totals read.
   */
  readonly people: string;
  /**
   * (entrance, day, rank) → the first counted check-in of that person that day, at an entrance
   * (entrance = 1: the day's arrival) or at any workshop (entrance = 0: only says they came).
   */
  readonly firsts: string;
  private dropped = false;

  constructor(
    private readonly db: Database,
    readonly eventId: string,
  ) {
    built += 1;
    this.people = `temp.export_people_${built}`;
    this.firsts = `temp.export_firsts_${built}`;
    registerSortKey(db);
    db.exec(`
      CREATE TABLE ${this.people} (
        rank INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        valid INTEGER NOT NULL,
        walkin INTEGER NOT NULL,
        present INTEGER NOT NULL,
        country TEXT NOT NULL,
        organisation TEXT NOT NULL
      );
      CREATE TABLE ${this.firsts} (
        entrance INTEGER NOT NULL,
        day TEXT NOT NULL,
        rank INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        kiosk_name TEXT NOT NULL,
        method TEXT NOT NULL,
        PRIMARY KEY (entrance, day, rank)
      ) WITHOUT ROWID;`);
    try {
      // Each name's key is computed once here (SQLite evaluates ORDER BY terms once per row);
      // the sheets then sort by the integer rank.
      db.prepare(
        `INSERT INTO ${this.people} (rank, seq, id, valid, walkin, present, country, organisation)
         SELECT row_number() OVER (ORDER BY ${sortKeyFn}(a.last_name), ${sortKeyFn}(a.first_name), a.last_name, a.first_name, a.id),
           a.seq, a.id, a.status = 'valid', a.source = 'walk-in', 0, a.country, a.organisation
         FROM attendees a WHERE a.event_id = ?`,
      ).run(eventId);
      db.exec(`CREATE UNIQUE INDEX ${this.people}_id ON ${this.people.slice('temp.'.length)} (id)`);
      // One pass over the event's check-ins instead of an EXISTS per attendee in every sheet
      // (+c.event_id: scanning the table beats the event index and a row lookup per check-in,
      // an event's check-ins being nearly all of them). min() with bare columns: kiosk and
      // method come from the row holding the earliest time. A check-in at a checkpoint removed
      // from the event since still makes its person present (LEFT JOIN), as a non-entrance one.
      db.prepare(
        `INSERT INTO ${this.firsts} (entrance, day, rank, seq, at, kiosk_name, method)
         SELECT g.entrance, g.day, p.rank, p.seq, g.at, g.kiosk_name, g.method
         FROM (SELECT c.attendee_id, c.day, coalesce(k.kind = 'entrance', 0) AS entrance, min(c.at) AS at,
                 coalesce(nullif(c.kiosk_name, ''), c.kiosk_id) AS kiosk_name, c.method
               FROM checkins c LEFT JOIN checkpoints k ON k.id = c.checkpoint_id
               WHERE +c.event_id = ? AND ${counted}
               GROUP BY c.attendee_id, c.day, coalesce(k.kind = 'entrance', 0)) g
         JOIN ${this.people} p ON p.id = g.attendee_id`,
      ).run(eventId);
      db.exec(`UPDATE ${this.people} SET present = 1 WHERE rank IN (SELECT rank FROM ${this.firsts})`);
    } catch (error) {
      this.drop();
      throw error;
    }
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.db.exec(`DROP TABLE IF EXISTS ${this.people}; DROP TABLE IF EXISTS ${this.firsts};`);
  }
}

/**
 * Brings the dashboard's tallies (migration 0006) up to date with the rows written since the
 * last read: new attendees and registrations are counted per group, new check-ins become
 * presence rows (whose triggers count them). Check-ins are read in chunks of short
 * transactions, so that a first read after 200,000 synced check-ins never holds the database
 * long enough to make a scan wait; a read after a few new scans is one small transaction.
 *
 * A check-in counts when it was accepted and is not undone (an undo row names it). Undo rows
 * make the dashboard count that person again from their check-ins.
 */
import type { Database, Statement } from 'better-sqlite3';

export interface TallyChunks {
  /** Check-ins per transaction of catch-up. */
  checkins?: number;
  /** Attendees (and registrations) per transaction. */
  attendees?: number;
}

interface State {
  checkin_rowid: number;
  attendee_seq: number;
  session_rowid: number;
  unknown_checkpoints: number;
  stale: number;
}

/** The place a check-in counts for: every entrance is the one door; a session checkpoint is its room. */
const place = `p.kind, CASE p.kind WHEN 'entrance' THEN '' ELSE p.id END`;
const notUndone = 'NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id)';

export class DashboardTallies {
  private readonly s: Record<
    | 'state'
    | 'init'
    | 'maxCheckin'
    | 'maxSeq'
    | 'maxSession'
    | 'countAttendees'
    | 'countSessions'
    | 'presenceDays'
    | 'presenceAnyDay'
    | 'undoAttendees'
    | 'dropPresenceOf'
    | 'recountPresenceDays'
    | 'recountPresenceAnyDay'
    | 'unknownCheckpoints'
    | 'advance',
    Statement
  >;

  private readonly checkinChunk: number;
  private readonly attendeeChunk: number;

  constructor(
    private readonly db: Database,
    chunks: TallyChunks = {},
  ) {
    this.checkinChunk = chunks.checkins ?? 5000;
    this.attendeeChunk = chunks.attendees ?? 50_000;
    this.s = {
      state: db.prepare('SELECT checkin_rowid, attendee_seq, session_rowid, unknown_checkpoints, stale FROM dashboard_state WHERE id = 1'),
      init: db.prepare('INSERT INTO dashboard_state (id) VALUES (1)'),
      maxCheckin: db.prepare('SELECT coalesce(max(rowid), 0) FROM checkins').pluck(),
      maxSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM attendees').pluck(),
      maxSession: db.prepare('SELECT coalesce(max(rowid), 0) FROM attendee_sessions').pluck(),
      countAttendees: db.prepare(`
        INSERT INTO dashboard_expected (event_id, status, category, country, walkin, n)
        SELECT event_id, status, category, country, source = 'walk-in', count(*) FROM attendees WHERE seq > ? AND seq <= ?
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT DO UPDATE SET n = n + excluded.n`),
      countSessions: db.prepare(`
        INSERT INTO dashboard_registered (checkpoint_id, status, n)
        SELECT s.checkpoint_id, a.status, count(*) FROM attendee_sessions s JOIN attendees a ON a.id = s.attendee_id
        WHERE s.rowid > ? AND s.rowid <= ?
        GROUP BY 1, 2
        ON CONFLICT DO UPDATE SET n = n + excluded.n`),
      presenceDays: db.prepare(`
        INSERT INTO dashboard_presence (attendee_id, kind, checkpoint, day, event_id, first_at)
        SELECT c.attendee_id, ${place}, c.day, c.event_id, min(c.at)
        FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id
        WHERE c.rowid > ? AND c.rowid <= ? AND c.result = 'accepted' AND c.attendee_id IS NOT NULL AND ${notUndone}
        GROUP BY 1, 2, 3, 4
        ON CONFLICT DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < first_at`),
      presenceAnyDay: db.prepare(`
        INSERT INTO dashboard_presence (attendee_id, kind, checkpoint, day, event_id, first_at)
        SELECT c.attendee_id, 'entrance', '', '*', c.event_id, min(c.at)
        FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id AND p.kind = 'entrance'
        WHERE c.rowid > ? AND c.rowid <= ? AND c.result = 'accepted' AND c.attendee_id IS NOT NULL AND ${notUndone}
        GROUP BY 1
        ON CONFLICT DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < first_at`),
      undoAttendees: db
        .prepare('SELECT DISTINCT attendee_id FROM checkins WHERE rowid > ? AND rowid <= ? AND undoes IS NOT NULL AND attendee_id IS NOT NULL')
        .pluck(),
      dropPresenceOf: db.prepare('DELETE FROM dashboard_presence WHERE attendee_id = ?'),
      recountPresenceDays: db.prepare(`
        INSERT INTO dashboard_presence (attendee_id, kind, checkpoint, day, event_id, first_at)
        SELECT c.attendee_id, ${place}, c.day, c.event_id, min(c.at)
        FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id
        WHERE c.attendee_id = ? AND c.rowid <= ? AND c.result = 'accepted' AND ${notUndone}
        GROUP BY 1, 2, 3, 4`),
      recountPresenceAnyDay: db.prepare(`
        INSERT INTO dashboard_presence (attendee_id, kind, checkpoint, day, event_id, first_at)
        SELECT c.attendee_id, 'entrance', '', '*', c.event_id, min(c.at)
        FROM checkins c JOIN checkpoints p ON p.id = c.checkpoint_id AND p.kind = 'entrance'
        WHERE c.attendee_id = ? AND c.rowid <= ? AND c.result = 'accepted' AND ${notUndone}
        GROUP BY 1`),
      unknownCheckpoints: db
        .prepare(
          `SELECT count(*) FROM checkins c WHERE c.rowid > ? AND c.rowid <= ? AND c.attendee_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM checkpoints p WHERE p.id = c.checkpoint_id)`,
        )
        .pluck(),
      advance: db.prepare(
        `UPDATE dashboard_state SET checkin_rowid = @checkin, attendee_seq = @seq, session_rowid = @session,
           unknown_checkpoints = unknown_checkpoints + @unknown WHERE id = 1`,
      ),
    };
  }

  /**
   * Counts what was written since the last call. Returns once everything up to now is counted;
   * `pause` runs between chunks of a long catch-up (the handler lets other work through there).
   */
  async refresh(pause: () => Promise<void> = async () => undefined): Promise<void> {
    for (;;) {
      const more = this.step();
      if (!more) return;
      await pause();
    }
  }

  /** The same, without pausing (the benchmark and the tests that want it in one go). */
  refreshNow(): void {
    while (this.step());
  }

  /** One transaction of catch-up; whether there is more to count. */
  step(): boolean {
    // Nothing new (most refreshes while no one arrives): no write transaction at all.
    const seen = this.s.state.get() as State | undefined;
    if (
      seen &&
      !seen.stale &&
      seen.checkin_rowid === this.s.maxCheckin.get() &&
      seen.attendee_seq === this.s.maxSeq.get() &&
      seen.session_rowid === this.s.maxSession.get()
    ) {
      return false;
    }
    return this.db.transaction((): boolean => {
      let state = this.s.state.get() as State | undefined;
      if (!state || state.stale) {
        this.reset();
        state = this.s.state.get() as State;
      }
      const seqTo = Math.min(this.s.maxSeq.get() as number, state.attendee_seq + this.attendeeChunk);
      if (seqTo > state.attendee_seq) this.s.countAttendees.run(state.attendee_seq, seqTo);
      const sessionTo = Math.min(this.s.maxSession.get() as number, state.session_rowid + this.attendeeChunk);
      if (sessionTo > state.session_rowid) this.s.countSessions.run(state.session_rowid, sessionTo);
      const maxCheckin = this.s.maxCheckin.get() as number;
      const checkinTo = Math.min(maxCheckin, state.checkin_rowid + this.checkinChunk);
      let unknown = 0;
      if (checkinTo > state.checkin_rowid) {
        const from = state.checkin_rowid;
        this.s.presenceDays.run(from, checkinTo);
        this.s.presenceAnyDay.run(from, checkinTo);
        // Rare: a person whose check-in was undone is counted again from all of their check-ins.
        for (const attendeeId of this.s.undoAttendees.all(from, checkinTo) as string[]) {
          this.s.dropPresenceOf.run(attendeeId);
          this.s.recountPresenceDays.run(attendeeId, checkinTo);
          this.s.recountPresenceAnyDay.run(attendeeId, checkinTo);
        }
        unknown = this.s.unknownCheckpoints.get(from, checkinTo) as number;
      }
      this.s.advance.run({ checkin: checkinTo, seq: Math.max(seqTo, state.attendee_seq), session: Math.max(sessionTo, state.session_rowid), unknown });
      return checkinTo < maxCheckin || seqTo < (this.s.maxSeq.get() as number) || sessionTo < (this.s.maxSession.get() as number);
    }).immediate();
  }

  /** Everything counted again from the first row (first read, or after a deletion). */
  private reset(): void {
    // The state row first: without it the presence triggers do nothing, instead of undoing each deleted row's counts.
    this.db.exec(`
      DELETE FROM dashboard_state;
      DELETE FROM dashboard_presence;
      DELETE FROM dashboard_present;
      DELETE FROM dashboard_arrivals;
      DELETE FROM dashboard_expected;
      DELETE FROM dashboard_registered;
    `);
    this.s.init.run();
  }
}

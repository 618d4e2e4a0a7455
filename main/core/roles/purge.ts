import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../errors';
import type { Events } from '../events/events';
import type { PurgeReport } from './types';

/**
 * Deletes an event's personal data from this kiosk (after the final export): its attendees with
 * their ticket codes and sessions, every scan (the scanned text may be a name or a code), the
 * print ledger and batches, the look-alike flags, its sync items (sent or not) and, when this
 * kiosk is the hub, the hub's log of it. The event itself (name, days, checkpoints, keys) stays,
 * so the audit entry and the desk keep their meaning. One transaction: all or nothing.
 *
 * SQLite's secure_delete overwrites the freed content, the search index is rebuilt without the
 * deleted rows, and the WAL is checkpointed and truncated: the names are then gone from the file,
 * not merely unlinked.
 */
export function purgeEvent(
  { db, events, audit, unsentChanges }: { db: Database; events: Events; audit: AuditLog; unsentChanges: (eventId: string) => number },
  request: { eventId: string; confirm: string; discardUnsent?: boolean },
): PurgeReport {
  const { eventId, confirm } = request;
  const event = events.get(eventId);
  if (confirm.trim() !== event.name.trim()) {
    throw new DomainError('purge.confirm_mismatch', `Type the event's name exactly ("${event.name}") to confirm: nothing was deleted.`, { name: event.name });
  }
  // Arrivals, walk-ins and prints the hub has not received yet exist nowhere else: purging them
  // before a sync loses them from the final attendance list. Only a deliberate second
  // confirmation (a kiosk that will never reach its hub again) lets them go.
  const unsent = unsentChanges(eventId);
  if (unsent > 0 && !request.discardUnsent) {
    throw new DomainError(
      'purge.unsent_changes',
      `${unsent} change(s) made on this kiosk have not reached the hub yet: synchronise first, or confirm that they may be lost. Nothing was deleted.`,
      { count: unsent },
    );
  }
  const count = (sql: string): number => db.prepare(sql).pluck().get(eventId) as number;
  const run = (sql: string): number => db.prepare(sql).run(eventId).changes;

  const previous = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const report = db.transaction((): PurgeReport => {
      const walkins = count("SELECT count(*) FROM attendees WHERE event_id = ? AND source = 'walk-in'");
      const checkins = run('DELETE FROM checkins WHERE event_id = ?');
      const prints = run('DELETE FROM print_log WHERE event_id = ?');
      const printBatches = run('DELETE FROM print_batches WHERE event_id = ?');
      const flags = run('DELETE FROM sync_flags WHERE event_id = ?');
      // Every outbox payload names its event (check-ins, undos, prints, walk-ins, edits, revocations).
      const outbox = run("DELETE FROM outbox WHERE json_extract(payload, '$.eventId') = ?");
      const hubLog = run('DELETE FROM hub_log WHERE event_id = ?');
      // The dashboard's per-person presence rows (ids and times); its tallies are recounted on the next read.
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dashboard_presence'").get()) run('DELETE FROM dashboard_presence WHERE event_id = ?');
      // Ticket codes and registered sessions go with them (ON DELETE CASCADE), the search rows by trigger.
      const attendees = run('DELETE FROM attendees WHERE event_id = ?');
      // Contentless FTS keeps deleted terms in its segments until they are merged.
      db.prepare("INSERT INTO attendee_search(attendee_search) VALUES ('optimize')").run();
      const result: PurgeReport = { eventId, attendees, checkins, prints, walkins, outbox, flags, printBatches, hubLog };
      const { eventId: _id, ...counts } = result;
      audit.record({ action: 'data.purge', target: eventId, role: 'organiser', details: { ...counts, unsentDiscarded: unsent } });
      return result;
    })();
    // Old page images would otherwise linger in the WAL file until the next checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return report;
  } finally {
    db.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
  }
}

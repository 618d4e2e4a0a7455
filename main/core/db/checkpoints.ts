import type { Database } from 'better-sqlite3';

/**
 * Moves WAL checkpoints out of the scan path. With SQLite's automatic checkpoint, the commit
 * that crosses 1,000 WAL pages also copies them into the database file: about one scan in a
 * hundred paid for it (the check-in p99, see BENCHMARKS.md). A long-running kiosk therefore
 * switches automatic checkpoints off and checkpoints on a timer instead, which also bounds
 * how much of the WAL waits for its flush (synchronous=NORMAL, see open.ts).
 * Returns a function that stops the timer, runs a last checkpoint and restores the default.
 */
export function checkpointPeriodically(db: Database, intervalMs = 2_000): () => void {
  db.pragma('wal_autocheckpoint = 0');
  const timer = setInterval(() => {
    try {
      // PASSIVE never waits for readers or writers: a scan arriving now is not delayed.
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy database simply checkpoints on the next tick.
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (!db.open) return;
    db.pragma('wal_checkpoint(PASSIVE)');
    db.pragma('wal_autocheckpoint = 1000');
  };
}

import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { openDataFolder } from '../../main/core/db/open';
import { checkpointPeriodically } from '../../main/core/db/checkpoints';
import { Events } from '../../main/core/events/events';
import { tempDir } from '../helpers/temp';

describe('periodic WAL checkpoints', () => {
  it('turns automatic checkpoints off, checkpoints on the timer, and restores the default when stopped', () => {
    vi.useFakeTimers();
    try {
      const dir = tempDir();
      const db = openDataFolder(dir);
      const stop = checkpointPeriodically(db, 1_000);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const events = new Events(db);
      for (let i = 0; i < 50; i++) events.create({ name: `E${i}` });
      const pragma = vi.spyOn(db, 'pragma');
      vi.advanceTimersByTime(999);
      expect(pragma).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(pragma).toHaveBeenCalledWith('wal_checkpoint(PASSIVE)');
      pragma.mockRestore();
      // The timer's checkpoint copied every WAL frame into the database file.
      const [state] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      expect(state!.log).toBeGreaterThan(0);
      expect(state!.checkpointed).toBe(state!.log);
      expect(fs.existsSync(`${db.name}-wal`)).toBe(true);
      stop();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      db.close();
    } finally {
      vi.useRealTimers();
    }
  });
  it('outlives the database being closed first', () => {
    vi.useFakeTimers();
    try {
      const db = openDataFolder(tempDir());
      const stop = checkpointPeriodically(db, 500);
      db.close();
      expect(() => vi.advanceTimersByTime(1_000)).not.toThrow();
      expect(() => stop()).not.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });
});

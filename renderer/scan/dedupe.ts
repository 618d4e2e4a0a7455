/** How long a code must have been out of view before it is handled again: a held-up phone stays in view for seconds. */
export const repeatWindowMs = 3000;

/**
 * Remembers the codes handled lately and when each was last seen. `accept(code)` is true the
 * first time a code is seen and again once it has gone unseen for `windowMs`; every sighting
 * inside the window is false and starts the window again (a sliding window). A phone held up
 * for 10 s is handled once, however long the result stays on screen, and again only after it
 * has been out of view for the window. Different codes are independent of each other.
 */
export function createDedupe(options: { windowMs?: number; now?: () => number } = {}) {
  const windowMs = options.windowMs ?? repeatWindowMs;
  const now = options.now ?? (() => performance.now());
  /** Code → time it was last seen (accepted or not). */
  const lastSeen = new Map<string, number>();
  return {
    accept(code: string): boolean {
      const time = now();
      for (const [known, at] of lastSeen) if (time - at >= windowMs) lastSeen.delete(known);
      const quiet = lastSeen.has(code);
      lastSeen.set(code, time);
      return !quiet;
    },
    /** Forget everything (a new checkpoint, a manual "scan again"). */
    clear(): void {
      lastSeen.clear();
    },
  };
}

export type Dedupe = ReturnType<typeof createDedupe>;

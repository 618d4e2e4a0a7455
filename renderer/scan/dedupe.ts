/** How long the same code is ignored after it was handled: a held-up phone stays in view for seconds. */
export const repeatWindowMs = 3000;

/**
 * Remembers the codes handled lately. `accept(code)` is true the first time a code is seen and
 * again once it has been out of mind for `windowMs`; repeats inside the window are false and do
 * not extend it (a code held up for 10 s is processed every 3 s, never in a tight loop).
 */
export function createDedupe(options: { windowMs?: number; now?: () => number } = {}) {
  const windowMs = options.windowMs ?? repeatWindowMs;
  const now = options.now ?? (() => performance.now());
  const seen = new Map<string, number>();
  return {
    accept(code: string): boolean {
      const time = now();
      for (const [known, at] of seen) if (time - at >= windowMs) seen.delete(known);
      if (seen.has(code)) return false;
      seen.set(code, time);
      return true;
    },
    /** Forget everything (a new checkpoint, a manual "scan again"). */
    clear(): void {
      seen.clear();
    },
  };
}

export type Dedupe = ReturnType<typeof createDedupe>;

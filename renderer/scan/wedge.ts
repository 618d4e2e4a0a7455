/**
 * Keyboard-wedge scanners (USB or Bluetooth) "type" the code in a burst and press Enter. A
 * person types slower than ~35 ms per key, so a burst is told apart by its rhythm alone,
 * whatever has the focus.
 */
export const wedgeMaxGapMs = 35;
export const wedgeMinLength = 4;

export interface WedgeDetector {
  /**
   * Feeds one key press (`key` as in KeyboardEvent.key, `time` in ms). Returns the scanned
   * code when this key is the Enter that ends a burst, else null.
   */
  key(key: string, time: number): string | null;
  /** True while the current keys look like a scanner burst (so a caller may keep them out of a text box). */
  inBurst(time: number): boolean;
  reset(): void;
}

export function createWedgeDetector(options: { maxGapMs?: number; minLength?: number } = {}): WedgeDetector {
  const maxGapMs = options.maxGapMs ?? wedgeMaxGapMs;
  const minLength = options.minLength ?? wedgeMinLength;
  let buffer = '';
  let last = -Infinity;
  // A single slow gap breaks the burst: what follows starts a new one.
  return {
    key(key, time) {
      const gap = time - last;
      last = time;
      if (key === 'Enter') {
        const code = buffer;
        buffer = '';
        return gap <= maxGapMs && code.length >= minLength ? code : null;
      }
      if (key.length !== 1) {
        // Shift and friends arrive inside bursts (capitals); anything else ends them.
        if (key !== 'Shift') buffer = '';
        return null;
      }
      buffer = gap <= maxGapMs ? buffer + key : key;
      return null;
    },
    inBurst(time) {
      return buffer.length >= 2 && time - last <= maxGapMs;
    },
    reset() {
      buffer = '';
      last = -Infinity;
    },
  };
}

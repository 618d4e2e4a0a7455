/**
 * Keyboard-wedge scanners (USB or Bluetooth) "type" the code in a burst and press Enter. A
 * person types slower than ~35 ms per key, so a burst is told apart by its rhythm alone,
 * whatever has the focus.
 *
 * The rhythm is the median gap between keys, not the largest one: a busy computer delivers a
 * scanner's keys in clumps (a 100 ms hiccup in a 10 ms stream), while even a fast typist's
 * median gap stays near 100 ms. A pause longer than `breakMs` always starts a new sequence.
 */
export const wedgeMaxGapMs = 35;
export const wedgeMinLength = 4;
export const wedgeBreakMs = 500;
/** A scanner's Enter follows its last character at once; a pause before Enter is a person checking what they typed. */
export const wedgeEnterGapMs = 250;

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function createWedgeDetector(options: { maxGapMs?: number; minLength?: number; breakMs?: number } = {}): WedgeDetector {
  const maxGapMs = options.maxGapMs ?? wedgeMaxGapMs;
  const minLength = options.minLength ?? wedgeMinLength;
  const breakMs = options.breakMs ?? wedgeBreakMs;
  let buffer = '';
  // Gaps before each character after the first, then before Enter.
  let gaps: number[] = [];
  let last = -Infinity;
  const clear = () => {
    buffer = '';
    gaps = [];
  };
  return {
    key(key, time) {
      const gap = time - last;
      last = time;
      if (key === 'Enter') {
        const code = buffer;
        const rhythm = [...gaps, gap];
        clear();
        return gap <= wedgeEnterGapMs && code.length >= minLength && median(rhythm) <= maxGapMs ? code : null;
      }
      if (key.length !== 1) {
        // Shift and friends arrive inside bursts (capitals); anything else ends them.
        if (key !== 'Shift') clear();
        return null;
      }
      if (gap > breakMs || buffer === '') {
        buffer = key;
        gaps = [];
      } else {
        buffer += key;
        gaps.push(gap);
      }
      return null;
    },
    inBurst(time) {
      return buffer.length >= 2 && time - last <= maxGapMs && median(gaps) <= maxGapMs;
    },
    reset() {
      clear();
      last = -Infinity;
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createWedgeDetector } from '../../renderer/scan/wedge';

/** Feeds `text` then Enter with `gap` ms between keys; returns what the detector reported. */
function type(detector: ReturnType<typeof createWedgeDetector>, text: string, gap: number | number[], start = 1000): (string | null)[] {
  const gaps = Array.isArray(gap) ? gap : Array.from({ length: text.length + 1 }, () => gap);
  let time = start;
  const out: (string | null)[] = [];
  [...text, 'Enter'].forEach((key, i) => {
    time += gaps[i % gaps.length]!;
    const result = detector.key(key, time);
    if (result !== null) out.push(result);
  });
  return out;
}

describe('keyboard-wedge detector', () => {
  it('recognises a scanner burst ending with Enter', () => {
    expect(type(createWedgeDetector(), 'AC1XYZ234', 8)).toEqual(['AC1XYZ234']);
  });

  it('does not mistake a person typing for a scanner', () => {
    expect(type(createWedgeDetector(), 'francois', [120, 90, 150, 80, 200])).toEqual([]);
  });

  it('still recognises a burst a busy computer delivers in clumps', () => {
    // The gaps measured from Playwright on a loaded two-core machine: mostly ~20 ms, one 102 ms hiccup.
    expect(type(createWedgeDetector(), 'AC1:SHCV4O', [0, 18, 29, 9, 11, 102, 28, 32, 12, 34, 50])).toEqual(['AC1:SHCV4O']);
  });

  it('does not mistake a fast typist (60-110 ms a key) for a scanner', () => {
    expect(type(createWedgeDetector(), 'rebsamen', [70, 60, 95, 110, 65, 80, 75, 90, 60])).toEqual([]);
  });

  it('needs at least four characters', () => {
    expect(type(createWedgeDetector(), 'abc', 5)).toEqual([]);
    expect(type(createWedgeDetector(), 'abcd', 5)).toEqual(['abcd']);
  });

  it('requires a fast Enter too: typing fast then pausing before Enter is a person', () => {
    expect(type(createWedgeDetector(), 'abcdef', [5, 5, 5, 5, 5, 5, 400])).toEqual([]);
  });

  it('starts a new burst after a slow key: only the burst part counts', () => {
    const detector = createWedgeDetector();
    // A person typed "xy" slowly, then the scanner sent its code.
    let time = 0;
    detector.key('x', (time += 300));
    detector.key('y', (time += 300));
    let result: string | null = null;
    // The scanner's first key comes long after the person's last one, the rest within milliseconds.
    result = detector.key('T', (time += 700));
    for (const key of [...'OKEN42', 'Enter']) result = detector.key(key, (time += 6));
    expect(result).toBe('TOKEN42');
  });

  it('keeps capitals typed with Shift inside the burst and resets on other special keys', () => {
    const detector = createWedgeDetector();
    let time = 0;
    for (const key of ['Shift', 'A', 'b', 'Shift', 'C', 'd']) detector.key(key, (time += 5));
    expect(detector.key('Enter', (time += 5))).toBe('AbCd');
    for (const key of ['a', 'b', 'Tab', 'c', 'd']) detector.key(key, (time += 5));
    expect(detector.key('Enter', (time += 5))).toBeNull();
  });

  it('handles two scans in a row and reports the burst state', () => {
    const detector = createWedgeDetector();
    expect(type(detector, 'FIRST1', 5, 0)).toEqual(['FIRST1']);
    expect(type(detector, 'SECOND2', 5, 2000)).toEqual(['SECOND2']);
    detector.key('a', 5000);
    detector.key('b', 5004);
    expect(detector.inBurst(5010)).toBe(true);
    expect(detector.inBurst(5100)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createDedupe, repeatWindowMs } from '../../renderer/scan/dedupe';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Offers `code` every `everyMs` for `forMs` (both ends included) and counts how many were accepted. */
function sightings(dedupe: ReturnType<typeof createDedupe>, time: ReturnType<typeof clock>, code: string, forMs: number, everyMs = 100) {
  let accepted = 0;
  for (let elapsed = 0; elapsed <= forMs; elapsed += everyMs) {
    if (dedupe.accept(code)) accepted++;
    if (elapsed + everyMs <= forMs) time.advance(everyMs);
  }
  return accepted;
}

describe('dedupe (sliding window)', () => {
  it('the window is 3 s by default', () => {
    expect(repeatWindowMs).toBe(3000);
  });

  it('processes a code seen every 100 ms for 10 s exactly once', () => {
    const time = clock(1000);
    const dedupe = createDedupe({ now: time.now });
    expect(sightings(dedupe, time, 'A', 10_000)).toBe(1);
  });

  it('each sighting extends the quiet period: a code still in view at 3 s, 6 s, 9 s is not handled again', () => {
    const time = clock();
    const dedupe = createDedupe({ windowMs: 3000, now: time.now });
    expect(dedupe.accept('A')).toBe(true);
    for (let i = 0; i < 4; i++) {
      time.advance(2999);
      expect(dedupe.accept('A')).toBe(false);
    }
  });

  it('processes a code again once it has been out of view for the window', () => {
    const time = clock();
    const dedupe = createDedupe({ now: time.now });
    expect(sightings(dedupe, time, 'A', 2000)).toBe(1);
    time.advance(3100);
    expect(sightings(dedupe, time, 'A', 2000)).toBe(1);
  });

  it('a code absent for less than the window stays quiet; the boundary is the window itself', () => {
    const time = clock();
    const dedupe = createDedupe({ windowMs: 3000, now: time.now });
    expect(dedupe.accept('A')).toBe(true);
    time.advance(2900);
    expect(dedupe.accept('A')).toBe(false);
    time.advance(2999);
    expect(dedupe.accept('A')).toBe(false);
    time.advance(3000);
    expect(dedupe.accept('A')).toBe(true);
  });

  it('two codes alternating in view are each processed once', () => {
    const time = clock();
    const dedupe = createDedupe({ now: time.now });
    const accepted = { A: 0, B: 0 };
    for (let i = 0; i < 100; i++) {
      const code = i % 2 === 0 ? 'A' : 'B';
      if (dedupe.accept(code)) accepted[code]++;
      time.advance(100);
    }
    expect(accepted).toEqual({ A: 1, B: 1 });
  });

  it('another code seen meanwhile neither extends nor ends the first one’s quiet period', () => {
    const time = clock();
    const dedupe = createDedupe({ windowMs: 3000, now: time.now });
    expect(dedupe.accept('A')).toBe(true);
    time.advance(1000);
    expect(dedupe.accept('B')).toBe(true);
    time.advance(2000);
    // A unseen for 3 s: handled again; B seen 2 s ago: still quiet.
    expect(dedupe.accept('A')).toBe(true);
    expect(dedupe.accept('B')).toBe(false);
  });

  it('forgets everything on clear', () => {
    const time = clock();
    const dedupe = createDedupe({ now: time.now });
    expect(dedupe.accept('A')).toBe(true);
    expect(dedupe.accept('B')).toBe(true);
    expect(dedupe.accept('A')).toBe(false);
    dedupe.clear();
    expect(dedupe.accept('A')).toBe(true);
    expect(dedupe.accept('B')).toBe(true);
  });
});

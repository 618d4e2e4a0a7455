import { describe, expect, it } from 'vitest';
import { editDistance, fold, nameSimilarity, similarNameThreshold } from '../../main/core/walkins/duplicates';

describe('walk-in name matching', () => {
  it('folds case, accents and other scripts', () => {
    expect(fold('  François  REBSAMEN ')).toBe('francois rebsamen');
    expect(fold('Nguyễn Thị Lan')).toBe('nguyen thi lan');
    expect(fold('Іван')).toBe('ivan');
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('rebsamen', 'rebsamne')).toBe(1);
    expect(editDistance('francois', 'francoise')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('scores names both ways round', () => {
    expect(nameSimilarity('François', 'Rebsamen', 'francois', 'rebsamen')).toBe(1);
    expect(nameSimilarity('Rebsamen', 'François', 'François', 'Rebsamen')).toBe(1);
    expect(nameSimilarity('Françoise', 'Rebsamen', 'François', 'Rebsamen')).toBeGreaterThanOrEqual(similarNameThreshold);
    expect(nameSimilarity('Marie', 'Rebsamen', 'François', 'Rebsamen')).toBeLessThan(similarNameThreshold);
    expect(nameSimilarity('Awa', 'Diop', 'François', 'Rebsamen')).toBeLessThan(0.5);
    expect(nameSimilarity('', '', 'François', 'Rebsamen')).toBe(0);
    expect(nameSimilarity('', 'Sukarno', '', 'sukarno')).toBe(1);
  });
});

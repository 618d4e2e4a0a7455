import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseCell } from '../../main/core/exports/neutralise';
import { frenchSortKey } from '../../main/core/exports/sort-key';
import { VenueClock } from '../../main/core/exports/venue-time';

describe('formula neutralisation', () => {
  it.each(['=1+1', '+33 1 23', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '  =HYPERLINK("x")', '＝1+1'])('quotes %j', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(isFormulaLike(text)).toBe(true);
  });

  it.each(['Awa', 'Nguyễn', '', ' ', "O'Brien", 'a=b', '3-4', 'Jean-Pierre', '张伟'])('leaves %j alone', (text) => {
    expect(neutraliseCell(text)).toBe(text);
  });
});

describe('the French sort key', () => {
  it('ignores accents, case, hyphens, apostrophes and spaces; spells ligatures out', () => {
    const names = ['Zola', 'éluard', 'Elbaz', "D'Arc", 'Dupont', 'Œuvre', 'oeil', 'Le Goff', 'Lefèvre', 'Ängström'];
    expect([...names].sort((a, b) => (frenchSortKey(a) < frenchSortKey(b) ? -1 : 1))).toEqual([
      'Ängström', "D'Arc", 'Dupont', 'Elbaz', 'éluard', 'Lefèvre', 'Le Goff', 'oeil', 'Œuvre', 'Zola',
    ]);
  });
});

describe('the venue clock', () => {
  it('shows instants at the venue, across a change of summer time', () => {
    const paris = new VenueClock('Europe/Paris');
    expect(paris.format('2023-09-18T07:14:00Z')).toBe('2023-09-18 09:14');
    expect(paris.format('2023-10-29T00:59:00Z')).toBe('2023-10-29 02:59');
    expect(paris.format('2023-10-29T01:00:00Z')).toBe('2023-10-29 02:00');
    expect(new VenueClock('Asia/Kolkata').format('2023-09-18T07:14:00Z')).toBe('2023-09-18 12:44');
    expect(paris.format('')).toBe('');
  });
});

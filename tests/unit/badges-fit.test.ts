import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitText, GLYPH_OVERHANG, graphemes, LINE_HEIGHT, PT_PER_MM, textWidthEm, wrapLines, type FitBox } from '../../main/core/badges/fit';

const nameBox: FitBox = { widthMm: 93, heightMm: 26, maxPt: 30, minPt: 14, maxLines: 2, weight: 700 };

/** The invariant Chromium must see: every line within the width, all lines within the height. */
function expectInside(text: string, box: FitBox) {
  const fit = fitText(text, box);
  const maxEm = (box.widthMm * PT_PER_MM) / fit.fontPt;
  expect(fit.lines.length).toBeLessThanOrEqual(box.maxLines);
  for (const line of fit.lines) expect(textWidthEm(line, box.weight)).toBeLessThanOrEqual(maxEm + 1e-9);
  expect((fit.lines.length * LINE_HEIGHT + GLYPH_OVERHANG) * fit.fontPt).toBeLessThanOrEqual(box.heightMm * PT_PER_MM + 1e-9);
  // Nothing is lost: the lines hold every non-space character, in order.
  expect(fit.lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  return fit;
}

describe('fitText: names shrink, then wrap to two lines, never overflow or get cut', () => {
  it('a short name keeps the largest size on one line', () => {
    const fit = expectInside('M. François', nameBox);
    expect(fit).toEqual({ fontPt: 30, lines: ['M. François'], belowMinimum: false });
  });

  it('a longer name shrinks before it wraps', () => {
    const fit = expectInside('Mme Marie-Guite Dufay', nameBox);
    expect(fit.lines).toHaveLength(1);
    expect(fit.fontPt).toBeLessThan(30);
    expect(fit.fontPt).toBeGreaterThanOrEqual(14);
  });

  it('a name too long for one line at the minimum size wraps at a space onto two lines', () => {
    const text = 'M. Rakotoarimanana Andriamahefazafy Ratsimba';
    const fit = expectInside(text, nameBox);
    expect(fit.lines).toHaveLength(2);
    expect(fit.belowMinimum).toBe(false);
    for (const line of fit.lines) expect(text).toContain(line);
  });

  it('a 120-character name fits in two lines, below the minimum size if need be, with nothing cut', () => {
    const text = 'Anne-Marie-Joséphine '.repeat(6).slice(0, 120);
    expect(text).toHaveLength(120);
    const fit = expectInside(text, nameBox);
    expect(fit.lines.length).toBeLessThanOrEqual(2);
  });

  it('a single word longer than the line breaks between letters, never inside a letter with its accent', () => {
    const text = 'Ngụyễnthịthuhàngụyễnthịthuhàngụyễnthịthuhàngụyễnthịthuhà';
    const fit = expectInside(text, { ...nameBox, widthMm: 40 });
    const all = new Set(graphemes(text));
    for (const line of fit.lines) for (const g of graphemes(line)) expect(all.has(g)).toBe(true);
  });

  it('an empty text has no line', () => {
    expect(fitText('   ', nameBox)).toEqual({ fontPt: 30, lines: [], belowMinimum: false });
  });

  it('CJK counts as a full em, Latin narrower; combining marks add nothing; emoji count as wide', () => {
    expect(textWidthEm('王芳')).toBeGreaterThan(2);
    expect(textWidthEm('ab')).toBeLessThan(1.5);
    expect(textWidthEm('é')).toBe(textWidthEm('e\u0301'));
    expect(textWidthEm('👩🏽‍💻')).toBeGreaterThanOrEqual(1.2);
  });

  it('is deterministic', () => {
    expect(fitText('Katarina Fotić', nameBox)).toEqual(fitText('Katarina Fotić', nameBox));
  });

  it('wrapLines keeps words whole when they fit', () => {
    expect(wrapLines('Jean Pierre Dupont', 7)).toEqual(['Jean Pierre', 'Dupont']);
  });

  it('property: any text in any box ends inside it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'W', 'é', ' ', '王', 'ж', 'ع', '-', 'ệ', '😀'), maxLength: 200 }),
        fc.record({
          widthMm: fc.integer({ min: 15, max: 120 }),
          heightMm: fc.integer({ min: 6, max: 40 }),
          maxPt: fc.integer({ min: 8, max: 36 }),
          minPt: fc.integer({ min: 5, max: 8 }),
          maxLines: fc.constantFrom(1, 2),
        }),
        (text, box) => {
          expectInside(text.replace(/\s+/g, ' ').trim(), box);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * Name fitting: a deterministic, deliberately generous estimate of text width from glyph
 * classes (Noto Sans advance widths rounded up), so the size chosen here never overflows in
 * Chromium. Rule: the largest size (step 0.5 pt) at which the text fits on one line; failing
 * that, the largest at which it fits on at most `maxLines` lines (word wrap, a word longer than
 * the line broken between characters); failing that even at the minimum size, the size keeps
 * shrinking below the minimum (down to `floorPt`, then further) rather than cutting anything.
 * Height: the lines at LINE_HEIGHT plus GLYPH_OVERHANG.
 */
export const PT_PER_MM = 72 / 25.4;
export const LINE_HEIGHT = 1.2;
/**
 * Room kept above the first and below the last line (in em, shared between them): glyphs are
 * drawn in the font's content area (ascent + descent: 1.36 em for Noto Sans, more for CJK and
 * Arabic), taller than the 1.2 em line box, so accents and descenders stay inside the area.
 */
export const GLYPH_OVERHANG = 0.3;
export const DEFAULT_FLOOR_PT = 4;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Graphemes (a base letter with its combining marks, an emoji sequence count as one). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Advance width of one grapheme in em, rounded up for bold Noto Sans. */
export function graphemeWidth(g: string, weight: 400 | 700 = 700): number {
  const cp = g.codePointAt(0) ?? 0;
  const bold = weight === 700 ? 1.06 : 1;
  if (/\p{Extended_Pictographic}/u.test(g) || /\p{Regional_Indicator}/u.test(g)) return 1.25; // emoji
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  ) {
    return 1.02; // CJK and full-width: one em
  }
  if (g === ' ' || g === '\u00a0') return 0.27;
  if (/^[iljI.,;:'’!|()\[\]]/.test(g)) return 0.34 * bold;
  if (/^[fjrt\-‐·]/.test(g)) return 0.45 * bold;
  if (/^[mwMW@]/.test(g)) return 0.98 * bold;
  if (/^\p{Lu}/u.test(g)) return 0.76 * bold;
  if (/^[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(g)) return 0.62 * bold; // Arabic
  if (/^[\u1780-\u17ff]/.test(g)) return 0.8 * bold; // Khmer
  if (/^\p{M}/u.test(g)) return 0; // a lone combining mark
  return 0.64 * bold;
}

/** Width of a text in em. */
export function textWidthEm(text: string, weight: 400 | 700 = 700): number {
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g, weight);
  return width;
}

/** Splits text into lines no wider than `maxEm` (words first, then between graphemes). */
export function wrapLines(text: string, maxEm: number, weight: 400 | 700 = 700): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line) lines.push(line);
    line = '';
  };
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidthEm(candidate, weight) <= maxEm) {
      line = candidate;
      continue;
    }
    push();
    if (textWidthEm(word, weight) <= maxEm) {
      line = word;
      continue;
    }
    // A word longer than the line: break it between graphemes.
    for (const g of graphemes(word)) {
      if (line && textWidthEm(line + g, weight) > maxEm) push();
      line += g;
    }
  }
  push();
  return lines;
}

export interface FitBox {
  widthMm: number;
  heightMm: number;
  maxPt: number;
  minPt: number;
  maxLines: number;
  weight?: 400 | 700;
  floorPt?: number;
}

export interface Fit {
  fontPt: number;
  lines: string[];
  /** True when the text only fits below the template's minimum size. */
  belowMinimum: boolean;
}

function fitsAt(text: string, pt: number, box: FitBox, lines: number): string[] | null {
  const weight = box.weight ?? 700;
  const widthPt = box.widthMm * PT_PER_MM;
  const heightPt = box.heightMm * PT_PER_MM;
  const maxEm = widthPt / pt;
  const wrapped = lines === 1 ? [text] : wrapLines(text, maxEm, weight);
  if (wrapped.length > lines) return null;
  if (wrapped.some((l) => textWidthEm(l, weight) > maxEm)) return null;
  if ((wrapped.length * LINE_HEIGHT + GLYPH_OVERHANG) * pt > heightPt) return null;
  return wrapped;
}

/** The size and lines a text gets in a box (see the rule above). Empty text gets the largest size and no line. */
export function fitText(rawText: string, box: FitBox): Fit {
  const text = rawText.replace(/\s+/g, ' ').trim();
  if (!text) return { fontPt: box.maxPt, lines: [], belowMinimum: false };
  const step = 0.5;
  for (let pt = box.maxPt; pt >= box.minPt - 1e-9; pt -= step) {
    const one = fitsAt(text, pt, box, 1);
    if (one) return { fontPt: pt, lines: one, belowMinimum: false };
  }
  if (box.maxLines > 1) {
    for (let pt = box.maxPt; pt >= box.minPt - 1e-9; pt -= step) {
      const some = fitsAt(text, pt, box, box.maxLines);
      if (some) return { fontPt: pt, lines: some, belowMinimum: false };
    }
  }
  const floor = box.floorPt ?? DEFAULT_FLOOR_PT;
  for (let pt = box.minPt - step; pt >= floor - 1e-9; pt -= step) {
    const some = fitsAt(text, pt, box, box.maxLines);
    if (some) return { fontPt: pt, lines: some, belowMinimum: true };
  }
  // Still too long at the floor size (hundreds of characters): keep shrinking, never cut.
  for (let pt = floor - 0.25; pt > 0.5; pt -= 0.25) {
    const some = fitsAt(text, pt, box, box.maxLines);
    if (some) return { fontPt: pt, lines: some, belowMinimum: true };
  }
  return { fontPt: 0.5, lines: wrapLines(text, (box.widthMm * PT_PER_MM) / 0.5, box.weight ?? 700), belowMinimum: true };
}

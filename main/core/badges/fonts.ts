import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../errors';

/**
 * The fonts shipped in resources/fonts (see its README): Noto subsets per script with their
 * unicode ranges, so a badge embeds only the files its text needs.
 */
export interface FontEntry {
  family: string;
  weight: 400 | 700;
  file: string;
  unicodeRange: string;
}

export interface FontSet {
  dir: string;
  fonts: (FontEntry & { ranges: [number, number][] })[];
}

/** Families in fallback order: Latin/Cyrillic/Greek/Vietnamese first, then the other scripts, CJK last (Chinese then Korean). */
export const fontStack = [
  'Noto Sans',
  'Noto Sans Arabic',
  'Noto Sans Hebrew',
  'Noto Sans Armenian',
  'Noto Sans Georgian',
  'Noto Sans Khmer',
  'Noto Sans SC',
  'Noto Sans KR',
];

export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from!, 16);
    return [start, to ? parseInt(to, 16) : start];
  });
}

function findFontsDir(): string {
  if (process.env.ACCUEIL_FONTS_DIR) return process.env.ACCUEIL_FONTS_DIR;
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, 'resources', 'fonts');
      if (fs.existsSync(path.join(candidate, 'fonts.json'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new DomainError('badge.fonts_missing', 'The badge fonts (resources/fonts) cannot be found.', { path: 'resources/fonts' });
}

let cached: FontSet | undefined;

export function loadFontSet(dir?: string): FontSet {
  if (!dir && cached) return cached;
  const folder = dir ?? findFontsDir();
  let manifest: { fonts: FontEntry[] };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'fonts.json'), 'utf8')) as { fonts: FontEntry[] };
  } catch (error) {
    throw new DomainError('badge.fonts_missing', `The badge fonts cannot be read in ${folder}: ${(error as Error).message}`, { path: folder });
  }
  const set: FontSet = { dir: folder, fonts: manifest.fonts.map((f) => ({ ...f, ranges: parseUnicodeRange(f.unicodeRange) })) };
  if (!dir) cached = set;
  return set;
}

const dataUrls = new Map<string, string>();

function dataUrl(set: FontSet, file: string): string {
  const key = path.join(set.dir, file);
  let url = dataUrls.get(key);
  if (!url) {
    url = `data:font/woff2;base64,${fs.readFileSync(key).toString('base64')}`;
    dataUrls.set(key, url);
  }
  return url;
}

function covers(ranges: [number, number][], cp: number): boolean {
  return ranges.some(([a, b]) => cp >= a && cp <= b);
}

/** Code points of a text that need a glyph (not spaces or joiners/variation selectors). */
function codePoints(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\s/.test(ch) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200e || cp === 0x200f) continue;
    set.add(cp);
  }
  return set;
}

/** Characters no shipped font draws (emoji, scripts not shipped): they would come from the host's fonts. */
export function uncoveredCharacters(text: string, set: FontSet = loadFontSet()): string[] {
  const missing: string[] = [];
  for (const cp of codePoints(text)) {
    if (!set.fonts.some((f) => covers(f.ranges, cp))) missing.push(String.fromCodePoint(cp));
  }
  return missing;
}

/**
 * @font-face rules, with the files as data: URLs, for the fonts that draw the characters of
 * `text`: for each character, the files of the first family in `fontStack` order that covers
 * it (the one the browser will use), in both weights.
 */
export function fontFaceCss(text: string, set: FontSet = loadFontSet()): string {
  const cps = [...codePoints(text), 0x30, 0x41]; // Latin always (digits and capitals)
  const order = (family: string) => {
    const i = fontStack.indexOf(family);
    return i < 0 ? fontStack.length : i;
  };
  const wanted = new Set<FontEntry>();
  for (const cp of cps) {
    const candidates = set.fonts.filter((f) => covers(f.ranges, cp));
    if (candidates.length === 0) continue;
    const best = Math.min(...candidates.map((f) => order(f.family)));
    for (const f of candidates) if (order(f.family) === best) wanted.add(f);
  }
  const rules: string[] = [];
  for (const font of set.fonts) {
    if (!wanted.has(font)) continue;
    rules.push(
      `@font-face{font-family:'${font.family}';font-style:normal;font-weight:${font.weight};font-display:block;` +
        `src:url(${dataUrl(set, font.file)}) format('woff2');unicode-range:${font.unicodeRange};}`,
    );
  }
  return rules.join('\n');
}

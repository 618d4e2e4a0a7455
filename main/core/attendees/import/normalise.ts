/**
 * Cell cleaning and the folded keys imports compare with.
 *
 * What is stored stays as typed (case, diacritics, script); only whitespace is tidied and
 * the text is put in Unicode NFC, so that "é" typed as e + combining accent and "é" typed
 * as one code point are the same name on a badge and in search.
 */

// Runs of any Unicode space (NBSP, thin spaces, ideographic space...), tabs, line breaks and
// control characters become one ordinary space. Zero-width spaces and stray BOMs vanish.
const spaceRun = /[\s\u0000-\u001F\u007F-\u009F]+/g;
const invisible = /[\u200B\u2060\uFEFF]/g;
const needsWork = /[^\x20-\x7E]|^ | $|  /;

export function cleanCell(raw: string): string {
  if (!needsWork.test(raw)) return raw;
  let text = raw.replace(invisible, '').replace(spaceRun, ' ').trim();
  if (/[^\x00-\x7F]/.test(text)) text = text.normalize('NFC');
  return text;
}

// Letters that carry no combining mark to strip but that people type both ways.
const latinExtras: Record<string, string> = {
  ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ð: 'd', þ: 'th', ħ: 'h',
};
const extraLetters = /[łđøæœßıðþħ]/g;

/** Case- and accent-insensitive form: "Zoë ÉLODIE" and "zoe elodie" fold alike; other scripts are kept. */
const ascii = /^[\x00-\x7F]*$/;

export function fold(text: string): string {
  if (ascii.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(extraLetters, (letter) => latinExtras[letter] ?? letter);
}

/** Folded words, punctuation dropped: "Jean-Marc  O'Neil" → ["jean", "marc", "o", "neil"]. */
export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** A name key that ignores case, accents, punctuation and word order ("DUPONT Marie" = "Marie Dupont"). */
export function nameKey(firstName: string, lastName: string): string {
  return foldedWords(`${firstName} ${lastName}`).sort().join(' ');
}

export function emailKey(email: string): string {
  return email.toLowerCase();
}

/** Key for matching labels (session names, statuses): folded words joined by single spaces. */
export function labelKey(text: string): string {
  return foldedWords(text).join(' ');
}

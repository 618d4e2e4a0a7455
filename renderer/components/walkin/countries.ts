/**
 * Country names for the walk-in form's picker: every region Intl knows, named in the interface
 * language, plus the event's own spellings. What is stored is the event's spelling when the
 * typed name is the same country ("Germany" typed in English → "Allemagne" when the event
 * stores French names), so a walk-in sorts and prints like everyone else.
 */

// Codes Intl names that are not countries (EU, UN, the "unknown region"), or pseudo-regions.
const notCountries = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);

const regionNames = new Map<string, Map<string, string>>();

/** Region code → name in `language`, for the regions this browser's Intl knows. */
export function regions(language: string): Map<string, string> {
  const cached = regionNames.get(language);
  if (cached) return cached;
  const names = new Map<string, string>();
  let display: Intl.DisplayNames | null = null;
  try {
    display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  } catch {
    display = null; // an old engine without DisplayNames: the event's own countries still show
  }
  if (display) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b;
        if (notCountries.has(code)) continue;
        const name = display.of(code);
        if (name && name !== code) names.set(code, name);
      }
    }
  }
  regionNames.set(language, names);
  return names;
}

/** Case-, accent- and punctuation-insensitive, so "viet nam" finds "Viêt Nam". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const pickerLanguages = ['fr', 'en'];

let byFoldedName: Map<string, string> | null = null;

/** The region a name (in French or English, or a code) stands for, if any. */
export function regionOf(name: string): string | null {
  const folded = foldName(name);
  if (!folded) return null;
  if (/^[a-z]{2}$/.test(folded) && regions('en').has(folded.toUpperCase())) return folded.toUpperCase();
  if (!byFoldedName) {
    byFoldedName = new Map();
    for (const language of pickerLanguages) for (const [code, regionName] of regions(language)) byFoldedName.set(foldName(regionName), code);
  }
  return byFoldedName.get(folded) ?? null;
}

/** The picker's suggestions: the event's countries (as stored) first, then every other country in the UI language. */
export function countrySuggestions(eventCountries: string[], language: string): string[] {
  const seen = new Set(eventCountries.map((country) => regionOf(country) ?? foldName(country)));
  const names = new Set(eventCountries.map(foldName));
  const others: string[] = [];
  // Some codes share a name (an old code, a territory): each name is offered once.
  for (const [code, name] of regions(language)) {
    if (seen.has(code) || names.has(foldName(name))) continue;
    names.add(foldName(name));
    others.push(name);
  }
  return [...eventCountries, ...others.sort((a, b) => a.localeCompare(b, language))];
}

/** What to store for a typed country: the event's spelling of the same country when it has one, else the text as typed. */
export function storedCountry(typed: string, eventCountries: string[]): string {
  const text = typed.trim();
  if (!text) return '';
  const exact = eventCountries.find((country) => foldName(country) === foldName(text));
  if (exact) return exact;
  const region = regionOf(text);
  if (region) {
    const same = eventCountries.find((country) => regionOf(country) === region);
    if (same) return same;
  }
  return text;
}

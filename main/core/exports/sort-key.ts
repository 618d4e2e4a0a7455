/**
 * A sort key that puts names in the order a French reader expects: accents, case, hyphens,
 * apostrophes and spaces do not separate "Émile", "emile" and "É-mile" (better-sqlite3 cannot
 * register a collation, so the key is computed by a SQL function and sorted by SQLite).
 * Ligatures are spelled out (Œ → oe, Æ → ae, ß → ss) as the French dictionary order does.
 * Names in other scripts keep their letters (lower-cased) and sort after Latin ones.
 */
import type { Database } from 'better-sqlite3';

const ligatures: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

const ascii = /^[\x00-\x7f]*$/;
const asciiSeparators = /[\s'.-]+/g;

export function frenchSortKey(text: string): string {
  // Most names are plain ASCII: no decomposition needed (it is the costly step at 100,000 rows).
  if (ascii.test(text)) return text.toLowerCase().replace(asciiSeparators, '');
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (ch) => ligatures[ch] ?? ch)
    .replace(/[\s'’\-‐–.]+/gu, '');
}

/** SQL function name registered on the connection (deterministic, so SQLite may reuse results). */
export const sortKeyFn = 'accueil_export_sort_key';

/** Registers the sort key on this connection (once: the function table lives as long as it). */
const registered = new WeakSet<Database>();
export function registerSortKey(db: Database): void {
  if (registered.has(db)) return;
  db.function(sortKeyFn, { deterministic: true }, (text: unknown) => frenchSortKey(typeof text === 'string' ? text : ''));
  registered.add(db);
}

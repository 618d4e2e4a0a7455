/**
 * The exports' words (sheet names, column headers, yes/no, methods) in the interface's
 * language, from the same catalogue the screens use (namespace `export`).
 */
import fr from '../../../resources/locales/fr/export.json' with { type: 'json' };
import en from '../../../resources/locales/en/export.json' with { type: 'json' };
import type { Language } from '../contract';
import { interpolate } from '../checkin/messages';

type Catalog = typeof fr;
const catalogs: Record<Language, Catalog> = { fr, en };

export interface ExportLabels {
  language: Language;
  sheet(key: keyof Catalog['sheets']): string;
  column(key: keyof Catalog['columns'], params?: Record<string, string>): string;
  yesNo(value: boolean): string;
  status(value: 'valid' | 'cancelled'): string;
  method(value: string): string;
  /** A day as the reader writes it: 18/09/2023 in French, 2023-09-18 in English. */
  day(date: string): string;
  /** Shown for a blank country or organisation in the totals. */
  none: string;
  fileName: string;
}

export function exportLabels(language: Language): ExportLabels {
  const c = catalogs[language] ?? fr;
  const methods = c.values.method as Record<string, string>;
  return {
    language,
    sheet: (key) => c.sheets[key],
    column: (key, params = {}) => interpolate(c.columns[key], params),
    yesNo: (value) => (value ? c.values.yes : c.values.no),
    status: (value) => c.values[value],
    method: (value) => methods[value] ?? value,
    day: (date) => (language === 'fr' ? date.split('-').reverse().join('/') : date),
    none: c.values.none,
    fileName: c.fileName,
  };
}

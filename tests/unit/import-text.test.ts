import { describe, expect, it } from 'vitest';
import { cleanCell, fold, nameKey } from '../../main/core/attendees/import/normalise';
import { splitFullName } from '../../main/core/attendees/import/names';
import { isCancelledStatus } from '../../main/core/attendees/import/rows';
import { SessionMatcher } from '../../main/core/attendees/import/sessions';

describe('cleanCell', () => {
  it('trims and collapses every kind of space, tab and line break, keeping case and diacritics', () => {
    expect(cleanCell('  Marie\u00A0\u00A0Hélène\t DUPONT \r\n')).toBe('Marie Hélène DUPONT');
    expect(cleanCell('Maire\nadjointe')).toBe('Maire adjointe');
    expect(cleanCell('Bamako\u2009IV\u202F\u3000')).toBe('Bamako IV');
    expect(cleanCell('\uFEFFNom\u200B')).toBe('Nom');
    expect(cleanCell('Nguyễn Thị Lan')).toBe('Nguyễn Thị Lan');
  });

  it('puts text in NFC so that a decomposed é equals a composed one', () => {
    expect(cleanCell('Ele\u0301onore')).toBe('El\u00e9onore');
  });

  it('leaves plain ASCII untouched (fast path)', () => {
    const text = 'Ville de Dijon';
    expect(cleanCell(text)).toBe(text);
  });
});

describe('fold and nameKey', () => {
  it('ignore case, accents, punctuation and order', () => {
    expect(fold('Zoë ÉLODIE Łódź Œuvray')).toBe('zoe elodie lodz oeuvray');
    expect(nameKey('Marie-Hélène', 'DUPONT')).toBe(nameKey('marie helene', 'Dupont'));
    expect(nameKey('Marie', 'Dupont')).toBe(nameKey('Dupont', 'Marie'));
    expect(nameKey('芳', '王')).toBe('王 芳'.split(' ').sort().join(' '));
    expect(nameKey('Marie', 'Dupont')).not.toBe(nameKey('Marie', 'Dupond'));
  });
});

describe('splitFullName', () => {
  it.each([
    ['DUPONT Marie', { firstName: 'Marie', lastName: 'DUPONT', honorific: '' }],
    ['Marie DUPONT', { firstName: 'Marie', lastName: 'DUPONT', honorific: '' }],
    ['DE LA FONTAINE Jean-Marc', { firstName: 'Jean-Marc', lastName: 'DE LA FONTAINE', honorific: '' }],
    ["N'DIAYE Élodie", { firstName: 'Élodie', lastName: "N'DIAYE", honorific: '' }],
    ['Jean de La Fontaine', { firstName: 'Jean', lastName: 'de La Fontaine', honorific: '' }],
    ['Ahmed Ben Ali', { firstName: 'Ahmed', lastName: 'Ben Ali', honorific: '' }],
    ['Jean Pierre Dupont', { firstName: 'Jean Pierre', lastName: 'Dupont', honorific: '' }],
    ['Dupont, Marie', { firstName: 'Marie', lastName: 'Dupont', honorific: '' }],
    ['Mme DUPONT Marie', { firstName: 'Marie', lastName: 'DUPONT', honorific: 'Mme' }],
    ['S.E. M. Ould Ahmed SIDI', { firstName: 'Ould Ahmed', lastName: 'SIDI', honorific: 'S.E. M.' }],
    ['Dr Kwame Mensah', { firstName: 'Kwame', lastName: 'Mensah', honorific: 'Dr' }],
    ['王 芳', { firstName: '芳', lastName: '王', honorific: '' }],
    ['王芳', { firstName: '', lastName: '王芳', honorific: '' }],
    ['محمد العلوي', { firstName: 'محمد', lastName: 'العلوي', honorific: '' }],
    ['Suharto', { firstName: '', lastName: 'Suharto', honorific: '' }],
    ['J. DUPONT', { firstName: 'J.', lastName: 'DUPONT', honorific: '' }],
  ])('%s', (full, expected) => {
    expect(splitFullName(full)).toEqual(expected);
  });
});

describe('status values', () => {
  it.each(['Annulé', 'annulée', 'Cancelled', 'Canceled', 'Refunded', 'Remboursé', 'Not Attending', 'Transferred', 'Supprimé', 'Invalide'])(
    '%s is cancelled',
    (value) => expect(isCancelledStatus(value)).toBe(true),
  );
  it.each(['Validé', 'Valide', 'Attending', 'Checked In', 'Confirmé', 'Payé', 'En attente', 'valid', 'OK'])('%s is valid', (value) =>
    expect(isCancelledStatus(value)).toBe(false),
  );
});

describe('SessionMatcher', () => {
  const matcher = new SessionMatcher([
    { id: 'w-eco', name: 'Économie, attractivité & emploi' },
    { id: 'w-climat', name: 'Climat' },
    { id: 'w-odd', name: 'ODD' },
  ]);
  it('matches names case- and accent-insensitively, and ids', () => {
    expect(matcher.match('climat')).toEqual({ ids: ['w-climat'], unknown: [] });
    expect(matcher.match('w-odd | CLIMAT')).toEqual({ ids: ['w-odd', 'w-climat'], unknown: [] });
  });
  it('splits on ; | and line breaks, and on commas unless the comma is part of a name', () => {
    expect(matcher.match('economie, attractivite & emploi, Climat')).toEqual({ ids: ['w-eco', 'w-climat'], unknown: [] });
    expect(matcher.match('Climat;ODD\nClimat')).toEqual({ ids: ['w-climat', 'w-odd'], unknown: [] });
  });
  it('reports unknown names', () => {
    expect(matcher.match('Climat, Cuisine')).toEqual({ ids: ['w-climat'], unknown: ['Cuisine'] });
    expect(matcher.match('')).toEqual({ ids: [], unknown: [] });
  });
});

describe('translations', () => {
  it('every row error, notice and import error code has a French and an English text', async () => {
    const { rowErrorCodes, noticeCodes } = await import('../../main/core/attendees/import/notices');
    const fs = await import('node:fs');
    const load = (lang: string, ns: string) => JSON.parse(fs.readFileSync(new URL(`../../resources/locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
    const lookup = (catalog: Record<string, unknown>, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    const importErrors = ['empty_file', 'binary_file', 'unknown_encoding', 'too_large', 'no_header', 'no_name_column', 'unreadable', 'unknown_field', 'unknown_column'];
    for (const lang of ['fr', 'en']) {
      const catalog = load(lang, 'import');
      for (const code of [...rowErrorCodes, ...noticeCodes]) expect(typeof lookup(catalog, code), `${lang} ${code}`).toBe('string');
      const errors = load(lang, 'errors');
      for (const code of importErrors) expect(typeof lookup(errors, `import.${code}`), `${lang} import.${code}`).toBe('string');
    }
  });
});

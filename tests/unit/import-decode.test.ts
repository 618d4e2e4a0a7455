import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../main/core/attendees/import/decode';
import { detectDelimiter, parseCsv } from '../../main/core/attendees/import/parse-csv';
import { cellText } from '../../main/core/attendees/import/parse-xlsx';
import { maxImportBytes } from '../../main/core/contract';

const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

const text = (data: Uint8Array) => {
  const result = sniff('f.csv', data);
  if (result.kind !== 'text') throw new Error('expected text');
  return result;
};

const refusal = (data: Uint8Array, fileName = 'f.csv') => {
  try {
    sniff(fileName, data);
  } catch (error) {
    return error as { code: string; message: string; params: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

describe('encoding detection', () => {
  const sample = 'Nom;Prénom;Organisation\nLefèvre;Zoë;Ville de Besançon – Œuvre\n';

  it('UTF-8 with and without BOM', () => {
    expect(text(bytes([0xef, 0xbb, 0xbf], sample))).toMatchObject({ text: sample, encoding: 'UTF-8 (BOM)' });
    expect(text(bytes(sample))).toMatchObject({ text: sample, encoding: 'UTF-8' });
  });

  it('Windows-1252 (French Excel), including ’ € Œ from its 0x80–0x9F range', () => {
    const win = 'Nom;Fonction\nŒuvray;Chargée de l’accueil – 20 €\n';
    expect(text(new Uint8Array(iconv.encode(win, 'win1252')))).toMatchObject({ text: win, encoding: 'Windows-1252' });
  });

  it('UTF-16 LE and BE, with BOM (Excel "Unicode text") and without', () => {
    const tsv = 'Prénom\tNom\nJi-woo\t김\n';
    expect(text(bytes([0xff, 0xfe], Buffer.from(tsv, 'utf16le')))).toMatchObject({ text: tsv, encoding: 'UTF-16 LE' });
    const be = Buffer.from(tsv, 'utf16le').swap16();
    expect(text(bytes([0xfe, 0xff], be))).toMatchObject({ text: tsv, encoding: 'UTF-16 BE' });
    expect(text(new Uint8Array(Buffer.from(tsv, 'utf16le')))).toMatchObject({ text: tsv, encoding: 'UTF-16 LE' });
  });

  it('two exports pasted together (UTF-8 lines and Windows-1252 lines) are read line by line', () => {
    const data = bytes('Nom;Prénom\nNguyễn;Thị Lan\n', new Uint8Array(iconv.encode('Lefèvre;Zoë\n', 'win1252')));
    const result = text(data);
    expect(result.text).toBe('Nom;Prénom\nNguyễn;Thị Lan\nLefèvre;Zoë\n');
    expect(result.notices.map((n) => n.code)).toEqual(['notice.mixed_encoding']);
  });

  it('refuses encodings it cannot tell apart from noise, naming the file', () => {
    const cyrillic = new Uint8Array(iconv.encode('Фамилия;Имя\nКоваленко;Дмитро\nШевченко;Тарас\nПетренко;Олена\n', 'win1251'));
    expect(refusal(cyrillic, 'kiev.csv')).toMatchObject({ code: 'import.unknown_encoding', params: { file: 'kiev.csv' } });
    const japanese = new Uint8Array(iconv.encode('氏名;所属\n佐藤 陽翔;京都市役所\n田中 花子;大阪府庁\n', 'shift_jis'));
    expect(refusal(japanese)).toMatchObject({ code: 'import.unknown_encoding' });
    expect(refusal(bytes([0xff, 0xfe, 0x00, 0x00], Buffer.from('N\0\0\0o\0\0\0m\0\0\0', 'latin1')))).toMatchObject({ code: 'import.unknown_encoding' });
  });
});

describe('file kinds', () => {
  it('empty files, and files of blank lines or bare separators, are empty', () => {
    expect(refusal(new Uint8Array(0), 'vide.csv')).toMatchObject({ code: 'import.empty_file', params: { file: 'vide.csv' } });
    expect(refusal(bytes([0xef, 0xbb, 0xbf]))).toMatchObject({ code: 'import.empty_file' });
    expect(refusal(bytes(' \r\n;;;\r\n\r\n'))).toMatchObject({ code: 'import.empty_file' });
  });

  it('binary files are refused: NUL bytes, images, PDFs, old .xls', () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(refusal(noise, 'photo.bin')).toMatchObject({ code: 'import.binary_file', params: { file: 'photo.bin' } });
    expect(refusal(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatchObject({ code: 'import.binary_file' });
    expect(refusal(bytes('%PDF-1.7\n'))).toMatchObject({ code: 'import.binary_file' });
    const xls = refusal(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'ancien.xls');
    expect(xls).toMatchObject({ code: 'import.binary_file' });
    expect(xls.message).toContain('.xls');
  });

  it('zip archives go to the XLSX reader', () => {
    expect(sniff('f.xlsx', bytes([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ kind: 'xlsx' });
  });

  it('files over the limit are refused before reading', () => {
    const big = new Uint8Array(maxImportBytes + 1);
    expect(refusal(big, 'enorme.csv')).toMatchObject({ code: 'import.too_large', params: { file: 'enorme.csv' } });
  });
});

describe('delimiter detection', () => {
  it.each([
    [';', 'Nom;Prénom;Collectivité\nDupont;Marie;Ville de Lyon, Métropole\nMartin;Paul;"Région A; B"\n'],
    [',', 'First Name,Last Name,Company\nRania,Haddad,"Byblos, Lebanon"\nKwame,Mensah,Kumasi\n'],
    ['\t', 'Prénom\tNom\tOrganisation\nSøren\tKierkegård\tKøbenhavn; Danmark\n'],
  ])('finds %j', (delimiter, sample) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });

  it('keeps blank lines as records so row numbers match the spreadsheet', () => {
    expect(parseCsv('f.csv', 'a;b\n\nc;d\n"x\ny";z\n', ';')).toEqual([['a', 'b'], [''], ['c', 'd'], ['x\ny', 'z']]);
  });

  it('reports an unreadable CSV with its file and line', () => {
    expect(() => parseCsv('casse.csv', 'Nom;Prénom\nDupont;"Marie\nMartin;Paul\n', ';')).toThrow(
      expect.objectContaining({ code: 'import.unreadable', params: expect.objectContaining({ file: 'casse.csv' }) }),
    );
  });
});

describe('XLSX cell text', () => {
  it('keeps every digit of barcodes and integers', () => {
    expect(cellText(3601234567890)).toBe('3601234567890');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(1e21)).toBe('1000000000000000000000');
  });
  it('takes formula results, never formulas', () => {
    expect(cellText({ formula: 'A1&B1', result: 'Zoë Martin' })).toBe('Zoë Martin');
    expect(cellText({ sharedFormula: 'A1', result: 42 } as never)).toBe('42');
    expect(cellText({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    let missing = 0;
    expect(cellText({ formula: 'NOW()' }, () => missing++)).toBe('');
    expect(missing).toBe(1);
  });
  it('flattens rich text and hyperlinks, formats dates as ISO', () => {
    expect(cellText({ richText: [{ text: 'Ł' }, { text: 'ódź' }] })).toBe('Łódź');
    expect(cellText({ text: 'Site', hyperlink: 'https://example.org' })).toBe('Site');
    expect(cellText({ text: { richText: [{ text: 'Riche' }] }, hyperlink: 'x' } as never)).toBe('Riche');
    expect(cellText(new Date(Date.UTC(2023, 8, 18)))).toBe('2023-09-18');
    expect(cellText(new Date(Date.UTC(2023, 8, 18, 9, 14)))).toBe('2023-09-18 09:14');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });
});

/**
 * Bytes → what kind of file, and for text files the text. Registration exports arrive as
 * UTF-8 with or without BOM, Windows-1252 from French Excel, UTF-16 from Excel's "Unicode
 * text", sometimes as two exports pasted together in different encodings.
 */
import iconv from 'iconv-lite';
import { DomainError } from '../../errors';
import { maxImportBytes } from '../../contract';
import type { ImportNotice } from '../../types';
import { notice } from './notices';

export type Sniffed =
  | { kind: 'xlsx' }
  | { kind: 'text'; text: string; encoding: string; notices: ImportNotice[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Node's TextDecoder('windows-1252') (small ICU) decodes 0x80–0x9F as C1 controls, losing
// ’ € Œ …; iconv-lite has the real table and marks its five undefined bytes with U+FFFD.
const cp1252 = { decode: (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252') };

function startsWith(data: Uint8Array, ...bytes: number[]): boolean {
  return bytes.every((byte, i) => data[i] === byte);
}

function binary(fileName: string, detail: string): DomainError {
  return new DomainError('import.binary_file', `${fileName} is not a CSV, text or XLSX file (${detail}).`, { file: fileName });
}

function unknownEncoding(fileName: string, detail: string): DomainError {
  return new DomainError(
    'import.unknown_encoding',
    `Cannot tell the text encoding of ${fileName} (${detail}); save it as CSV UTF-8 or XLSX.`,
    { file: fileName },
  );
}

/** Signatures of files people pick by mistake: better a precise refusal than a page of mojibake. */
const binarySignatures: { bytes: number[]; what: string }[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old .xls workbook or a password-protected file: save it as .xlsx or CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
];

export function sniff(fileName: string, data: Uint8Array): Sniffed {
  if (data.byteLength > maxImportBytes) {
    throw new DomainError(
      'import.too_large',
      `${fileName} is ${Math.round(data.byteLength / 1048576)} MB; the limit is ${maxImportBytes / 1048576} MB.`,
      {
        file: fileName,
        size: data.byteLength,
        max: maxImportBytes,
        sizeMb: Math.round(data.byteLength / 1048576),
        maxMb: maxImportBytes / 1048576,
      },
    );
  }
  if (data.byteLength === 0) throw new DomainError('import.empty_file', `${fileName} is empty.`, { file: fileName });
  if (startsWith(data, 0x50, 0x4b, 0x03, 0x04)) return { kind: 'xlsx' };
  for (const signature of binarySignatures) {
    if (startsWith(data, ...signature.bytes)) throw binary(fileName, signature.what);
  }

  const decoded = decodeText(fileName, data);
  if (!/[^\s,;"']/.test(decoded.text)) {
    throw new DomainError('import.empty_file', `${fileName} has no data (only blank lines or separators).`, { file: fileName });
  }
  assertLooksLikeText(fileName, decoded.text);
  return { kind: 'text', ...decoded };
}

function decodeText(fileName: string, data: Uint8Array): { text: string; encoding: string; notices: ImportNotice[] } {
  if (startsWith(data, 0x00, 0x00, 0xfe, 0xff) || startsWith(data, 0xff, 0xfe, 0x00, 0x00)) {
    throw unknownEncoding(fileName, 'UTF-32');
  }
  if (startsWith(data, 0xff, 0xfe)) return { text: decodeUtf16(fileName, data.subarray(2), 'utf-16le'), encoding: 'UTF-16 LE', notices: [] };
  if (startsWith(data, 0xfe, 0xff)) return { text: decodeUtf16(fileName, data.subarray(2), 'utf-16be'), encoding: 'UTF-16 BE', notices: [] };

  const bom = startsWith(data, 0xef, 0xbb, 0xbf);
  const body = bom ? data.subarray(3) : data;

  const nulls = countNulls(body);
  if (nulls > 0) {
    const utf16 = bomlessUtf16(body);
    if (utf16) return { text: decodeUtf16(fileName, body, utf16), encoding: utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE', notices: [] };
    throw binary(fileName, 'it contains NUL bytes');
  }

  try {
    return { text: utf8.decode(body), encoding: bom ? 'UTF-8 (BOM)' : 'UTF-8', notices: [] };
  } catch {
    // Not UTF-8 throughout: Windows-1252, or two exports pasted together.
  }
  const { valid, invalid } = countUtf8Sequences(body);
  if (valid === 0 && !bom) {
    const text = cp1252.decode(body);
    assertPlausible1252(fileName, text);
    return { text, encoding: 'Windows-1252', notices: [] };
  }
  if (valid < invalid / 4) throw unknownEncoding(fileName, 'neither UTF-8 nor Windows-1252');
  // Decoding line by line keeps every line readable whichever encoding each one was saved in.
  const text = decodeLineByLine(body);
  return {
    text,
    encoding: 'UTF-8 + Windows-1252',
    notices: [
      notice('notice.mixed_encoding', 'Some lines are in UTF-8 and others in Windows-1252; each line was read in its own encoding.'),
    ],
  };
}

function decodeUtf16(fileName: string, data: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    throw unknownEncoding(fileName, `invalid ${encoding.toUpperCase()}`);
  }
}

function countNulls(data: Uint8Array): number {
  // The head of the file is enough to decide, and keeps a 50 MB scan off the common path.
  const end = Math.min(data.byteLength, 1 << 20);
  let count = 0;
  for (let i = 0; i < end; i++) if (data[i] === 0) count++;
  return count;
}

/** UTF-16 without BOM: Latin text has a NUL in every other byte, on one side only. */
function bomlessUtf16(data: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(data.byteLength, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < end; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  const pairs = end / 2;
  if (pairs === 0) return null;
  if (odd / pairs > 0.4 && even / pairs < 0.05) return 'utf-16le';
  if (even / pairs > 0.4 && odd / pairs < 0.05) return 'utf-16be';
  return null;
}

function countUtf8Sequences(data: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < data.byteLength; i++) {
    const byte = data[i]!;
    if (byte < 0x80) continue;
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= data.byteLength;
    for (let k = 1; ok && k < length; k++) ok = (data[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length - 1;
    } else {
      invalid++;
    }
  }
  return { valid, invalid };
}

function decodeLineByLine(data: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  while (start <= data.byteLength) {
    let end = data.indexOf(0x0a, start);
    if (end === -1) end = data.byteLength;
    const line = data.subarray(start, end);
    let text: string;
    try {
      text = utf8.decode(line);
    } catch {
      text = cp1252.decode(line);
    }
    parts.push(text);
    start = end + 1;
  }
  return parts.join('\n');
}

/**
 * Windows-1252 decodes any byte, so a file in another legacy encoding (Cyrillic, Chinese,
 * Japanese...) would "succeed" as nonsense. Undefined code points, or accented letters that
 * mostly come in runs (real French text has them one at a time), mean it is something else.
 */
function assertPlausible1252(fileName: string, text: string): void {
  if (text.includes('\uFFFD')) throw unknownEncoding(fileName, 'bytes undefined in Windows-1252');
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    high++;
    if ((i > 0 && text.charCodeAt(i - 1) >= 0x80) || (i + 1 < text.length && text.charCodeAt(i + 1) >= 0x80)) inRuns++;
  }
  if (high >= 16 && inRuns / high > 0.6) throw unknownEncoding(fileName, 'looks like a multi-byte legacy encoding');
}

function assertLooksLikeText(fileName: string, text: string): void {
  const sample = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 0 && controls / sample.length > 0.001) throw binary(fileName, 'it contains control characters');
}

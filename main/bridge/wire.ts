/**
 * How values cross the loopback HTTP bridge. JSON has no bytes, and imports carry files as
 * Uint8Array: a byte array travels as `{ "$bytes": "<base64>" }`. Shared by the server
 * (main/bridge/server.ts) and the browser client (renderer/api/http.ts) so both sides agree
 * by construction. Runs in Node and in Chromium: no Buffer, no DOM.
 */

export const bytesKey = '$bytes';

interface Base64Codec {
  encode(bytes: Uint8Array): string;
  decode(text: string): Uint8Array;
}

/** Uint8Array.prototype.toBase64 / Uint8Array.fromBase64 (Chromium >= 140, Node >= 25); absent from TypeScript 5.9's libs. */
interface NativeBase64 {
  fromBase64?: (text: string) => Uint8Array;
  prototype: { toBase64?: (this: Uint8Array) => string };
}

const native = Uint8Array as unknown as NativeBase64;

// btoa/atob work on "binary strings"; chunks keep String.fromCharCode below the argument limit.
const chunk = 0x8000;
const portable: Base64Codec = {
  encode(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += chunk) {
      binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
    }
    return btoa(binary);
  },
  decode(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  },
};

/** The fastest codec this runtime has; the server may pass a Buffer-based one instead. */
export const defaultBase64: Base64Codec =
  typeof native.fromBase64 === 'function' && typeof native.prototype.toBase64 === 'function'
    ? {
        encode: (bytes) => native.prototype.toBase64!.call(bytes),
        decode: (text) => native.fromBase64!(text),
      }
    : portable;

export type { Base64Codec };

function isBytesMarker(value: unknown): value is { [bytesKey]: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === bytesKey && typeof (value as Record<string, unknown>)[bytesKey] === 'string';
}

/** Serialises a value to JSON, byte arrays included. */
export function toWire(value: unknown, base64: Base64Codec = defaultBase64): string {
  // The holder's own property, not `item`: a Node Buffer (what Chromium's printToPDF or
  // fs.readFile return) has toJSON, which JSON.stringify calls before the replacer sees it.
  return JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    const raw: unknown = (this as Record<string, unknown>)[key];
    return raw instanceof Uint8Array ? { [bytesKey]: base64.encode(raw) } : item;
  });
}

/** Parses JSON written by toWire, turning byte markers back into Uint8Array. */
export function fromWire(text: string, base64: Base64Codec = defaultBase64): unknown {
  return JSON.parse(text, (_key, item: unknown) => (isBytesMarker(item) ? base64.decode(item[bytesKey]) : item));
}

/**
 * RFC 4648 base32, upper case, no padding. Its alphabet (A–Z, 2–7) lies inside the QR code's
 * alphanumeric set, so a token is encoded at 5.5 bits per character instead of 8 in byte mode.
 * Twenty lines did not justify a dependency; decoding is strict (any other character fails).
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const values = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** The bytes, or null when the text holds a character outside the alphabet or non-zero padding bits. */
export function base32Decode(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? values[code]! : -1;
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  // Leftover bits must be zero, so that each byte string has exactly one encoding.
  if (buffer !== 0) return null;
  return out;
}

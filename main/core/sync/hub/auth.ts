/**
 * Pairing codes and device tokens. Both are kept only as SHA-256 hashes: a copy of the hub's
 * database gives no one a way in. Codes are short (typed or scanned once, within 10 minutes,
 * single use); tokens are 32 random bytes, one per device, revocable.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: read aloud or typed from a screen across a desk without a mistake. */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const codeLength = 8;
export const codeLifetimeMs = 10 * 60 * 1000;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A new code, shown as two groups of four ("K7QD-M2XP"). */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Case, spaces and dashes do not matter when the code is typed back. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashCode(code: string): string {
  return sha256(`code:${normalizeCode(code)}`);
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return sha256(`token:${token}`);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/.exec(header ?? '');
  return match ? match[1]! : null;
}

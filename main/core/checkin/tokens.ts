import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { base32Decode, base32Encode } from './base32';

/**
 * The signed QR token: `AC1:` + base32(tag ‖ attendee ‖ version ‖ signature), 140 characters
 * of the QR alphanumeric set (a version 7 code at error correction M holds 178).
 *
 *   tag        3 bytes   first bytes of SHA-256(event id): tells another event's token apart
 *                        without a key lookup ("unknown", reason other_event)
 *   attendee  16 bytes   the attendee's UUID
 *   version    2 bytes   token version, big-endian; revocation bumps the attendee's version
 *   signature 64 bytes   Ed25519 over domain ‖ event id ‖ 0 ‖ attendee ‖ version
 *
 * The event id is inside the signature, so a tag collision cannot make another event's token
 * valid here: it fails verification instead.
 */
export const tokenPrefix = 'AC1:';
const tagBytes = 3;
const uuidBytes = 16;
const versionBytes = 2;
const signatureBytes = 64;
const payloadBytes = tagBytes + uuidBytes + versionBytes + signatureBytes;
export const tokenLength = tokenPrefix.length + Math.ceil((payloadBytes * 8) / 5);
export const maxTokenVersion = 0xffff;
const domain = Buffer.from('accueil/qr/1\0', 'utf8');

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

export function eventTag(eventId: string): Buffer {
  return createHash('sha256').update(eventId, 'utf8').digest().subarray(0, tagBytes);
}

function uuidToBytes(id: string): Buffer {
  if (!isUuid(id)) throw new Error(`attendee id ${id} is not a UUID: it cannot be put in a QR token`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function signedMessage(eventId: string, attendee: Uint8Array, version: Uint8Array): Buffer {
  return Buffer.concat([domain, Buffer.from(eventId, 'utf8'), Buffer.from([0]), attendee, version]);
}

function versionToBytes(version: number): Buffer {
  if (!Number.isInteger(version) || version < 0 || version > maxTokenVersion) throw new Error(`token version ${version} out of range`);
  const bytes = Buffer.alloc(versionBytes);
  bytes.writeUInt16BE(version);
  return bytes;
}

export function signToken(eventId: string, attendeeId: string, version: number, privateKey: KeyObject): string {
  const attendee = uuidToBytes(attendeeId);
  const versionField = versionToBytes(version);
  const signature = sign(null, signedMessage(eventId, attendee, versionField), privateKey);
  return tokenPrefix + base32Encode(Buffer.concat([eventTag(eventId), attendee, versionField, signature]));
}

/** True when the text claims to be one of our tokens (it may still be truncated or forged). */
export function looksLikeToken(text: string): boolean {
  return text.length >= tokenPrefix.length && text.slice(0, tokenPrefix.length).toUpperCase() === tokenPrefix;
}

export type TokenCheck =
  | { kind: 'not_token' }
  /** Starts like a token but is cut, padded or holds characters base32 does not have. */
  | { kind: 'malformed' }
  /** A well-formed token of another event. */
  | { kind: 'other_event' }
  /** This kiosk holds no key for the event: nothing can be verified. */
  | { kind: 'no_key'; attendeeId: string }
  | { kind: 'bad_signature'; attendeeId: string }
  | { kind: 'valid'; attendeeId: string; version: number };

/**
 * Reads and verifies a token offline. Lower-case input is accepted (some scanners and phone
 * apps change case); nothing else is forgiven.
 */
export function checkToken(text: string, eventId: string, publicKey: KeyObject | null): TokenCheck {
  if (!looksLikeToken(text)) return { kind: 'not_token' };
  if (text.length !== tokenLength) return { kind: 'malformed' };
  const bytes = base32Decode(text.slice(tokenPrefix.length).toUpperCase());
  if (!bytes || bytes.length !== payloadBytes) return { kind: 'malformed' };
  const tag = bytes.subarray(0, tagBytes);
  const attendee = bytes.subarray(tagBytes, tagBytes + uuidBytes);
  const versionField = bytes.subarray(tagBytes + uuidBytes, tagBytes + uuidBytes + versionBytes);
  const signature = bytes.subarray(payloadBytes - signatureBytes);
  if (!eventTag(eventId).equals(tag)) return { kind: 'other_event' };
  const attendeeId = bytesToUuid(attendee);
  if (!publicKey) return { kind: 'no_key', attendeeId };
  if (!verify(null, signedMessage(eventId, attendee, versionField), publicKey, signature)) return { kind: 'bad_signature', attendeeId };
  return { kind: 'valid', attendeeId, version: Buffer.from(versionField).readUInt16BE() };
}

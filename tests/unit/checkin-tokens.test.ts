import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../main/core/checkin/base32';
import { publicKeyFromRaw, rawPublicKey } from '../../main/core/checkin/keys';
import { qrVersion } from '../../main/core/checkin/qr';
import { checkToken, looksLikeToken, maxTokenVersion, signToken, tokenLength, tokenPrefix } from '../../main/core/checkin/tokens';

const eventId = 'demo-aict-2023';
const attendeeId = '382e7a54-2d12-5317-84fb-1f8b2b41e919';
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const token = signToken(eventId, attendeeId, 1, privateKey);

function payload(text: string): Uint8Array {
  return base32Decode(text.slice(tokenPrefix.length))!;
}
function withPayload(bytes: Uint8Array): string {
  return tokenPrefix + base32Encode(bytes);
}

describe('base32', () => {
  it('round-trips any bytes and uses only QR alphanumeric characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = base32Encode(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(Buffer.from(base32Decode(text)!)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('matches RFC 4648 test vectors (without padding)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)!).toString()).toBe(plain);
    }
  });

  it('refuses characters outside the alphabet and non-zero padding bits', () => {
    expect(base32Decode('MZXW6!')).toBeNull();
    expect(base32Decode('mzxw6')).toBeNull(); // callers upper-case first
    expect(base32Decode('MZ')).toBeNull(); // 'Z' leaves non-zero bits after one byte
    expect(base32Decode('ÉÉ')).toBeNull();
  });
});

describe('QR tokens', () => {
  it('verifies a genuine token and reads its attendee and version', () => {
    expect(token).toHaveLength(tokenLength);
    expect(token.startsWith('AC1:')).toBe(true);
    expect(checkToken(token, eventId, publicKey)).toEqual({ kind: 'valid', attendeeId, version: 1 });
    const v7 = signToken(eventId, attendeeId, 7, privateKey);
    expect(checkToken(v7, eventId, publicKey)).toEqual({ kind: 'valid', attendeeId, version: 7 });
  });

  it('fits a QR code of version 7 or less at error correction M, in alphanumeric mode', () => {
    for (const version of [1, 2, 300, maxTokenVersion]) {
      const text = signToken(eventId, randomUUID(), version, privateKey);
      expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
      expect(qrVersion(text)).toBeLessThanOrEqual(7);
    }
  });

  it('refuses every single altered byte (event tag → other event, anything else → bad signature)', () => {
    const bytes = payload(token);
    for (let i = 0; i < bytes.length; i++) {
      const altered = Uint8Array.from(bytes);
      altered[i] = altered[i]! ^ 0x01;
      const check = checkToken(withPayload(altered), eventId, publicKey);
      expect(check.kind, `byte ${i}`).toBe(i < 3 ? 'other_event' : 'bad_signature');
    }
  });

  it('refuses every altered character', () => {
    for (let i = tokenPrefix.length; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const altered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(['bad_signature', 'other_event', 'malformed']).toContain(checkToken(altered, eventId, publicKey).kind);
    }
  });

  it('reports truncated and padded tokens as malformed', () => {
    for (let length = tokenPrefix.length; length < token.length; length++) {
      expect(checkToken(token.slice(0, length), eventId, publicKey).kind).toBe('malformed');
    }
    expect(checkToken(`${token}A`, eventId, publicKey).kind).toBe('malformed');
    expect(checkToken(`${token.slice(0, -1)}!`, eventId, publicKey).kind).toBe('malformed');
  });

  it('tells a token of another event apart, and refuses one signed with another key', () => {
    const other = signToken('another-event', attendeeId, 1, privateKey);
    expect(checkToken(other, eventId, publicKey).kind).toBe('other_event');
    const forger = generateKeyPairSync('ed25519');
    const forged = signToken(eventId, attendeeId, 1, forger.privateKey);
    expect(checkToken(forged, eventId, publicKey)).toEqual({ kind: 'bad_signature', attendeeId });
  });

  it('binds the event id inside the signature: a matching tag is not enough', () => {
    // Re-tag another event's token with this event's tag: the signature still covers the other event id.
    const other = payload(signToken('another-event', attendeeId, 1, privateKey));
    const mine = payload(token);
    other.set(mine.subarray(0, 3), 0);
    expect(checkToken(withPayload(other), eventId, publicKey).kind).toBe('bad_signature');
  });

  it('carries the version so a revoked (older) token can be told apart', () => {
    const old = checkToken(signToken(eventId, attendeeId, 1, privateKey), eventId, publicKey);
    const current = checkToken(signToken(eventId, attendeeId, 2, privateKey), eventId, publicKey);
    expect(old.kind === 'valid' && old.version).toBe(1);
    expect(current.kind === 'valid' && current.version).toBe(2);
  });

  it('accepts lower-case input (some scanners change case)', () => {
    expect(checkToken(token.toLowerCase(), eventId, publicKey)).toEqual({ kind: 'valid', attendeeId, version: 1 });
  });

  it('says when the kiosk has no key to verify with', () => {
    expect(checkToken(token, eventId, null)).toEqual({ kind: 'no_key', attendeeId });
  });

  it('round-trips the raw public key kiosks receive', () => {
    expect(checkToken(token, eventId, publicKeyFromRaw(rawPublicKey(publicKey))).kind).toBe('valid');
    expect(rawPublicKey(publicKey)).toHaveLength(32);
  });

  it('does not take garbage for a token', () => {
    const garbage = [
      '',
      'https://www.cites-unies-france.org/Rencontres-2023',
      'BEGIN:VCARD\nVERSION:3.0\nFN:Awa Diop\nEND:VCARD',
      'x'.repeat(2048),
      String.fromCharCode(...Array.from({ length: 200 }, (_, i) => i % 256)),
      'WZ-123456',
      attendeeId,
      'AC1',
      'AC2:' + token.slice(4),
    ];
    for (const text of garbage) {
      expect(looksLikeToken(text)).toBe(false);
      expect(checkToken(text, eventId, publicKey).kind).toBe('not_token');
    }
    expect(checkToken('AC1:' + 'x'.repeat(2048), eventId, publicKey).kind).toBe('malformed');
    expect(checkToken('AC1:\u0000\u0001', eventId, publicKey).kind).toBe('malformed');
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => checkToken(text, eventId, publicKey)).not.toThrow();
        expect(() => checkToken(`AC1:${text}`, eventId, publicKey)).not.toThrow();
      }),
    );
  });

  it('refuses to sign what it cannot encode', () => {
    expect(() => signToken(eventId, 'not-a-uuid', 1, privateKey)).toThrow(/UUID/);
    expect(() => signToken(eventId, attendeeId, maxTokenVersion + 1, privateKey)).toThrow(/range/);
  });
});

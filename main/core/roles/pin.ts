import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The organiser PIN as stored in settings: an scrypt hash with its own random salt and the cost
 * it was made with, so the parameters can be raised later without locking anyone out.
 */
export interface PinHash {
  algorithm: 'scrypt';
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/**
 * A PIN has at most 12 digits (10^12 guesses), so the hash must be slow: N = 2^15, r = 8 takes
 * 32 MB and tens of milliseconds per try, which the lock-out multiplies for anyone at the screen
 * and which makes a stolen database file expensive to brute-force.
 */
const cost = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const maxmem = 64 * 1024 * 1024;

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return { algorithm: 'scrypt', salt: salt.toString('base64'), hash: key.toString('base64'), ...cost };
}

/** Compares in constant time: how long a wrong PIN takes says nothing about how close it was. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(pin, Buffer.from(stored.salt, 'base64'), { N: stored.N, r: stored.r, p: stored.p, keyLength: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

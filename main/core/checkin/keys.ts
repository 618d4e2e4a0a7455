import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/**
 * Each event has one Ed25519 key pair. The organiser's machine holds both halves and signs
 * QR codes; a door kiosk only needs the public half to verify them offline (the sync issue
 * distributes it). A pair is made the first time a QR code is signed for the event.
 */
export interface EventKeys {
  publicKey: KeyObject;
  privateKey: KeyObject | null;
}

interface KeyRow {
  public_key: string;
  private_key: string | null;
}

/** Raw 32-byte public key ↔ KeyObject, through the fixed SPKI prefix of Ed25519. */
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length);
}

export class EventKeyStore {
  private readonly cache = new Map<string, EventKeys>();
  private readonly select: Statement;
  private readonly insert: Statement;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.select = db.prepare('SELECT public_key, private_key FROM event_keys WHERE event_id = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO event_keys (event_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)');
  }

  /** The event's keys as stored, or null when this kiosk has none (nothing it can verify). */
  find(eventId: string): EventKeys | null {
    const cached = this.cache.get(eventId);
    if (cached) return cached;
    const row = this.select.get(eventId) as KeyRow | undefined;
    if (!row) return null;
    const keys: EventKeys = {
      publicKey: publicKeyFromRaw(Buffer.from(row.public_key, 'base64')),
      privateKey: row.private_key ? createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }) : null,
    };
    this.cache.set(eventId, keys);
    return keys;
  }

  /**
   * Stores the event's pair as the hub sent it (first sync), replacing one made here before
   * pairing (a demo event signed on this kiosk): every kiosk then signs and verifies alike.
   */
  replace(eventId: string, publicKey: string, privateKey: string | null): void {
    this.db
      .prepare(
        `INSERT INTO event_keys (event_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(event_id) DO UPDATE SET public_key = excluded.public_key, private_key = excluded.private_key`,
      )
      .run(eventId, publicKey, privateKey, this.now().toISOString());
    this.cache.delete(eventId);
  }

  /** The event's keys, creating a pair if it has none yet. */
  ensure(eventId: string): EventKeys {
    const found = this.find(eventId);
    if (found) return found;
    const pair = generateKeyPairSync('ed25519');
    this.insert.run(
      eventId,
      rawPublicKey(pair.publicKey).toString('base64'),
      pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      this.now().toISOString(),
    );
    // INSERT OR IGNORE: if another connection won the race, its pair is the one to use.
    return this.find(eventId)!;
  }
}

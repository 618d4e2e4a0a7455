import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract';
import { DomainError } from '../errors';
import type { CheckinDesk } from './checkin';
import type { EventKeyStore } from './keys';
import type { Kiosk } from './kiosk';
import { qrSvg } from './qr';
import { exportQrFolder } from './qr-export';
import { signToken } from './tokens';

export interface CheckinDeps {
  db: Database;
  kiosk: Kiosk;
  keys: EventKeyStore;
  desk: CheckinDesk;
}

type CheckinOperations = 'kiosk:get' | 'kiosk:configure' | 'checkin:scan' | 'checkin:undo' | 'qr:attendee' | 'qr:export' | 'token:revoke';

interface TokenRow {
  id: string;
  honorific: string;
  first_name: string;
  last_name: string;
  email: string;
  token_version: number;
}

/** The check-in operations of the services table (kiosk settings, scans, undo, QR codes, revocation). */
export function checkinHandlers({ db, kiosk, keys, desk }: CheckinDeps): Pick<Handlers, CheckinOperations> {
  const tokenRow = db.prepare('SELECT id, honorific, first_name, last_name, email, token_version FROM attendees WHERE id = ? AND event_id = ?');
  const validRows = db.prepare(
    "SELECT id, honorific, first_name, last_name, email, token_version FROM attendees WHERE event_id = ? AND status = 'valid' ORDER BY last_name, first_name, id",
  );

  const signer = (eventId: string) => {
    const { privateKey } = keys.ensure(eventId);
    if (!privateKey) {
      throw new DomainError('token.no_signing_key', "This kiosk only holds the event's public key: it can check QR codes but not create them.");
    }
    return (row: TokenRow) => signToken(eventId, row.id, row.token_version, privateKey);
  };

  return {
    'kiosk:get': () => kiosk.config(),
    'kiosk:configure': (patch) => kiosk.configure(patch),
    'checkin:scan': (input) => desk.scan(input),
    'checkin:undo': ({ checkinId, reason }) => desk.undo(checkinId, reason),
    'qr:attendee': async ({ id }) => {
      const event = kiosk.event();
      const row = tokenRow.get(id, event.id) as TokenRow | undefined;
      if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${id}.`, { id });
      const text = signer(event.id)(row);
      return { text, svg: await qrSvg(text) };
    },
    'qr:export': async ({ folder, format }) => {
      const event = kiosk.event();
      const sign = signer(event.id);
      const people = (validRows.all(event.id) as TokenRow[]).map((row) => ({
        id: row.id,
        honorific: row.honorific,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        token: sign(row),
      }));
      return exportQrFolder(folder, people, format ?? 'png');
    },
    'token:revoke': ({ attendeeId }) => desk.revoke(attendeeId),
  };
}

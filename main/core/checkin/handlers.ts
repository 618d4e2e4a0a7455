import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract';
import { DomainError } from '../errors';
import type { Attendees } from '../attendees/attendees';
import type { Events } from '../events/events';
import type { Settings } from '../settings/settings';

export interface CheckinDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  events: Events;
  attendees: Attendees;
}

type CheckinOperations = 'kiosk:get' | 'kiosk:configure' | 'checkin:scan' | 'checkin:undo' | 'qr:attendee' | 'qr:export' | 'token:revoke';

const notReady = (): never => {
  throw new DomainError('checkin.not_ready', 'Check-in is not available yet.');
};

/** The check-in operations of the services table (kiosk settings, scans, undo, QR codes, revocation). */
export function checkinHandlers(_deps: CheckinDeps): Pick<Handlers, CheckinOperations> {
  return {
    'kiosk:get': notReady,
    'kiosk:configure': notReady,
    'checkin:scan': notReady,
    'checkin:undo': notReady,
    'qr:attendee': notReady,
    'qr:export': notReady,
    'token:revoke': notReady,
  };
}

import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { CheckinDesk } from '../checkin/checkin';
import type { Kiosk } from '../checkin/kiosk';
import type { Settings } from '../settings/settings';
import { WalkinDesk } from './walkin';
import { editAttendee } from '../attendees/edit';

export interface WalkinHandlerDeps {
  db: Database;
  now: () => Date;
  settings: Settings;
  attendees: Attendees;
  audit: AuditLog;
  kiosk: Kiosk;
  desk: CheckinDesk;
}

/** The walk-in operations of the services table, and the edit of an attendee at the kiosk. */
export function walkinHandlers({ db, now, settings, attendees, audit, kiosk, desk }: WalkinHandlerDeps): Pick<Handlers, 'walkin:check' | 'walkin:create' | 'attendees:update'> {
  const walkins = new WalkinDesk({ db, now, attendees, audit, kiosk, desk });
  return {
    'walkin:check': (input) => ({ candidates: walkins.check(input) }),
    'walkin:create': (input) => walkins.create(input),
    'attendees:update': ({ id, fields }) => editAttendee({ db, now, attendees, audit, kioskId: () => settings.kioskId() }, id, fields),
  };
}

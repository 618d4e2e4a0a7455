import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { CheckinDesk } from '../checkin/checkin';
import type { Kiosk } from '../checkin/kiosk';
import { admits } from '../checkin/rules';
import { DomainError } from '../errors';
import type { CheckinOutcome, DuplicateCandidate, WalkinOutcome } from '../types';
import { findDuplicates } from './duplicates';

export interface WalkinFields {
  honorific?: string;
  firstName: string;
  lastName: string;
  function?: string;
  organisation?: string;
  country?: string;
  category?: string;
  email?: string;
}

export interface WalkinRequest extends WalkinFields {
  consent: boolean;
  checkIn?: boolean;
  confirmNotDuplicate?: boolean;
}

export type { WalkinOutcome };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** Trims every field; refuses a person with no name at all or an e-mail that cannot be one. */
export function cleanWalkinFields(input: WalkinFields): Required<WalkinFields> {
  const clean = (value: string | undefined) => (value ?? '').normalize('NFC').trim();
  const fields = {
    honorific: clean(input.honorific),
    firstName: clean(input.firstName),
    lastName: clean(input.lastName),
    function: clean(input.function),
    organisation: clean(input.organisation),
    country: clean(input.country),
    category: clean(input.category),
    email: clean(input.email),
  };
  if (fields.firstName === '' && fields.lastName === '') {
    throw new DomainError('walkin.name_required', 'A first or a last name is needed to register a walk-in.');
  }
  if (fields.email !== '' && !emailPattern.test(fields.email)) {
    throw new DomainError('walkin.invalid_email', `Not an e-mail address: ${fields.email}`, { email: fields.email });
  }
  return fields;
}

export interface WalkinDeps {
  db: Database;
  now: () => Date;
  attendees: Attendees;
  audit: AuditLog;
  kiosk: Kiosk;
  desk: CheckinDesk;
}

/** Registration at the desk: duplicate check, then create, outbox, audit and check-in in one transaction. */
export class WalkinDesk {
  constructor(private readonly deps: WalkinDeps) {}

  /**
   * Lenient on purpose: the form asks as staff type, so a half-typed e-mail is simply not
   * compared and no name yet means no candidates (creating still refuses both).
   */
  check(input: WalkinFields): DuplicateCandidate[] {
    const clean = (value: string | undefined) => (value ?? '').normalize('NFC').trim();
    const person = { firstName: clean(input.firstName), lastName: clean(input.lastName), organisation: clean(input.organisation), email: clean(input.email) };
    if (person.firstName === '' && person.lastName === '') return [];
    if (!emailPattern.test(person.email)) person.email = '';
    const event = this.deps.kiosk.event();
    return findDuplicates(this.deps.db, this.deps.attendees, event.id, person);
  }

  create(input: WalkinRequest): WalkinOutcome {
    const { db, now, attendees, audit, kiosk, desk } = this.deps;
    if (input.consent !== true) {
      throw new DomainError('walkin.consent_required', "The person's consent to the use of their data is needed to register them.");
    }
    const fields = cleanWalkinFields(input);
    return db
      .transaction((): WalkinOutcome => {
        const event = kiosk.event();
        const duplicates = findDuplicates(db, attendees, event.id, fields);
        if (duplicates.length > 0 && input.confirmNotDuplicate !== true) {
          const first = duplicates[0]!.attendee;
          const name = [first.honorific, first.firstName, first.lastName].filter(Boolean).join(' ');
          throw new DomainError('walkin.possible_duplicate', `${name}${first.organisation ? `, ${first.organisation}` : ''} is already registered.`, {
            name,
            organisation: first.organisation,
            id: first.id,
            count: duplicates.length,
          });
        }
        const id = randomUUID();
        attendees.insert({ ...fields, id, eventId: event.id, source: 'walk-in' });
        const at = now().toISOString();
        const kioskId = kiosk.id();
        db.prepare('INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)').run(
          randomUUID(),
          'walkin',
          // Whether staff were shown look-alikes and said "someone else": the hub flags a look-alike otherwise.
          JSON.stringify({
            id,
            eventId: event.id,
            ...fields,
            status: 'valid',
            source: 'walk-in',
            consent: true,
            kioskId,
            at,
            confirmNotDuplicate: input.confirmNotDuplicate === true,
            notDuplicateOf: input.confirmNotDuplicate === true ? duplicates.map((d) => d.attendee.id) : [],
          }),
          at,
        );
        audit.record({
          action: 'walkin.create',
          target: id,
          // The person's consent to the use of their data, as the form required it: kept with the registration's record.
          details: { consent: true, duplicatesOverridden: duplicates.map((d) => d.attendee.id) },
        });
        let checkin: CheckinOutcome | null = null;
        if (input.checkIn !== false) {
          checkin = desk.scan({ code: id, method: 'walk-in' });
          if (!admits(checkin.result)) {
            // Rolls the whole registration back: a walk-in the screen did not admit is not half-saved.
            throw new DomainError('walkin.checkin_refused', checkin.message, {
              ...checkin.params,
              result: checkin.result,
              reason: checkin.reason ?? '',
              message: checkin.message,
            });
          }
        }
        return { attendee: attendees.get(id), checkin, duplicates };
      })
      .immediate();
  }
}

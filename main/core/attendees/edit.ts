import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../errors';
import type { AttendeeEdit, EditableAttendeeFields } from '../types';
import type { Attendees } from './attendees';
import { tickKioskClock } from '../sync/kiosk-clock';

/** The fields a badge shows: changing one of them makes the printed badge out of date. */
export const printedFields = ['honorific', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category'] as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export interface EditDeps {
  db: Database;
  now: () => Date;
  attendees: Attendees;
  audit: AuditLog;
  kioskId: () => string;
}

/**
 * An edit at the kiosk (a typo in a name, a new function): written, logged (the names of the
 * fields, not their values), queued for sync, and the badge marked for reprint when a printed
 * field changed, all in one transaction.
 */
export function editAttendee({ db, now, attendees, audit, kioskId }: EditDeps, id: string, input: Partial<EditableAttendeeFields>): AttendeeEdit {
  const fields = Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, (value as string).normalize('NFC').trim()]),
  ) as Partial<EditableAttendeeFields>;
  if (fields.email !== undefined && fields.email !== '' && !emailPattern.test(fields.email)) {
    throw new DomainError('walkin.invalid_email', `Not an e-mail address: ${fields.email}`, { email: fields.email });
  }
  return db
    .transaction((): AttendeeEdit => {
      const before = attendees.get(id);
      const firstName = fields.firstName ?? before.firstName;
      const lastName = fields.lastName ?? before.lastName;
      if (firstName === '' && lastName === '') throw new DomainError('walkin.name_required', 'A first or a last name is needed.');
      const changed = (Object.keys(fields) as (keyof EditableAttendeeFields)[]).filter((name) => fields[name] !== before[name]);
      if (changed.length === 0) return { attendee: before, changed: [], badgeNeedsReprint: needsReprint(db, id) };
      attendees.update(id, fields);
      const reprint = changed.some((name) => (printedFields as readonly string[]).includes(name));
      if (reprint) db.prepare('UPDATE attendees SET badge_needs_reprint = 1 WHERE id = ?').run(id);
      const at = now().toISOString();
      const values = Object.fromEntries(changed.map((name) => [name, fields[name]]));
      // One hybrid clock for the edit, per field: on every kiosk and the hub the later clock of a field wins.
      const stamp = tickKioskClock(db, kioskId(), now);
      const clocks = Object.fromEntries(changed.map((name) => [name, stamp]));
      const stored = JSON.parse((db.prepare('SELECT field_clocks FROM attendees WHERE id = ?').pluck().get(id) as string | undefined) ?? '{}') as Record<string, string>;
      db.prepare('UPDATE attendees SET field_clocks = ? WHERE id = ?').run(JSON.stringify({ ...stored, ...clocks }), id);
      db.prepare('INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)').run(
        randomUUID(),
        'attendee_update',
        JSON.stringify({ id, eventId: before.eventId, fields: values, clocks, kioskId: kioskId(), at }),
        at,
      );
      audit.record({ action: 'attendee.update', target: id, details: { fields: changed, badgeNeedsReprint: reprint } });
      return { attendee: attendees.get(id), changed, badgeNeedsReprint: needsReprint(db, id) };
    })
    .immediate();
}

function needsReprint(db: Database, id: string): boolean {
  return db.prepare('SELECT badge_needs_reprint FROM attendees WHERE id = ?').pluck().get(id) === 1;
}

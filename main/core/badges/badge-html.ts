import type { Database } from 'better-sqlite3';
import { Attendees } from '../attendees/attendees';
import { EventKeyStore } from '../checkin/keys';
import { signToken } from '../checkin/tokens';
import { DomainError } from '../errors';
import { Events } from '../events/events';
import { renderBadgeHtml } from './render';
import { loadTemplate } from './templates';

/**
 * The badge of one attendee from the database: their event, registered sessions and signed
 * QR token (the same token `qr:attendee` issues), rendered with a built-in template.
 */
export async function badgeHtmlFor(
  db: Database,
  attendeeId: string,
  templateName?: string,
  options: { lang?: 'fr' | 'en'; now?: () => Date } = {},
): Promise<string> {
  const attendees = new Attendees(db);
  const row = attendees.findRow(attendeeId);
  if (!row) throw new DomainError('attendee.not_found', `No attendee with id ${attendeeId}.`, { id: attendeeId });
  const attendee = attendees.get(attendeeId);
  const event = new Events(db).get(row.event_id);
  const { token_version: version } = db.prepare('SELECT token_version FROM attendees WHERE id = ?').get(attendeeId) as { token_version: number };
  const { privateKey } = new EventKeyStore(db, options.now).ensure(row.event_id);
  if (!privateKey) {
    throw new DomainError('token.no_signing_key', "This kiosk only holds the event's public key: it can check QR codes but not create them.");
  }
  const token = signToken(row.event_id, attendeeId, version, privateKey);
  return renderBadgeHtml({ template: loadTemplate(templateName), attendee, event, token, lang: options.lang });
}

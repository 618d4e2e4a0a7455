import type { Database } from 'better-sqlite3';
import { Attendees } from '../attendees/attendees';
import { EventKeyStore } from '../checkin/keys';
import { signToken } from '../checkin/tokens';
import { DomainError } from '../errors';
import { Events } from '../events/events';
import { loadFontSet, uncoveredCharacters, type FontSet } from './fonts';
import { renderBadgeHtml, type BadgeAttendee } from './render';
import { TemplateStore } from './template-store';
import type { BadgeTemplate } from './templates';

/**
 * The badge of one attendee from the database: their event, registered sessions and signed
 * QR token (the same token `qr:attendee` issues), rendered with a built-in or an organisers' template.
 */
export async function badgeHtmlFor(
  db: Database,
  attendeeId: string,
  /** A template name (built-in or an organisers' own), or the template itself (an unsaved design); a6 by default. */
  templateName?: string | BadgeTemplate,
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
  const template = typeof templateName === 'object' ? templateName : new TemplateStore(db, options.now).load(templateName);
  return renderBadgeHtml({ template, attendee, event, token, lang: options.lang });
}

/** The attendee's own text a template prints (honorific with the first name, then each shown field). */
export function printedAttendeeText(template: Pick<BadgeTemplate, 'fields'>, attendee: BadgeAttendee): string[] {
  const shown = new Set<string>(template.fields);
  const out: string[] = [];
  if (shown.has('firstName')) out.push(attendee.honorific, attendee.firstName);
  if (shown.has('lastName')) out.push(attendee.lastName);
  for (const field of ['function', 'organisation', 'country', 'category'] as const) if (shown.has(field)) out.push(attendee[field]);
  return out.filter((s) => s.trim() !== '');
}

/**
 * Characters of the attendee's printed fields that no shipped font draws (emoji, a script not
 * shipped): printed they would come out as empty boxes, so printing refuses them. Unique, in order.
 */
export function uncoveredBadgeCharacters(template: Pick<BadgeTemplate, 'fields'>, attendee: BadgeAttendee, fonts: FontSet = loadFontSet()): string[] {
  return [...new Set(uncoveredCharacters(printedAttendeeText(template, attendee).join(' '), fonts))];
}

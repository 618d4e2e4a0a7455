import type { Database } from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import type { Handlers, TemplateDesign } from '../contract';
import type { Attendees } from '../attendees/attendees';
import type { AuditLog } from '../audit/audit-log';
import type { Kiosk } from '../checkin/kiosk';
import { defaultBadgeTemplate } from '../checkin/kiosk';
import { DomainError } from '../errors';
import { Events } from '../events/events';
import { batchSelection } from '../printing/batch';
import type { PrinterDriver } from '../printing/driver';
import { Settings } from '../settings/settings';
import { uncoveredBadgeCharacters } from './badge-html';
import { prepareBadges, type Prepared } from './pdf';
import { renderBadgeHtml, renderBadgesHtml, type BadgeAttendee, type BadgeEvent } from './render';
import type { TemplateStore } from './template-store';
import type { BadgeTemplate } from './templates';

export interface BadgeHandlerDeps {
  db: Database;
  now: () => Date;
  kiosk: Kiosk;
  audit: AuditLog;
  attendees: Attendees;
  templates: TemplateStore;
  driver: PrinterDriver;
}

type BadgeOperations = 'badges:templates' | 'badges:saveTemplate' | 'badges:deleteTemplate' | 'badges:preview' | 'badges:pdf';

/**
 * Who the preview shows when no attendee is chosen: a long French name with diacritics, an
 * apostrophe and an inclusive category, so organisers see the worst ordinary case fit.
 */
export const sampleAttendee: BadgeAttendee = {
  honorific: 'Mme',
  firstName: 'Marie-Françoise',
  lastName: "de La Tour d'Auvergne",
  function: 'Vice-présidente chargée des mobilités',
  organisation: 'Communauté d’agglomération du Grand Châtellerault',
  country: 'France',
  category: 'Élu·e',
  sessions: [],
};
/** The sample's QR: readable, and plainly not a ticket (QR alphanumeric characters only). */
const sampleToken = 'ACCUEIL APERCU';
const sampleEvent: BadgeEvent = { name: 'Accueil', days: [] };

/** "badges-a6-20231018-0912.pdf": the template and the time, in the event's time zone. */
export function pdfFileName(template: string, at: Date, timeZone?: string): string {
  let parts: Record<string, string>;
  try {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  } catch {
    // An unknown time zone in the event's settings: the machine's own clock is the next best thing.
    return pdfFileName(template, at);
  }
  return `badges-${template}-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}.pdf`;
}

/** Consecutive runs of badges of the same event (one HTML document each: the event prints on the badge). */
function byEvent(prepared: Prepared[]): Prepared[][] {
  const runs: Prepared[][] = [];
  for (const p of prepared) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.eventId === p.eventId) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

/** Badge templates (built-in and organisers' own), live previews and Save as PDF. */
export function badgeHandlers({ db, now, kiosk, audit, templates, driver }: BadgeHandlerDeps): Pick<Handlers, BadgeOperations> {
  const settings = new Settings(db);
  const language = (): 'fr' | 'en' => (settings.get<string>('ui.language') === 'en' ? 'en' : 'fr');

  /** The kiosk's template, or the default one if it is gone (deleted since, or a synced name not here). */
  const kioskTemplate = (): string => {
    const chosen = kiosk.printing().template;
    return templates.has(chosen) ? chosen : defaultBadgeTemplate;
  };

  const chooseTemplate = (name?: string, design?: TemplateDesign): BadgeTemplate =>
    design ? templates.resolve(design) : templates.load(name ?? kioskTemplate());

  /** The current event as badges show it, or a placeholder before any event exists. */
  const currentEvent = (): BadgeEvent => {
    try {
      return new Events(db).get(kiosk.event().id);
    } catch {
      return sampleEvent; // no event yet: the preview still shows the design
    }
  };

  return {
    'badges:templates': () => templates.list(),

    'badges:saveTemplate': (design) =>
      db.transaction(() => {
        const saved = templates.save(design);
        audit.record({ action: 'badge.template.save', target: saved.name, details: { base: saved.base, fields: design.fields ?? null }, role: 'organiser' });
        return saved;
      })(),

    'badges:deleteTemplate': ({ name }) =>
      db.transaction(() => {
        templates.delete(name);
        // This kiosk printed with it: back to the default, so the next badge still prints.
        const reset = kiosk.printing().template === name;
        if (reset) settings.set('kiosk.template', defaultBadgeTemplate);
        audit.record({ action: 'badge.template.delete', target: name, details: { kioskReset: reset }, role: 'organiser' });
        return { name };
      })(),

    // Pure rendering: no printer, no Chromium. The renderer shows the document in a sandboxed frame.
    'badges:preview': async ({ attendeeId, template: name, design }) => {
      const template = chooseTemplate(name, design);
      const lang = language();
      let attendee: BadgeAttendee;
      let event: BadgeEvent;
      let token: string;
      if (attendeeId) {
        const { prepared, events } = prepareBadges(db, [attendeeId], now);
        const one = prepared[0]!;
        ({ attendee, token } = one);
        event = events.get(one.eventId)!;
      } else {
        attendee = sampleAttendee;
        event = currentEvent();
        token = sampleToken;
      }
      const html = await renderBadgeHtml({ template, attendee, event, token, lang });
      return {
        html,
        template: template.name,
        page: template.page,
        // The same check printing refuses with (badge.uncovered_characters): the preview warns first.
        uncovered: uncoveredBadgeCharacters(template, attendee),
      };
    },

    'badges:pdf': async ({ attendeeIds, filter, sort, template: name }) => {
      const template = chooseTemplate(name);
      const lang = language();
      const ids = attendeeIds ?? batchSelection(db, kiosk.event().id, filter, sort);
      if (ids.length === 0) throw new DomainError('badge.no_attendees', 'No attendee matches: no badge to save.');
      // Every id checked and every QR signed before the (slow) rendering starts.
      const { prepared, events } = prepareBadges(db, ids, now);
      const parts: Uint8Array[] = [];
      for (const run of byEvent(prepared)) {
        const html = await renderBadgesHtml({ template, event: events.get(run[0]!.eventId)!, badges: run, lang });
        parts.push(await driver.pdf({ html, template }));
      }
      let data: Uint8Array;
      let pages: number;
      if (parts.length === 1) {
        data = parts[0]!;
        pages = (await PDFDocument.load(data)).getPageCount();
      } else {
        const merged = await PDFDocument.create();
        for (const part of parts) {
          const doc = await PDFDocument.load(part);
          for (const page of await merged.copyPages(doc, doc.getPageIndices())) merged.addPage(page);
        }
        data = await merged.save();
        pages = merged.getPageCount();
      }
      let timeZone: string | undefined;
      try {
        timeZone = kiosk.event().timezone;
      } catch {
        timeZone = undefined; // no event: the machine's clock
      }
      return { fileName: pdfFileName(template.name, now(), timeZone), data, pages };
    },
  };
}

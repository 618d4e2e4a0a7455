import { qrSvg } from '../checkin/qr';
import type { AttendeeFields, Checkpoint, EventDay } from '../types';
import { fitText, LINE_HEIGHT } from './fit';
import { fontFaceCss, fontStack, loadFontSet, type FontSet } from './fonts';
import { badgesPerPage, type BadgeArea, type BadgeField, type BadgeTemplate } from './templates';

export type BadgeAttendee = Pick<
  AttendeeFields,
  'honorific' | 'firstName' | 'lastName' | 'function' | 'organisation' | 'country' | 'category'
> & { sessions?: string[] };

export interface BadgeEvent {
  name: string;
  days: EventDay[];
  checkpoints?: Checkpoint[];
}

export interface BadgeInput {
  template: BadgeTemplate;
  attendee: BadgeAttendee;
  event: BadgeEvent;
  /** The attendee's signed QR token (check-in module's signToken). */
  token: string;
  lang?: 'fr' | 'en';
  fonts?: FontSet;
}

export interface BadgesInput {
  template: BadgeTemplate;
  event: BadgeEvent;
  badges: { attendee: BadgeAttendee; token: string }[];
  lang?: 'fr' | 'en';
  fonts?: FontSet;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** "18–19 septembre 2023" / "18–19 September 2023"; one day alone; across months both in full. */
export function formatEventDates(days: EventDay[], lang: 'fr' | 'en' = 'fr'): string {
  if (days.length === 0) return '';
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const toDate = (d: string) => new Date(`${d}T12:00:00Z`);
  const full = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const first = days[0]!.date;
  const last = days[days.length - 1]!.date;
  if (first === last) return full.format(toDate(first));
  if (first.slice(0, 7) === last.slice(0, 7)) {
    return `${Number(first.slice(8, 10))}–${full.format(toDate(last))}`;
  }
  return `${full.format(toDate(first))} – ${full.format(toDate(last))}`;
}

/** The attendee's workshops (sessions of the event they registered for), with their day's label. */
export function workshopText(attendee: BadgeAttendee, event: BadgeEvent): string {
  const ids = new Set(attendee.sessions ?? []);
  const sessions = (event.checkpoints ?? []).filter((c) => c.kind === 'session' && ids.has(c.id));
  return sessions.map((s) => s.name).join(' · ');
}

interface TextArea {
  field: BadgeField;
  text: string;
  dir: 'rtl' | 'auto';
}

/** "rtl" when the first strong character is Arabic, Hebrew or another right-to-left script. */
export function textDirection(text: string): 'rtl' | 'ltr' | null {
  const strong = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]|[\p{L}]/u.exec(text);
  if (!strong) return null;
  return /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(strong[0]) ? 'rtl' : 'ltr';
}

function textsOf(template: BadgeTemplate, attendee: BadgeAttendee, event: BadgeEvent, lang: 'fr' | 'en'): TextArea[] {
  const dates = formatEventDates(event.days, lang);
  const category = attendee.category.trim();
  const legend = category ? (template.categories[category]?.legend ?? category) : '';
  const values: Partial<Record<BadgeField, string>> = {
    event: [event.name, dates].filter(Boolean).join(' · '),
    firstName: [attendee.honorific, attendee.firstName].map((s) => s.trim()).filter(Boolean).join(' '),
    lastName: attendee.lastName,
    function: attendee.function,
    organisation: attendee.organisation,
    country: attendee.country,
    category: legend,
    workshop: workshopText(attendee, event),
  };
  const out: TextArea[] = [];
  for (const field of template.fields) {
    const text = values[field];
    if (text === undefined) continue;
    const area = template.areas[field]!;
    // The honorific follows the name's direction: "Mme حنان" reads right to left as a whole.
    const dir = field === 'firstName' && textDirection(attendee.firstName) === 'rtl' ? 'rtl' : 'auto';
    out.push({ field, text: area.uppercase ? text.toLocaleUpperCase(lang) : text, dir });
  }
  return out;
}

function box(area: BadgeArea): string {
  return `left:${num(area.x)}mm;top:${num(area.y)}mm;width:${num(area.width)}mm;height:${num(area.height)}mm`;
}

function textHtml(field: BadgeField, text: string, area: BadgeArea, dir: 'rtl' | 'auto'): string {
  const weight = area.weight ?? 400;
  const fit = fitText(text, {
    widthMm: area.width,
    heightMm: area.height,
    maxPt: area.fontSize ?? 12,
    minPt: Math.min(area.minFontSize ?? 6, area.fontSize ?? 12),
    maxLines: area.maxLines ?? 2,
    weight,
  });
  const align = area.align ?? 'start';
  const colour = area.colour ? `color:${area.colour};` : '';
  const lines = fit.lines.map((line) => `<span class="l" dir="${dir}">${escapeHtml(line)}</span>`).join('');
  return (
    `<div class="f f-${field}" dir="${dir}" data-field="${field}" data-font-pt="${num(fit.fontPt)}" data-lines="${fit.lines.length}"` +
    ` style="${box(area)};font-size:${num(fit.fontPt)}pt;font-weight:${weight};text-align:${align};${colour}">${lines}</div>`
  );
}

async function badgeHtml(template: BadgeTemplate, attendee: BadgeAttendee, token: string, event: BadgeEvent, lang: 'fr' | 'en'): Promise<string> {
  const parts: string[] = [];
  const shown = new Set(template.fields);
  const category = attendee.category.trim();
  const bandColour = template.categories[category]?.colour ?? template.defaultCategoryColour;
  for (const { field, text, dir } of textsOf(template, attendee, event, lang)) {
    const area = template.areas[field]!;
    if (field === 'category') {
      parts.push(`<div class="band" data-field="category-band" style="${box(area)};background:${bandColour}"></div>`);
    }
    parts.push(textHtml(field, text, area, dir));
  }
  if (shown.has('qr')) {
    const area = template.areas.qr!;
    parts.push(`<div class="qr" data-field="qr" style="${box(area)}">${await qrSvg(token)}</div>`);
  }
  if (shown.has('logo') && template.logo) {
    const area = template.areas.logo!;
    parts.push(`<img class="logo" data-field="logo" alt="" src="${escapeHtml(template.logo)}" style="${box(area)}">`);
  }
  return parts.join('\n');
}

function cropMarks(x: number, y: number, w: number, h: number): string {
  const len = 4;
  const off = 1;
  const marks: string[] = [];
  for (const [cx, cy] of [
    [x, y],
    [x + w, y],
    [x, y + h],
    [x + w, y + h],
  ] as const) {
    const hx = cx === x ? cx - off - len : cx + off;
    const vy = cy === y ? cy - off - len : cy + off;
    marks.push(`<div class="crop" style="left:${num(hx)}mm;top:${num(cy)}mm;width:${len}mm;height:0;border-top:0.1mm solid #000"></div>`);
    marks.push(`<div class="crop" style="left:${num(cx)}mm;top:${num(vy)}mm;width:0;height:${len}mm;border-left:0.1mm solid #000"></div>`);
  }
  return marks.join('');
}

/**
 * One self-contained HTML document for several badges: one page per badge, or for a sheet
 * template as many per page as the sheet holds, with crop marks in the cutting margins.
 * Pure apart from reading the shipped font files (cached): no database, no network.
 */
export async function renderBadgesHtml({ template, event, badges, lang = 'fr', fonts }: BadgesInput): Promise<string> {
  const set = fonts ?? loadFontSet();
  const perPage = badgesPerPage(template);
  const bodies: string[] = [];
  const texts: string[] = [];
  for (let start = 0; start < Math.max(badges.length, 1); start += perPage) {
    const slots = badges.slice(start, start + perPage);
    const inner: string[] = [];
    for (let i = 0; i < slots.length; i++) {
      const { attendee, token } = slots[i]!;
      for (const t of textsOf(template, attendee, event, lang)) texts.push(t.text);
      const content = await badgeHtml(template, attendee, token, event, lang);
      if (template.sheet) {
        const s = template.sheet;
        const col = i % s.columns;
        const row = Math.floor(i / s.columns);
        const x = s.marginX + col * (s.badgeWidth + s.gapX);
        const y = s.marginY + row * (s.badgeHeight + s.gapY);
        inner.push(
          `<div class="badge" style="left:${num(x)}mm;top:${num(y)}mm;width:${num(s.badgeWidth)}mm;height:${num(s.badgeHeight)}mm">${content}</div>`,
        );
        if (s.cropMarks) inner.push(cropMarks(x, y, s.badgeWidth, s.badgeHeight));
      } else {
        inner.push(`<div class="badge" style="left:0;top:0;width:${num(template.page.width)}mm;height:${num(template.page.height)}mm">${content}</div>`);
      }
    }
    bodies.push(`<section class="page">${inner.join('\n')}</section>`);
  }
  const { width, height } = template.page;
  const families = fontStack.map((f) => `'${f}'`).join(',');
  const css = [
    fontFaceCss(texts.join(' '), set),
    `@page{size:${num(width)}mm ${num(height)}mm;margin:0}`,
    `html,body{margin:0;padding:0;background:${template.colours.background}}`,
    `*{box-sizing:border-box}`,
    `.page{position:relative;width:${num(width)}mm;height:${num(height)}mm;overflow:hidden;break-after:page;page-break-after:always}`,
    `.page:last-child{break-after:auto;page-break-after:auto}`,
    `.badge{position:absolute;overflow:hidden;background:${template.colours.background};color:${template.colours.text}}`,
    `.f{position:absolute;display:flex;flex-direction:column;justify-content:center;font-family:${families},sans-serif;` +
      `line-height:${LINE_HEIGHT};overflow-wrap:anywhere;word-break:normal;hyphens:none;unicode-bidi:isolate;font-kerning:normal}`,
    `.l{display:block;white-space:pre-wrap}`,
    `.f-event{color:${template.colours.accent}}`,
    `.band,.qr,.logo,.crop{position:absolute}`,
    `.qr svg{display:block;width:100%;height:100%}`,
    `.logo{object-fit:contain}`,
    `@media print{html,body{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`,
  ].join('\n');
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(event.name)}</title>` +
    `<style>\n${css}\n</style></head><body>\n${bodies.join('\n')}\n</body></html>\n`
  );
}

/** One badge as one self-contained HTML document (template + attendee + event + token). */
export function renderBadgeHtml({ template, attendee, event, token, lang, fonts }: BadgeInput): Promise<string> {
  return renderBadgesHtml({ template, event, badges: [{ attendee, token }], lang, fonts });
}

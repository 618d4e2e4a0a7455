/**
 * The feuille d'émargement as one HTML document: a pure function of the sheet (event, day or
 * session, people already sorted). It is in French whatever the kiosk's language, since French
 * public funders are who it is for. Page headers and footers ("page x / y") are CSS page-margin
 * boxes, so any Chromium that prints HTML to PDF (Playwright's, Electron's printToPDF) draws
 * them; the table header repeats on every page (thead), and a row is never split across pages.
 */
import { fontFaceCss, fontStack, loadFontSet, type FontSet } from '../badges/fonts';
import { escapeHtml } from '../badges/render';
import type { AttendanceRow } from './types';

export type EmargementPerson = Pick<AttendanceRow, 'firstName' | 'lastName' | 'function' | 'organisation' | 'country'>;

export interface EmargementSheet {
  event: { name: string; venue: string };
  /** The day the sheet is for (an event day, with its label); null for a session without a day, or an event without days. */
  day: { date: string; label: string } | null;
  /** A workshop or meeting; null for the day's sheet (the main entrance). */
  session: { name: string; room: string; startsAt: string | null; endsAt: string | null } | null;
  /** In the order printed (by last name). */
  people: EmargementPerson[];
  /** When the sheet was made, already written for the reader ("28/11/2026 à 05:12"). */
  printedAt: string;
}

/** Lines left to sign by hand when nobody is expected (someone may still come). */
export const blankLinesWhenEmpty = 10;

/** "mardi 19 septembre 2023": a calendar date, independent of the machine's time zone. */
export function frenchDate(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A CSS string literal: page-margin boxes take their text from `content`, not from the HTML. */
export function cssString(text: string): string {
  // \A is a line break; < is escaped so no text can close the <style> element.
  return `"${text.replace(/[\\"<\n\r]/g, (c) => (c === '\n' ? '\\A ' : c === '\r' ? '' : `\\${c.charCodeAt(0).toString(16)} `))}"`;
}

function hours(session: NonNullable<EmargementSheet['session']>): string {
  if (session.startsAt && session.endsAt) return `${session.startsAt} – ${session.endsAt}`;
  return session.startsAt ?? session.endsAt ?? '';
}

/** What the sheet is for, in one line: the session, else the day's label. */
function subject(sheet: EmargementSheet): string {
  if (sheet.session) return sheet.session.name;
  return sheet.day?.label || (sheet.day ? frenchDate(sheet.day.date) : 'Toutes les personnes attendues');
}

const widths = { n: 9, last: 28, first: 24, fn: 28, org: 35, country: 20, signature: 42 };

export function emargementHtml(sheet: EmargementSheet, fonts: FontSet = loadFontSet()): string {
  const e = escapeHtml;
  const dateText = sheet.day ? frenchDate(sheet.day.date) : '';
  const details: [string, string][] = [];
  if (sheet.day) details.push(['Date', sheet.day.label ? `${dateText} (${sheet.day.label})` : dateText]);
  if (sheet.session) {
    details.push(['Session', sheet.session.name]);
    if (sheet.session.room) details.push(['Salle', sheet.session.room]);
    if (hours(sheet.session)) details.push(['Horaire', hours(sheet.session)]);
  }
  if (sheet.event.venue) details.push(['Lieu', sheet.event.venue]);
  const count = sheet.people.length;
  const expected =
    count === 0
      ? sheet.session
        ? 'Aucune personne inscrite à cette session : feuille à compléter à la main.'
        : 'Aucune personne attendue ce jour : feuille à compléter à la main.'
      : `${count} ${count > 1 ? 'personnes attendues' : 'personne attendue'}, par ordre alphabétique du nom de famille.`;

  const rows = sheet.people.map(
    (p, i) =>
      `<tr><td class="n">${i + 1}</td><td class="last">${e(p.lastName)}</td><td>${e(p.firstName)}</td><td>${e(p.function)}</td>` +
      `<td>${e(p.organisation)}</td><td>${e(p.country)}</td><td class="sign"></td></tr>`,
  );
  if (count === 0) {
    for (let i = 0; i < blankLinesWhenEmpty; i++) rows.push('<tr class="blank"><td class="n"></td><td></td><td></td><td></td><td></td><td></td><td class="sign"></td></tr>');
  }

  const text = [
    sheet.event.name,
    sheet.event.venue,
    subject(sheet),
    ...details.flat(),
    expected,
    ...sheet.people.flatMap((p) => [p.lastName, p.firstName, p.function, p.organisation, p.country]),
  ].join(' ');
  const families = `${fontStack.map((f) => `'${f}'`).join(',')},sans-serif`;
  const margin = 'font-family:' + families + ';font-size:7.5pt;color:#333';
  const footerLeft = `Feuille d'émargement · ${subject(sheet)} · éditée le ${sheet.printedAt}`;
  const col = (w: number) => `<col style="width:${w}mm">`;
  const css = [
    fontFaceCss(text, fonts),
    // Page-margin boxes inherit from the page context, not from <body>: their font is set here.
    `@page{size:A4 portrait;margin:17mm 12mm 15mm 12mm;${margin};` +
      `@top-left{content:${cssString(sheet.event.name)};vertical-align:bottom;padding-bottom:3mm;width:65%}` +
      `@top-right{content:${cssString(dateText)};vertical-align:bottom;padding-bottom:3mm;text-align:right}` +
      `@bottom-left{content:${cssString(footerLeft)};vertical-align:top;padding-top:3mm;width:75%}` +
      `@bottom-right{content:"page " counter(page) " / " counter(pages);vertical-align:top;padding-top:3mm;text-align:right}}`,
    `html,body{margin:0;padding:0;color:#000;background:#fff}`,
    `*{box-sizing:border-box}`,
    `body{font-family:${families};font-size:8.5pt;line-height:1.25}`,
    `h1{font-size:16pt;margin:0 0 1mm}`,
    `.event{font-size:11pt;font-weight:700;margin:0 0 2mm}`,
    `dl{display:grid;grid-template-columns:auto 1fr;gap:0.5mm 3mm;margin:0 0 2mm}`,
    `dt{font-weight:700}dd{margin:0}`,
    `.expected{margin:0 0 3mm}`,
    `table{width:100%;border-collapse:collapse;table-layout:fixed}`,
    `thead{display:table-header-group}`,
    `th{background:#e8e8e8;font-weight:700;text-align:left}`,
    `th,td{border:0.3mm solid #000;padding:1mm 1.5mm;vertical-align:middle;overflow-wrap:anywhere;unicode-bidi:plaintext}`,
    `tbody tr{height:13mm;break-inside:avoid;page-break-inside:avoid}`,
    `td.n{text-align:right}`,
    `td.last{font-weight:700}`,
    `@media print{html,body{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`,
  ].join('\n');
  const head = ['N°', 'Nom', 'Prénom', 'Fonction', 'Organisation', 'Pays', 'Signature'];
  return (
    `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>Feuille d'émargement · ${e(sheet.event.name)}</title>` +
    `<style>\n${css}\n</style></head><body>\n` +
    `<h1>Feuille d'émargement</h1>\n<p class="event">${e(sheet.event.name)}</p>\n` +
    `<dl>${details.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>\n` +
    `<p class="expected">${e(expected)}</p>\n` +
    `<table><colgroup>${[widths.n, widths.last, widths.first, widths.fn, widths.org, widths.country, widths.signature].map(col).join('')}</colgroup>` +
    `<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>\n` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>\n</body></html>\n`
  );
}

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fitText } from '../../main/core/badges/fit';
import { loadFontSet, uncoveredCharacters } from '../../main/core/badges/fonts';
import { escapeHtml, formatEventDates, textDirection, renderBadgeHtml, renderBadgesHtml, type BadgeAttendee, type BadgeEvent } from '../../main/core/badges/render';
import { builtInTemplateNames, loadTemplate } from '../../main/core/badges/templates';
import { qrSvg } from '../../main/core/checkin/qr';
import { signToken } from '../../main/core/checkin/tokens';
import { generateDemoPeople } from '../../main/core/demo/demo';

const eventId = '0b8f8a4e-4b8e-4c57-9d59-0c2f3e4d5a6b';
const attendeeId = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const { privateKey } = generateKeyPairSync('ed25519');
const token = signToken(eventId, attendeeId, 1, privateKey);

const event: BadgeEvent = {
  name: "Rencontres de l'action internationale des collectivités territoriales",
  days: [
    { date: '2023-09-18', label: 'Jour 1' },
    { date: '2023-09-19', label: 'Jour 2' },
  ],
  checkpoints: [
    { id: 'main', eventId, kind: 'entrance', name: 'Entrée', day: null, room: '', capacity: null, startsAt: null, endsAt: null },
    { id: 'ws-eau', eventId, kind: 'session', name: "Atelier : l'eau et les villes", day: '2023-09-19', room: 'B', capacity: 40, startsAt: '09:30', endsAt: '11:00' },
  ],
};

const francois: BadgeAttendee = {
  honorific: 'M.',
  firstName: 'François',
  lastName: 'Rebsamen',
  function: 'Maire',
  organisation: 'Dijon Métropole',
  country: 'France',
  category: 'Élu·e',
  sessions: ['ws-eau'],
};

const a6 = loadTemplate('a6');

/** The visible text of the badge body (tags dropped, entities decoded). */
function bodyText(html: string): string {
  const at = html.indexOf('<body>');
  const body = at < 0 ? html : html.slice(at);
  return body
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderBadgeHtml', () => {
  it('renders one self-contained HTML page: names, @page size, QR SVG of the token, embedded fonts', async () => {
    const html = await renderBadgeHtml({ template: a6, attendee: francois, event, token });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@page{size:105mm 148mm;margin:0}');
    expect(html).toContain('M. François');
    expect(html).toContain('REBSAMEN'); // the template prints last names in capitals
    expect(html).toContain('Dijon Métropole');
    expect(html).toContain('Maire');
    expect(html).toContain('France');
    expect(html).toContain('Élu·e');
    expect(html).toContain("Atelier : l&#39;eau et les villes");
    expect(html).toContain('18–19 septembre 2023');
    expect(html).toContain(await qrSvg(token));
    expect(html).toMatch(/@font-face\{font-family:'Noto Sans';[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).toContain('background:#1d4e89'); // the category band
    // Self-contained: nothing fetched from anywhere.
    expect(html).not.toMatch(/(src|href)=["']?(https?:|file:|\/\/)/);
    expect(html).not.toMatch(/url\((?!data:)/);
  });

  it('renders English dates with lang en', async () => {
    const html = await renderBadgeHtml({ template: a6, attendee: francois, event, token, lang: 'en' });
    expect(html).toContain('18–19 September 2023');
    expect(html).toContain('<html lang="en">');
    expect(formatEventDates([{ date: '2023-09-30', label: '' }, { date: '2023-10-01', label: '' }])).toBe('30 septembre 2023 – 1 octobre 2023');
  });

  it('escapes names: a <script> in a name is inert text', async () => {
    const evil: BadgeAttendee = { ...francois, firstName: '<script>alert(1)</script>', lastName: '"><img src=x onerror=alert(2)>', organisation: 'A & B' };
    const html = await renderBadgeHtml({ template: a6, attendee: evil, event, token });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
    expect(bodyText(html)).toContain('<script>alert(1)</script>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('an empty first name leaves the honorific alone, and no empty box breaks the page', async () => {
    const html = await renderBadgeHtml({ template: a6, attendee: { ...francois, firstName: '' }, event, token });
    expect(html).toMatch(/data-field="firstName"[^>]*data-lines="1"[^>]*>[^<]*<span class="l" dir="auto">M\.<\/span>/);
    const none = await renderBadgeHtml({ template: a6, attendee: { ...francois, honorific: '', firstName: '' }, event, token });
    expect(none).toMatch(/data-field="firstName"[^>]*data-lines="0"/);
  });

  it('a 120-character name is printed whole, in at most two lines, in every template', async () => {
    const long = 'Marie-Éléonore-Joséphine-Antoinette Rakotoarimanana Andriamahefazafy de la Tour-Saint-Jacques Villeneuve-Montgolfier';
    const name = long.padEnd(120, 'x').slice(0, 120);
    expect(name).toHaveLength(120);
    for (const templateName of builtInTemplateNames) {
      const html = await renderBadgeHtml({ template: loadTemplate(templateName), attendee: { ...francois, firstName: name }, event, token });
      const match = /data-field="firstName"[^>]*data-lines="(\d)"[^>]*>(.*?)<\/div>/.exec(html);
      expect(match, templateName).not.toBeNull();
      expect(Number(match![1])).toBeLessThanOrEqual(2);
      expect(bodyText(match![2]!).replace(/\s/g, '')).toBe(`M.${name}`.replace(/\s/g, ''));
    }
  });

  it('right-to-left names get dir="auto" and the Arabic and Hebrew fonts', async () => {
    const html = await renderBadgeHtml({ template: a6, attendee: { ...francois, firstName: 'عبد الله', lastName: 'שרה כהן' }, event, token });
    // The whole first-name line reads right to left, honorific included; other fields decide by themselves.
    expect(html).toMatch(/class="f f-firstName" dir="rtl"[^>]*>[^<]*<span class="l" dir="rtl">M\. عبد الله<\/span>/);
    expect(html).toMatch(/class="f f-lastName" dir="auto"[^>]*>[^<]*<span class="l" dir="auto">שרה כהן<\/span>/);
    expect(textDirection('  Mme')).toBe('ltr');
    expect(textDirection('123 حنان')).toBe('rtl');
    expect(textDirection('123')).toBeNull();
    expect(html).toContain("font-family:'Noto Sans Arabic'");
    expect(html).toContain("font-family:'Noto Sans Hebrew'");
  });

  it('embeds only the font files the text needs', async () => {
    const latin = await renderBadgeHtml({ template: a6, attendee: francois, event, token });
    expect(latin).not.toContain("font-family:'Noto Sans SC'");
    expect(latin).not.toContain("font-family:'Noto Sans Arabic'");
    const chinese = await renderBadgeHtml({ template: a6, attendee: { ...francois, honorific: '', firstName: '芳', lastName: '王' }, event, token });
    expect(chinese).toContain("font-family:'Noto Sans SC'");
    expect(chinese.length).toBeLessThan(latin.length + 400_000); // a few CJK chunks, not all hundred
  });

  it('emoji are kept (never a crash or a cut), and reported as drawn by no shipped font', async () => {
    const html = await renderBadgeHtml({ template: a6, attendee: { ...francois, firstName: 'Zoé 🎉👩🏽‍💻' }, event, token });
    expect(html).toContain('Zoé 🎉👩🏽‍💻');
    expect(uncoveredCharacters('Zoé 🎉')).toEqual(['🎉']);
  });

  it('every script of the demo is drawn by a shipped font, and every demo person renders in every template', async () => {
    const people = generateDemoPeople();
    const fonts = loadFontSet();
    const all = people.map((p) => [p.honorific, p.firstName, p.lastName, p.function, p.organisation, p.country, p.category].join(' ')).join(' ');
    expect(uncoveredCharacters(all, fonts)).toEqual([]);
    // The 40 longest and the non-Latin names, in every template.
    const exotic = people.filter((p) => /[^\u0000-\u024f\u1e00-\u1eff·’]/.test(p.firstName + p.lastName));
    const longest = [...people].sort((a, b) => (b.firstName + b.lastName).length - (a.firstName + a.lastName).length).slice(0, 40);
    const chosen = [...new Set([...exotic, ...longest])];
    expect(exotic.length).toBeGreaterThan(10);
    for (const templateName of builtInTemplateNames) {
      const template = loadTemplate(templateName);
      for (const p of chosen) {
        const html = await renderBadgeHtml({ template, attendee: p, event, token, fonts });
        const shown = bodyText(html).replace(/\s/g, '');
        for (const part of [p.firstName, p.organisation]) expect(shown, `${templateName} ${p.key}`).toContain(part.replace(/\s/g, ''));
      }
    }
  });

  it('names of the demo fit their areas at or above the minimum size in a6', () => {
    const area = a6.areas.firstName!;
    for (const p of generateDemoPeople()) {
      const fit = fitText(`${p.honorific} ${p.firstName}`, {
        widthMm: area.width,
        heightMm: area.height,
        maxPt: area.fontSize!,
        minPt: area.minFontSize!,
        maxLines: 2,
        weight: 700,
      });
      expect(fit.belowMinimum, p.key).toBe(false);
    }
  });

  it('the A4 sheet packs 8 badges per page, with crop marks', async () => {
    const sheet = loadTemplate('a4-8up');
    const badges = Array.from({ length: 9 }, (_, i) => ({ attendee: { ...francois, lastName: `Nom${i}` }, token }));
    const html = await renderBadgesHtml({ template: sheet, event, badges });
    expect(html).toContain('@page{size:210mm 297mm;margin:0}');
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    expect(html.match(/<div class="badge"/g)).toHaveLength(9);
    expect(html).toContain('class="crop"');
    expect(html).toContain('NOM8');
  });
});

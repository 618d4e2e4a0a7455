import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../main/core/badges/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PT_PER_MM } from '../../main/core/badges/fit';
import { renderBadgesHtml, type BadgeEvent } from '../../main/core/badges/render';
import { builtInTemplateNames, loadTemplate } from '../../main/core/badges/templates';
import { signToken } from '../../main/core/checkin/tokens';
import { longestAndMostExotic } from '../helpers/badge-names';
import { tempDir } from '../helpers/temp';

/**
 * Renders demo badges in Chromium: the PDF has the template's exact page size (pdfinfo, within
 * 1 pt) and one page per badge (8 per A4 sheet); every text line lies inside its area.
 */

const eventId = '0b8f8a4e-4b8e-4c57-9d59-0c2f3e4d5a6b';
const { privateKey } = generateKeyPairSync('ed25519');
const event: BadgeEvent = {
  name: "Rencontres de l'action internationale des collectivités territoriales",
  days: [
    { date: '2023-09-18', label: 'Jour 1' },
    { date: '2023-09-19', label: 'Jour 2' },
  ],
};

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

describe('badges in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Issue 4: the 50 longest and most exotic demo names (the same as tests/db/badges-glyphs.test.ts), and an extreme one.
  const people = longestAndMostExotic(50);
  const long120 = 'Marie-Éléonore-Joséphine-Antoinette Rakotoarimanana Andriamahefazafy de la Tour-Saint-Jacques Villeneuve-Montgolfier du Val';
  const extreme = {
    ...people[0]!,
    id: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    firstName: long120.slice(0, 120),
    lastName: 'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeit',
    organisation: 'Association internationale des maires francophones et des collectivités territoriales partenaires',
  };
  const chosen = [...people, extreme];

  for (const name of builtInTemplateNames) {
    it(`${name}: exact page size, page count, text inside its areas`, async () => {
      const template = loadTemplate(name);
      const badges = chosen.map((p) => ({ attendee: p, token: signToken(eventId, p.id, 1, privateKey) }));
      const html = await renderBadgesHtml({ template, event, badges });
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        // In the page (a string: this project's Node type-check has no DOM types).
        const outside = (await page.evaluate(`(() => {
          const bad = [];
          for (const box of document.querySelectorAll('.f')) {
            const r = box.getBoundingClientRect();
            for (const line of box.querySelectorAll('.l')) {
              const range = document.createRange();
              range.selectNodeContents(line);
              const t = range.getBoundingClientRect();
              if (t.width === 0) continue;
              if (t.left < r.left - 0.5 || t.right > r.right + 0.5 || t.top < r.top - 0.5 || t.bottom > r.bottom + 0.5) {
                bad.push(box.dataset.field + ': "' + line.textContent + '"');
              }
              if (new Set(Array.from(range.getClientRects(), (x) => Math.round(x.top))).size > 1) {
                bad.push(box.dataset.field + ': "' + line.textContent + '" wrapped');
              }
            }
          }
          return bad;
        })()`)) as string[];
        expect(outside).toEqual([]);
        const file = path.join(tempDir(), `${name}.pdf`);
        await page.pdf({ path: file, width: `${template.page.width}mm`, height: `${template.page.height}mm`, printBackground: true, preferCSSPageSize: true });
        const info = pdfInfo(file);
        expect(Math.abs(info.width - template.page.width * PT_PER_MM)).toBeLessThanOrEqual(1);
        expect(Math.abs(info.height - template.page.height * PT_PER_MM)).toBeLessThanOrEqual(1);
        const perPage = template.sheet ? template.sheet.columns * template.sheet.rows : 1;
        expect(info.pages).toBe(Math.ceil(chosen.length / perPage));
      } finally {
        await page.close();
      }
    });
  }
});

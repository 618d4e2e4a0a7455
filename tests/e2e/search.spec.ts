import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, type Kiosk } from './fixtures';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function search(page: Page, text: string) {
  const box = page.getByLabel('Rechercher un·e participant·e');
  await box.fill(text);
  return page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
}

/** What the core ranks first for this text: the screen must show exactly that, in that order. */
async function coreRanking(kiosk: Kiosk, text: string, count: number): Promise<string[]> {
  const found = await kiosk.services.handlers['attendees:search']({ text, limit: 50 });
  return found.slice(0, count).map((person) => `${person.firstName} ${person.lastName}`);
}

test.describe('search', () => {
  for (const [text, expectation] of [
    ['francois', (line: string) => /francois/.test(fold(line))],
    ['dijon', (line: string) => /dijon/.test(fold(line))],
    ['nguyen', (line: string) => /nguyen/.test(fold(line))],
  ] as const) {
    test(`"${text}" finds the right people of the demo event`, async ({ page, kiosk }) => {
      await kiosk.open(page);
      const results = await search(page, text);
      await expect(results.first()).toBeVisible();
      const lines = await results.allInnerTexts();
      expect(lines.length).toBeGreaterThan(0);
      // The best matches carry the word in their name or organisation, accents or not.
      expect(lines.slice(0, 3).every(expectation), lines.slice(0, 3).join('\n')).toBe(true);
      for (const [index, name] of (await coreRanking(kiosk, text, 3)).entries()) {
        expect(lines[index]).toContain(name);
      }
      await expect(page.getByRole('status').filter({ hasText: /résultats?$/ })).toBeVisible();
    });
  }

  test('several words narrow the list, and a selected person shows their record', async ({ page, kiosk }) => {
    await kiosk.open(page);
    const results = await search(page, 'francois dijon');
    await expect(results.first()).toContainText('Dijon');
    await results.first().getByRole('button').click();
    const record = page.getByRole('article');
    const [first] = await kiosk.services.handlers['attendees:search']({ text: 'francois dijon', limit: 1 });
    const attendee = await kiosk.services.handlers['attendees:get']({ id: first!.id });
    await expect(record.getByRole('heading', { level: 2 })).toContainText(`${attendee.firstName} ${attendee.lastName}`);
    await expect(record).toContainText(attendee.organisation);
    if (attendee.email) await expect(record).toContainText(attendee.email);
    await expect(record).toContainText('Pas encore arrivé·e');
  });

  test('shows an empty state, then a clear "no result" state', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await expect(page.getByText('Tapez quelques lettres')).toBeVisible();
    await search(page, 'zzqxwv');
    await expect(page.getByTestId('no-result')).toContainText('Aucun résultat pour « zzqxwv »');
  });

  test('marks cancelled people clearly and shows who has arrived', async ({ page, kiosk }) => {
    const db = kiosk.services.db;
    const cancelled = db.prepare("SELECT id, first_name AS firstName, last_name AS lastName FROM attendees WHERE status = 'cancelled' LIMIT 1").get() as
      | { id: string; firstName: string; lastName: string }
      | undefined;
    expect(cancelled, 'the demo has cancelled registrations').toBeDefined();
    await kiosk.open(page);
    let results = await search(page, `${cancelled!.firstName} ${cancelled!.lastName}`);
    const row = results.filter({ hasText: `${cancelled!.firstName} ${cancelled!.lastName}` }).first();
    await expect(row).toContainText('Annulé·e');
    await expect(row.locator('.badge-cancelled')).toBeVisible();

    const arrived = db.prepare("SELECT id, event_id, first_name AS firstName, last_name AS lastName FROM attendees WHERE status = 'valid' LIMIT 1").get() as {
      id: string;
      event_id: string;
      firstName: string;
      lastName: string;
    };
    db.prepare(
      "INSERT INTO checkins (id, event_id, attendee_id, checkpoint_id, day, kiosk_id, method, at) VALUES (?, ?, ?, 'entrance', '2026-01-01', 'k1', 'search', ?)",
    ).run(randomUUID(), arrived.event_id, arrived.id, '2026-01-01T08:14:00.000Z');
    results = await search(page, `${arrived.firstName} ${arrived.lastName}`);
    await expect(results.filter({ hasText: `${arrived.firstName} ${arrived.lastName}` }).first()).toContainText('Arrivé·e à');
  });

  test('a slow answer to an old query never overwrites the newest one', async ({ page, kiosk }) => {
    await kiosk.open(page);
    let slowSeen = false;
    await page.route('**/api/attendees:search', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { text?: string };
      if (body.text === 'fr') {
        slowSeen = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    });
    const isSlowAnswer = (response: { url(): string; request(): { postData(): string | null } }) =>
      response.url().includes('attendees:search') && (JSON.parse(response.request().postData() ?? '{}') as { text?: string }).text === 'fr';
    const slowAnswer = page.waitForResponse(isSlowAnswer);
    const box = page.getByLabel('Rechercher un·e participant·e');
    await box.fill('fr');
    await expect.poll(() => slowSeen).toBe(true);
    await box.fill('francois');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
    const expected = await coreRanking(kiosk, 'francois', 1);
    await expect(results.first()).toContainText(expected[0]!);
    // Let the slow "fr" answer land: the list must still be the answer to "francois".
    await slowAnswer;
    // Two animation frames: React has rendered whatever that answer would have caused.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await expect(results.first()).toContainText(expected[0]!);
    const lines = await results.allInnerTexts();
    expect(lines.every((line) => /francois/.test(fold(line)))).toBe(true);
  });

  test('works from the keyboard alone', async ({ page, kiosk }) => {
    await kiosk.open(page);
    // The search box takes the focus on open; keys typed before that would go nowhere.
    await expect(page.getByLabel('Rechercher un·e participant·e')).toBeFocused();
    await page.keyboard.type('nguyen');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
    await expect(results.first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(results.first().getByRole('button')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(results.nth(1).getByRole('button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toContainText('Nguyen');
  });

  test('takes the README screenshot of the search screen', async ({ page, kiosk }) => {
    const target = path.resolve(import.meta.dirname, '../../resources/screenshot.png');
    test.skip(fs.existsSync(target) && !process.env.ACCUEIL_SCREENSHOT, 'resources/screenshot.png exists (ACCUEIL_SCREENSHOT=1 retakes it)');
    await kiosk.open(page);
    const results = await search(page, 'dijon');
    await expect(results.nth(2)).toBeVisible();
    await results.first().getByRole('button').click();
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible();
    await page.getByLabel('Rechercher un·e participant·e').focus();
    await page.screenshot({ path: target });
  });
});

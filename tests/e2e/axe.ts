/** The accessibility check every browser test runs: axe's serious and critical violations, in words. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';

/**
 * `legacyMode`: axe checks each frame in place instead of finishing in a page it opens beside
 * this one, which Chromium refuses ("Failed to open a new tab") beside the badge preview's
 * sandboxed frame.
 */
export async function seriousViolations(page: Page, { legacyMode = false } = {}): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode(legacyMode)
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** axe needs pages from browser.newContext() then context.newPage(), not the fixture's page. */
export async function axePage(browser: Browser, locale = 'fr-FR'): Promise<Page> {
  return (await browser.newContext({ locale })).newPage();
}

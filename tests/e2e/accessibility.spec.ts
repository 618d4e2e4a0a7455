import { test, expect } from './fixtures';
import { seriousViolations } from './axe';

test.describe('accessibility (axe)', () => {
  // axe needs pages from browser.newContext() then context.newPage(): made explicitly here.
  test('the search screen, with results and a record open, in French and English', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await kiosk.open(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Rechercher un·e participant·e').fill('francois');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
    await results.first().getByRole('button').click();
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Rechercher un·e participant·e').fill('zzqxwv');
    await expect(page.getByTestId('no-result')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Search for an attendee').fill('nguyen');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  test('the import screen: choosing, mapping, report, error', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Importer' }).click();
    await expect(page.getByRole('heading', { name: 'Importer des inscriptions' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#import-file').setInputFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const csv = ['Prénom;Nom;E-mail;Organisme;Pays;Commentaire', 'Élodie;Marchand;e.marchand@dijon.fr;Ville de Dijon;France;arrive tard', ';;x@y.z;;France;'].join('\n');
    await page.locator('#import-file').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('mapping')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Importer \d+ lignes?$/ }).click();
    await expect(page.getByTestId('import-report')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  test('settings and the scan screen', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
    await expect(page.getByRole('heading', { name: 'Réglages' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation').getByRole('button', { name: 'Scanner' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

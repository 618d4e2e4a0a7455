import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, type Kiosk } from './fixtures';

async function openSettings(kiosk: Kiosk, page: Page): Promise<void> {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
  await expect(page.getByRole('heading', { name: 'Impression des badges (ce poste)' })).toBeVisible();
}

const printerRow = (page: Page, name: string) => page.getByTestId('printer').and(page.locator(`[data-printer="${name}"]`));

test.describe('Settings: badge printing', () => {
  test('choose the PDF printer, a template and auto-print: saved for this desk and shown again after a reload', async ({ page, kiosk }) => {
    await openSettings(kiosk, page);
    // The cups-pdf queue, idle, in plain words.
    const pdf = printerRow(page, 'PDF');
    await expect(pdf).toBeVisible();
    await expect(pdf).toHaveAttribute('data-state', 'idle');
    await expect(pdf.getByTestId('printer-state')).toHaveText('prête');

    await pdf.getByRole('radio').check();
    await expect(page.getByTestId('printing-saved')).toHaveText('Enregistré : Imprimante des badges.');
    await page.getByLabel('Modèle de badge').selectOption({ label: 'Carte CR80 (85,6 × 54 mm)' });
    await expect(page.getByTestId('printing-saved')).toHaveText('Enregistré : Modèle de badge.');
    await page.getByRole('checkbox', { name: "Imprimer le badge automatiquement à l'arrivée" }).check();
    await expect(page.getByTestId('printing-saved')).toHaveText("Enregistré : Imprimer le badge automatiquement à l'arrivée.");

    expect(await kiosk.services.handlers['kiosk:get']({})).toMatchObject({ printer: 'PDF', template: 'cr80', autoPrint: true });

    await page.reload();
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
    await expect(printerRow(page, 'PDF').getByRole('radio')).toBeChecked();
    await expect(page.getByLabel('Modèle de badge')).toHaveValue('cr80');
    await expect(page.getByRole('checkbox', { name: "Imprimer le badge automatiquement à l'arrivée" })).toBeChecked();

    // And off again.
    await page.getByRole('checkbox', { name: "Imprimer le badge automatiquement à l'arrivée" }).uncheck();
    await expect(page.getByTestId('printing-saved')).toHaveText("Enregistré : Imprimer le badge automatiquement à l'arrivée.");
    expect((await kiosk.services.handlers['kiosk:get']({})).autoPrint).toBe(false);
  });

  test("organisers' own templates are offered, labelled in the interface language", async ({ page, kiosk }) => {
    await kiosk.services.handlers['badges:saveTemplate']({ name: 'congres', label: { fr: 'Congrès (grand format)', en: 'Congress (large)' }, base: 'a6' });
    await openSettings(kiosk, page);
    const select = page.getByLabel('Modèle de badge');
    await expect(select.locator('option')).toHaveText([
      'A6 portrait (105 × 148 mm)',
      'Carte CR80 (85,6 × 54 mm)',
      'Étiquette Brother QL 62 × 100 mm',
      'Planche A4 de 8 badges (90 × 54 mm)',
      "Congrès (grand format) — modèle de l'organisation",
    ]);
    await select.selectOption('congres');
    await expect(page.getByTestId('printing-saved')).toContainText('Modèle de badge');
    expect((await kiosk.services.handlers['kiosk:get']({})).template).toBe('congres');

    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByLabel('Badge template').locator('option')).toContainText(['CR80 card (85.6 × 54 mm)', "Congress (large) — organisation's template"]);
  });

  test('a stopped printer says so in plain words, with its own message; Refresh shows it started again', async ({ page, kiosk }) => {
    // Our own queue: the shared PDF queue stays untouched for the other tests.
    const queue = `ACCUEIL_TEST_settings_${randomBytes(4).toString('hex')}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
    try {
      execFileSync('cupsdisable', ['-r', 'Plus de papier', queue]);
      execFileSync('cupsreject', ['-r', 'Plus de papier', queue]);
      await openSettings(kiosk, page);
      const row = printerRow(page, queue);
      await expect(row.getByTestId('printer-state')).toHaveText('arrêtée, refuse les travaux');
      await expect(row.getByTestId('printer-message')).toContainText('Plus de papier');

      execFileSync('cupsenable', [queue]);
      execFileSync('cupsaccept', [queue]);
      await page.getByRole('button', { name: 'Actualiser' }).click();
      await expect(row.getByTestId('printer-state')).toHaveText('prête');
      await expect(row.getByTestId('printer-message')).toHaveCount(0);
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });
});

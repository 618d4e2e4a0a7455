/**
 * The Badges screen against the real core: live preview in a sandboxed frame, organisers'
 * templates, single print and reprint to the CUPS `PDF` queue, batch print with progress and
 * cancel, Save as PDF. Printing tests print to the cups-pdf queue PDF of the tests' own CUPS scheduler (tests/helpers/test-cups.ts).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { FrameLocator, Page } from '@playwright/test';
import { test as kioskTest, expect, type Kiosk } from './fixtures';
import { axePage, seriousViolations } from './axe';

// axe needs pages made by browser.newContext() then context.newPage() (see accessibility.spec.ts).
const test = kioskTest.extend({
  // Depends on kiosk so that the page (and its polling) closes before the kiosk's core does.
  page: async ({ browser, kiosk }, use) => {
    void kiosk;
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    await use(await context.newPage());
    await context.close();
  },
});

/**
 * Harness limit for a print or a PDF (Chromium renders it, CUPS takes the job): generous because
 * the machine and the PDF queue are shared with other tests; speed is measured by the benchmarks.
 */
const printing = 90_000;

const previewFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Aperçu du badge"]');

async function openBadges(page: Page, kiosk: Kiosk) {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Badges' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Badges' })).toBeVisible();
}

/** One attendee of the demo event, as the core finds them. */
async function attendee(kiosk: Kiosk, text: string) {
  const [found] = await kiosk.services.handlers['attendees:search']({ text, limit: 1 });
  if (!found) throw new Error(`no demo attendee for "${text}"`);
  return found;
}

/** Sets the kiosk's printer the way the screens do: through the page's own api (window.accueil). */
async function usePrinter(page: Page, printer: string) {
  const result = await page.evaluate(
    `window.accueil['kiosk:configure']({ printer: ${JSON.stringify(printer)} }).then((r) => r.ok ? r.value.printer : r.code)`,
  );
  expect(result).toBe(printer);
}

/** A computed style inside the preview; '' while the frame is being replaced by a newer preview. */
async function computed(frame: FrameLocator, selector: string, property: string): Promise<string> {
  const value: unknown = await frame
    .locator('body')
    .evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e ? getComputedStyle(e).getPropertyValue(${JSON.stringify(property)}) : ''; })()`, undefined, {
      timeout: 2_000,
    })
    .catch(() => '');
  return String(value);
}

test.describe('badges: design and live preview', () => {
  test('the preview shows the chosen attendee and follows colour and field changes live', async ({ browser, kiosk }) => {
    // Its own context: axe's last step opens a page beside this one, which the fixture's default
    // context sometimes refuses ("Failed to find browser context").
    const page = await axePage(browser);
    const refused: string[] = [];
    page.on('console', (message) => {
      // (The meta tag's ignored frame-ancestors warning is not a refusal.)
      if (/Refused to|violates the following Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await openBadges(page, kiosk);
    const frame = previewFrame(page);
    // The sample first, in a frame that may run nothing.
    await expect(page.getByTestId('preview-for')).toHaveText("l'exemple");
    await expect(page.locator('iframe[title="Aperçu du badge"]')).toHaveAttribute('sandbox', '');
    await expect(frame.locator('[data-field="firstName"]')).toBeVisible();

    // A6 is 105 × 148 mm: the box keeps that aspect ratio.
    const box = await page.getByTestId('badge-preview').boundingBox();
    expect(box).not.toBeNull();
    expect(Math.abs(box!.width / box!.height - 105 / 148)).toBeLessThan(0.01);

    await page.getByLabel("Prévisualiser le badge d'un·e participant·e").fill('rebsamen');
    await page.getByRole('list', { name: 'Participant·es trouvé·es' }).getByRole('button', { name: /Rebsamen/ }).first().click();
    await expect(page.getByTestId('preview-for')).toHaveText('François Rebsamen');
    await expect(frame.locator('[data-field="firstName"]')).toHaveText(/François/);
    await expect(frame.locator('[data-field="lastName"]')).toHaveText(/rebsamen/i);
    await expect(frame.locator('[data-field="organisation"]')).toHaveText(/Dijon/);
    // The embedded fonts load inside the frame: the page's policy lets the badge's data: fonts and QR through.
    await expect
      .poll(() => frame
            .locator('body')
            .evaluate(`(async () => { await document.fonts.ready; return [...document.fonts].filter((font) => font.status === 'loaded').length; })()`)
            .catch(() => 0))
      .toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Personnaliser' }).click();
    await expect(page.getByLabel('Identifiant (lettres minuscules, chiffres et tirets)')).toHaveValue('a6-perso');

    // Text colour: the badge in the frame is redrawn with it.
    await page.getByLabel('Texte', { exact: true }).fill('#c0392b');
    await expect.poll(() => computed(frame, '.badge', 'color')).toBe('rgb(192, 57, 43)');

    // A field switched off leaves the badge.
    await expect(frame.locator('[data-field="organisation"]')).toHaveCount(1);
    await page.getByRole('checkbox', { name: 'Organisme' }).uncheck();
    await expect(frame.locator('[data-field="organisation"]')).toHaveCount(0);

    // The category band follows its colour.
    const category = (await attendee(kiosk, 'francois rebsamen')).category;
    await page.getByLabel(`Couleur du bandeau : ${category}`).fill('#00ff00');
    await expect.poll(() => computed(frame, '[data-field="category-band"]', 'background-color')).toBe('rgb(0, 255, 0)');

    expect(await seriousViolations(page, { legacyMode: true })).toEqual([]);
    expect(refused).toEqual([]);
    await page.context().close();
  });

  test('characters without an embedded font are warned about; the screen speaks English too', async ({ page, kiosk }) => {
    await kiosk.services.handlers['walkin:create']({ firstName: 'Zoé 🎉', lastName: 'Fêtard', organisation: 'Ville de Test', consent: true, confirmNotDuplicate: true });
    await openBadges(page, kiosk);
    await page.getByLabel("Prévisualiser le badge d'un·e participant·e").fill('fetard');
    await page.getByRole('list', { name: 'Participant·es trouvé·es' }).getByRole('button', { name: /Fêtard/ }).first().click();
    await expect(page.getByTestId('preview-uncovered')).toContainText('🎉');
    await expect(page.getByTestId('preview-uncovered')).toContainText("n'ont pas de police embarquée");

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('tab', { name: 'Template and preview' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('preview-uncovered')).toContainText('These characters have no embedded font');
    await page.getByRole('tab', { name: 'Batch printing' }).click();
    await expect(page.getByRole('checkbox', { name: 'Only badges not printed yet (or to reprint)' })).toBeChecked();
    await expect(page.getByTestId('batch-count')).toHaveText(/^\d+ badges to print\.$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a customised template is saved, listed, survives a reload, and can be deleted', async ({ page, kiosk }) => {
    await openBadges(page, kiosk);
    await page.getByLabel('Modèle de badge').selectOption('cr80');
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    await page.getByLabel('Identifiant (lettres minuscules, chiffres et tirets)').fill('carte-2026');
    await page.getByLabel('Nom affiché en français').fill('Carte 2026');
    await page.getByLabel('Nom affiché en anglais').fill('Card 2026');
    await page.getByLabel('Accent').fill('#2a9d8f');
    await page.getByRole('checkbox', { name: 'QR code' }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Modèle « Carte 2026 » enregistré.' })).toBeVisible();

    const saved = (await kiosk.services.handlers['badges:templates']({})).find((template) => template.name === 'carte-2026');
    expect(saved).toMatchObject({ builtIn: false, base: 'cr80', label: { fr: 'Carte 2026', en: 'Card 2026' } });
    expect(saved!.definition.fields).not.toContain('qr');

    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Badges' }).click();
    const select = page.getByLabel('Modèle de badge');
    await expect(select.locator('optgroup[label="Modèles de l\'organisation"] option')).toHaveText(['Carte 2026']);
    await select.selectOption('carte-2026');
    await expect(page.getByRole('checkbox', { name: 'QR code' })).not.toBeChecked();
    await expect(page.getByLabel('Accent')).toHaveValue('#2a9d8f');
    await expect(previewFrame(page).locator('[data-field="qr"]')).toHaveCount(0);
    // CR80 is 85.6 × 54 mm, landscape.
    await expect(page.getByTestId('badge-preview')).toHaveAttribute('data-aspect', (85.6 / 54).toFixed(3));

    // This kiosk prints with it; deleting it puts the kiosk back on the default template.
    await page.getByRole('button', { name: 'Utiliser ce modèle à cette borne' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Cette borne imprime désormais avec « Carte 2026 ».' })).toBeVisible();
    expect((await kiosk.services.handlers['kiosk:get']({})).template).toBe('carte-2026');

    await page.getByRole('button', { name: 'Supprimer le modèle' }).click();
    await page.getByRole('button', { name: 'Confirmer la suppression de carte-2026' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Modèle carte-2026 supprimé.' })).toBeVisible();
    expect((await kiosk.services.handlers['badges:templates']({})).some((template) => template.name === 'carte-2026')).toBe(false);
    expect((await kiosk.services.handlers['kiosk:get']({})).template).toBe('a6');
    await page.getByRole('tab', { name: 'Imprimer un badge' }).click();
    await expect(page.getByLabel('Modèle', { exact: true }).locator('option').first()).toHaveText('Celui de la borne (A6 portrait (105 × 148 mm))');
  });

  test('a built-in name and a bad name are refused before saving', async ({ page, kiosk }) => {
    await openBadges(page, kiosk);
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    const name = page.getByLabel('Identifiant (lettres minuscules, chiffres et tirets)');
    for (const bad of ['a6', 'mon modèle', '-x']) {
      await name.fill(bad);
      await expect(name).toHaveAttribute('aria-invalid', 'true');
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await expect(page.getByRole('alert').filter({ hasText: "L'identifiant : 1 à 40" })).toBeVisible();
    }
    expect((await kiosk.services.handlers['badges:templates']({})).filter((template) => !template.builtIn)).toEqual([]);
  });

  test('a logo over 1.5 MB is refused with a clear message; a small one shows on the badge', async ({ page, kiosk }) => {
    await openBadges(page, kiosk);
    await page.getByRole('button', { name: 'Personnaliser' }).click();
    const big = Buffer.alloc(2 * 1024 * 1024, 0);
    await page.getByLabel('Choisir un logo (PNG, JPEG ou SVG)').setInputFiles({ name: 'enorme.png', mimeType: 'image/png', buffer: big });
    await expect(page.getByRole('alert')).toContainText('« enorme.png » pèse 2.0 Mo : le logo doit faire 1,5 Mo au plus.');
    await expect(page.getByText('Pas de logo.')).toBeVisible();

    await page.getByLabel('Choisir un logo (PNG, JPEG ou SVG)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByRole('alert')).toContainText("« notes.txt » n'est pas une image PNG, JPEG ou SVG.");

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e63946"/></svg>';
    await page.getByLabel('Choisir un logo (PNG, JPEG ou SVG)').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await expect(page.getByRole('img', { name: 'Logo actuel' })).toBeVisible();
    await expect(previewFrame(page).locator('img[data-field="logo"]')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  });
});

test.describe('badges: printing', () => {
  test('prints one badge to the PDF printer, then a reprint asks for a reason', async ({ page, kiosk }) => {
    const person = await attendee(kiosk, 'francois rebsamen');
    await openBadges(page, kiosk);
    await usePrinter(page, 'PDF');
    await page.getByRole('tab', { name: 'Imprimer un badge' }).click();
    await page.getByLabel('Chercher la personne').fill('francois rebsamen');
    await page.getByRole('list', { name: 'Participant·es trouvé·es' }).getByRole('button').first().click();
    await expect(page.getByRole('list', { name: 'Badges à imprimer' })).toContainText('François Rebsamen');
    await expect(page.getByTestId('badge-status')).toHaveText('pas encore imprimé');

    await page.getByRole('button', { name: 'Imprimer le badge' }).click();
    await expect(page.getByTestId('print-status')).toHaveText('Badge envoyé à PDF.', { timeout: printing });
    const recent = page.getByTestId('recent-prints');
    await expect(recent.locator('tbody tr').first()).toContainText('François Rebsamen');
    await expect(recent.locator('tbody tr').first()).toContainText('envoyé');
    await expect(page.getByTestId('badge-status')).toHaveText(/^imprimé le /);

    // Again: refused until a reason is given.
    await page.getByRole('button', { name: 'Imprimer le badge' }).click();
    await expect(page.getByText(/Rebsamen a déjà été imprimé le .+ Pourquoi le réimprimer/)).toBeVisible({ timeout: printing });
    const reprint = page.getByRole('button', { name: 'Réimprimer' });
    await expect(reprint).toBeDisabled();
    await page.getByRole('radio', { name: 'perdu' }).check();
    await reprint.click();
    await expect(page.getByTestId('print-status')).toHaveText('Badge envoyé à PDF.', { timeout: printing });
    await expect(recent.locator('tbody tr').first()).toContainText('perdu');

    const ledger = await kiosk.services.handlers['print:recent']({ attendeeId: person.id });
    expect(ledger.map((record) => [record.status, record.reason])).toEqual([
      ['sent', 'perdu'],
      ['sent', ''],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('without a printer chosen, printing says so in plain words', async ({ page, kiosk }) => {
    expect((await kiosk.services.handlers['kiosk:get']({})).printer).toBeNull();
    await openBadges(page, kiosk);
    await page.getByRole('tab', { name: 'Imprimer un badge' }).click();
    await page.getByLabel('Chercher la personne').fill('rebsamen');
    await page.getByRole('list', { name: 'Participant·es trouvé·es' }).getByRole('button').first().click();
    await page.getByRole('button', { name: 'Imprimer le badge' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-error-code', 'print.no_printer', { timeout: printing });
    await expect(alert).not.toContainText('print.no_printer');
    expect(await kiosk.services.handlers['print:recent']({})).toEqual([]);
  });

  test('Save as PDF downloads a PDF of the chosen badges', async ({ page, kiosk }) => {
    await openBadges(page, kiosk);
    await page.getByRole('tab', { name: 'Imprimer un badge' }).click();
    await page.getByLabel('Chercher la personne').fill('rebsamen');
    await page.getByRole('list', { name: 'Participant·es trouvé·es' }).getByRole('button').first().click();
    const download = page.waitForEvent('download', { timeout: printing });
    await page.getByRole('button', { name: 'Enregistrer en PDF' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await expect(page.getByTestId('print-status')).toContainText('(1 page)', { timeout: printing });
  });
});

test.describe('badges: batch', () => {
  test('a batch for one country runs to 100 % with its progress bar', async ({ page, kiosk }) => {
    const country = 'Hongrie';
    const { count } = await kiosk.services.handlers['print:batch:count']({ filter: { country, onlyUnprinted: true } });
    expect(count).toBeGreaterThan(0);
    await openBadges(page, kiosk);
    await usePrinter(page, 'PDF');
    await page.getByRole('tab', { name: 'Impression par lot' }).click();
    await page.getByRole('radio', { name: 'Un pays' }).check();
    await page.getByLabel('Pays', { exact: true }).selectOption(country);
    await expect(page.getByTestId('batch-count')).toHaveText(`${count} badge${count > 1 ? 's' : ''} à imprimer.`);
    await page.getByRole('button', { name: new RegExp(`^Imprimer ${count} badges?$`) }).click();
    const bar = page.getByRole('progressbar');
    await expect(bar).toBeVisible();
    // One job per page on a CUPS queue other tests share: a generous harness limit, not a speed test.
    await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: printing });
    await expect(page.getByTestId('batch-status')).toContainText('Lot terminé');
    await expect(page.getByTestId('batch-count')).toHaveText('Aucun badge à imprimer.');

    // Including what is already printed asks for a reason first.
    await page.getByRole('checkbox', { name: /Seulement les badges pas encore imprimés/ }).uncheck();
    await expect(page.getByTestId('batch-count')).toContainText(`dont ${count} déjà imprimé`);
    const start = page.getByRole('button', { name: new RegExp(`^Imprimer ${count} badges?$`) });
    await expect(start).toBeDisabled();
    await page.getByLabel('Motif de réimpression (obligatoire)').fill('encre pâle');
    await expect(start).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("Enregistrer en PDF saves the batch's current selection, one page per badge", async ({ page, kiosk }) => {
    const country = 'Hongrie';
    const { count } = await kiosk.services.handlers['print:batch:count']({ filter: { country, onlyUnprinted: true } });
    expect(count).toBeGreaterThan(0);
    await openBadges(page, kiosk);
    await page.getByRole('tab', { name: 'Impression par lot' }).click();
    await page.getByRole('radio', { name: 'Un pays' }).check();
    await page.getByLabel('Pays', { exact: true }).selectOption(country);
    await expect(page.getByTestId('batch-count')).toHaveText(`${count} badge${count > 1 ? 's' : ''} à imprimer.`);
    await page.locator('#batch-template').selectOption('a6');
    const download = page.waitForEvent('download', { timeout: printing });
    await page.getByRole('button', { name: 'Enregistrer en PDF' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^badges-a6-\d{8}-\d{4}\.pdf$/);
    const file = await saved.path();
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${count}\\n`));
    await expect(page.getByTestId('batch-pdf-status')).toContainText(`(${count} page${count > 1 ? 's' : ''})`, { timeout: printing });
    // Nothing was printed: the selection still counts the same.
    expect((await kiosk.services.handlers['print:batch:count']({ filter: { country } })).count).toBe(count);
  });

  test('a running batch can be cancelled, and the latest batch shows again after a reload', async ({ page, kiosk }) => {
    await openBadges(page, kiosk);
    await usePrinter(page, 'PDF');
    await page.getByRole('tab', { name: 'Impression par lot' }).click();
    await page.getByRole('radio', { name: 'Un pays' }).check();
    await page.getByLabel('Pays', { exact: true }).selectOption('France');
    await page.getByRole('button', { name: /^Imprimer \d+ badges$/ }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await page.getByRole('button', { name: 'Annuler le lot' }).click();
    await expect(page.getByTestId('batch')).toHaveAttribute('data-status', 'cancelled');
    const batch = await kiosk.services.handlers['print:batch:get']({});
    expect(batch?.status).toBe('cancelled');
    expect(batch!.printed).toBeLessThan(batch!.total);
    await expect(page.getByTestId('batch-status')).toHaveText(`Lot annulé à ${batch!.printed} sur ${batch!.total}.`);

    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Badges' }).click();
    await page.getByRole('tab', { name: 'Impression par lot' }).click();
    await expect(page.getByTestId('batch')).toHaveAttribute('data-status', 'cancelled');
  });

  test("a printer problem stops the batch in plain words; Reprendre finishes it without printing a page twice", async ({ page, kiosk }) => {
    // Our own queue, stopped: the shared PDF queue stays untouched.
    const queue = `ACCUEIL_TEST_badges_${randomBytes(4).toString('hex')}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
    try {
      execFileSync('cupsdisable', [queue]);
      await openBadges(page, kiosk);
      await page.getByRole('tab', { name: 'Impression par lot' }).click();
      await page.getByRole('radio', { name: 'Un pays' }).check();
      await page.getByLabel('Pays', { exact: true }).selectOption('Hongrie');
      await page.getByLabel('Imprimante').selectOption(queue);
      await expect(page.getByText(`L'imprimante ${queue} est arrêtée.`)).toBeVisible();
      await page.getByRole('button', { name: /^Imprimer 2 badges$/ }).click();

      const batch = page.getByTestId('batch');
      await expect(batch).toHaveAttribute('data-status', 'error', { timeout: printing });
      const alert = batch.getByRole('alert');
      await expect(alert).toHaveAttribute('data-error-code', 'print.printer_stopped');
      await expect(alert).toContainText(queue);
      await expect(page.getByTestId('batch-status')).toContainText("Lot arrêté à 0 sur 2 par un problème d'imprimante");

      execFileSync('cupsenable', [queue]);
      await page.getByRole('button', { name: 'Reprendre' }).click();
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: printing });
      await expect(batch).toHaveAttribute('data-status', 'done');

      const done = await kiosk.services.handlers['print:batch:get']({});
      const sent = (await kiosk.services.handlers['print:recent']({ limit: 50 })).filter((record) => record.batchId === done!.id && record.status === 'sent');
      expect(sent).toHaveLength(2);
      expect(new Set(sent.map((record) => record.attendeeId)).size).toBe(2);
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });
});

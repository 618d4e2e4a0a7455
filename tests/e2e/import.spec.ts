import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { maxImportBytes } from '../../main/core/contract';
import { openDataFolder } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';
import type { ImportReport } from '../../main/core/types';
import { test, expect } from './fixtures';

// An empty kiosk: the first import creates its event, and the counts are the file's alone.
test.use({ demo: false });

const root = path.resolve(import.meta.dirname, '../..');
const frErrors = JSON.parse(fs.readFileSync(path.join(root, 'resources/locales/fr/errors.json'), 'utf8')) as Record<string, unknown>;

/** The French catalogue entry for an error code, as a pattern (parameters match anything). */
function frenchErrorPattern(code: string): RegExp {
  const entry = code.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], frErrors);
  expect(typeof entry, `resources/locales/fr/errors.json translates ${code}`).toBe('string');
  const escaped = (entry as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{[^}]+\\\}\\\}/g, '.*');
  return new RegExp(escaped);
}

// French Excel style: semicolons, a column nobody maps automatically, a duplicate row,
// a cancelled registration and a row without any name.
const registrations = [
  'Civilité;Prénom;Nom;E-mail;Collectivité;Pays;Statut;Régime alimentaire',
  'Mme;Anne;DUPONT;anne.dupont@lyon.fr;Ville de Lyon;France;Validé;végétarien',
  'M.;Jean;Martin;jean.martin@nantes.fr;Nantes Métropole;France;Validé;',
  'Mme;Anne;DUPONT;anne.dupont@lyon.fr;Ville de Lyon;France;Validé;végétarien',
  'Mme;Zoë;Nguyễn;zoe.nguyen@hanoi.vn;Comité populaire de Hanoï;Viêt Nam;Annulé;',
  ';;;personne@nulle.part;;France;Validé;',
  'S.E.;Ali;Ben Salah;ali.bensalah@ambassade.tn;Ambassade de Tunisie;Tunisie;Validé;halal',
].join('\r\n');

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('navigation').getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { name: 'Importer des inscriptions' })).toBeVisible();
  await page.locator('#import-file').setInputFiles(file);
}

/** The same file through the core alone, in another temp folder: what the screen must report. */
async function coreReport(fileName: string, text: string, mapping: Record<string, 'ignore'>): Promise<ImportReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-ref-'));
  const db = openDataFolder(dir);
  try {
    return await createServices({ db }).handlers['import:run']({ fileName, data: new Uint8Array(Buffer.from(text, 'utf8')), mapping });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('import', () => {
  test('a CSV with an unrecognised column: preview, mapping, import, report', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await chooseFile(page, csvFile('inscriptions-aict.csv', registrations));

    await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toBeVisible();
    const facts = page.getByTestId('import-facts');
    await expect(facts.locator('[data-fact=format]')).toHaveText('CSV');
    await expect(facts.locator('[data-fact=encoding]')).toHaveText(/utf-?8/i);
    await expect(facts.locator('[data-fact=delimiter]')).toHaveText('point-virgule (;)');
    await expect(facts.locator('[data-fact=rows]')).toHaveText('6 lignes de données');

    // Recognised columns come preselected; the unknown one is highlighted and must be decided.
    const mapping = page.getByTestId('mapping');
    await expect(page.getByLabel('Champ pour la colonne « Prénom »')).toHaveValue('firstName');
    await expect(page.getByLabel('Champ pour la colonne « Collectivité »')).toHaveValue('organisation');
    const unknown = mapping.locator('tr[data-column="Régime alimentaire"]');
    await expect(unknown).toHaveClass(/unmapped/);
    await expect(unknown).toContainText('Non reconnue');
    await expect(page.getByText('1 colonne non reconnue')).toBeVisible();
    await expect(page.getByTestId('preview')).toContainText('Ben Salah');

    await page.getByLabel('Champ pour la colonne « Régime alimentaire »').selectOption('ignore');
    await expect(unknown).not.toHaveClass(/unmapped/);
    await expect(page.getByText('Toutes les colonnes sont reconnues.')).toBeVisible();

    await page.getByRole('button', { name: 'Importer 6 lignes' }).click();
    await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible();

    const expected = await coreReport('inscriptions-aict.csv', registrations, { 'Régime alimentaire': 'ignore' });
    const report = page.getByTestId('import-report');
    const skipped = expected.errors.filter((error) => error.level !== 'warning').length;
    for (const [key, value] of Object.entries({
      imported: expected.imported,
      updated: expected.updated,
      merged: expected.merged,
      cancelled: expected.cancelled,
      unchanged: expected.unchanged,
      errors: skipped,
    })) {
      await expect(report.locator(`[data-count=${key}] dd`), key).toHaveText(String(value));
    }
    expect(expected.imported).toBeGreaterThanOrEqual(3);
    expect(expected.merged).toBe(1);
    expect(expected.cancelled).toBe(1);

    // The nameless row is listed with its spreadsheet row number.
    expect(skipped).toBe(1);
    const errors = page.getByTestId('import-errors');
    await expect(errors.getByRole('row').filter({ hasText: 'Non importée' }).getByRole('cell').first()).toHaveText('6');

    // The people are there, accents intact, and the header names the new event.
    await expect(page.getByTestId('event-name')).toContainText(/inscriptions/i);
    await page.getByRole('button', { name: 'Rechercher dans la liste' }).click();
    await page.getByLabel('Rechercher un·e participant·e').fill('nguyen');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
    await expect(results.first()).toContainText('Zoë Nguyễn');
    await expect(results.first()).toContainText('Annulé·e');
  });

  test('an XLSX workbook is read too', async ({ page, kiosk }) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Participants');
    sheet.addRow(['First Name', 'Last Name', 'Email', 'Company', 'Country', 'Job Title']);
    sheet.addRow(['Małgorzata', 'Kowalska', 'm.kowalska@krakow.pl', 'Miasto Kraków', 'Pologne', 'Zastępca prezydenta']);
    sheet.addRow(['Kofi', 'Mensah', 'kofi.mensah@kumasi.gh', 'Kumasi Metropolitan Assembly', 'Ghana', 'Mayor']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await kiosk.open(page);
    await chooseFile(page, { name: 'eventbrite.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect(page.getByTestId('import-facts').locator('[data-fact=format]')).toHaveText('XLSX');
    await expect(page.getByTestId('import-facts').locator('[data-fact=rows]')).toHaveText('2 lignes de données');
    await expect(page.getByText('Toutes les colonnes sont reconnues.')).toBeVisible();
    await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
    await expect(page.getByTestId('import-report').locator('[data-count=imported] dd')).toHaveText('2');
  });

  test('a file can be dropped on the page', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Importer' }).click();
    // Built in the page: a DataTransfer holding a real File, as the browser makes on a drop.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(registrations)}], 'depose.csv', { type: 'text/csv' })); return dt; })()`,
    );
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toBeVisible();
    await expect(page.getByTestId('import-facts')).toContainText('depose.csv');
  });

  for (const [label, fileName, bytes, code] of [
    ['an empty file', 'vide.csv', Buffer.alloc(0), 'import.empty_file'],
    ['a binary file', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0xff, 0xfe]), 'import.binary_file'],
  ] as const) {
    test(`${label} gives a clear translated message, and the app keeps running`, async ({ page, kiosk }) => {
      await kiosk.open(page);
      await chooseFile(page, { name: fileName, mimeType: 'text/csv', buffer: bytes });
      const alert = page.getByRole('alert');
      await expect(alert).toHaveAttribute('data-error-code', code);
      await expect(alert).toContainText(fileName);
      await expect(alert).toHaveText(frenchErrorPattern(code));
      await expect(alert).not.toContainText(/\bat \S+:\d+|Error:|undefined/);

      // Still alive: the next file goes through, and nothing was half-imported.
      expect((await kiosk.services.handlers['events:list']({})).length).toBe(0);
      await page.locator('#import-file').setInputFiles(csvFile('inscriptions.csv', registrations));
      await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }

  test('a file above the size limit is refused at once, in words', async ({ page, kiosk }) => {
    // A sparse file: large on paper, instant to make.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-big-'));
    const big = path.join(dir, 'enorme.csv');
    fs.writeFileSync(big, 'Prénom;Nom\n');
    fs.truncateSync(big, maxImportBytes + 1024 * 1024);
    try {
      await kiosk.open(page);
      await chooseFile(page, big);
      const alert = page.getByRole('alert');
      await expect(alert).toHaveAttribute('data-error-code', 'import.too_large');
      await expect(alert).toHaveText(frenchErrorPattern('import.too_large'));
      await expect(alert).toContainText('enorme.csv');
      await expect(page.getByRole('button', { name: 'Choisir un fichier…' })).toBeVisible();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

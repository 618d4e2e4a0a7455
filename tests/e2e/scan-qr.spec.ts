import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { createNodeDecoders } from '../bench/scan-decoders';
import { test, expect } from './fixtures';

const rebsamen = demoAttendeeId(demoFixtures.rebsamen);

test('an attendee record shows the QR code, which decodes to the signed token', async ({ page, kiosk }) => {
  await kiosk.open(page);
  await page.getByLabel('Rechercher un·e participant·e').fill('rebsamen');
  await page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Afficher le code QR' }).click();
  const figure = page.getByTestId('attendee-qr');
  const expected = (await kiosk.services.handlers['qr:attendee']({ id: rebsamen })).text;
  await expect(figure.locator('code')).toHaveText(expected);
  const image = figure.getByRole('img', { name: "Code QR d'entrée de M. François Rebsamen" });
  await expect(image).toBeVisible();
  const png = PNG.sync.read(await image.screenshot());
  const codes = await createNodeDecoders()['zxing-wasm'].decode({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height });
  expect(codes.map((code) => code.text)).toEqual([expected]);
  await page.getByRole('button', { name: 'Masquer le code QR' }).click();
  await expect(figure).toHaveCount(0);
});

test('bulk export from the settings screen: count and mail-merge CSV path', async ({ page, kiosk }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-qr-export-'));
  try {
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
    await page.getByLabel('Dossier de destination (chemin complet)').fill(folder);
    await page.getByRole('radio', { name: 'SVG' }).check();
    await page.getByRole('button', { name: 'Exporter les codes QR' }).click();
    const report = page.getByTestId('qr-export-report');
    await expect(report).toContainText(`codes QR écrits dans ${folder}`);
    const count = Number(/(\d+) codes QR/.exec((await report.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(500);
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.svg'))).toHaveLength(count);
    await expect(report).toContainText('.csv');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startBridge } from '../../main/bridge/server';
import { openDataFolder } from '../../main/core/db/open';
import { createCupsDriver, type CupsDriverOptions } from '../../main/core/printing/cups';
import { createServices } from '../../main/core/services';
import { test, expect, type Kiosk } from './fixtures';
import { rendererIndex } from './global-setup';

async function openSettings(kiosk: Kiosk, page: Page): Promise<void> {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
  await expect(page.getByRole('heading', { name: 'Impression des badges (ce poste)' })).toBeVisible();
}

const printerRow = (page: Page, name: string) => page.getByTestId('printer').and(page.locator(`[data-printer="${name}"]`));

test.describe('Settings: badge printing', () => {
  test('choose the PDF printer, a template and auto-print: saved for this desk and shown again after a reload', async ({ page, kiosk }) => {
    await openSettings(kiosk, page);
    // The cups-pdf queue, in plain words. Other tests print to this shared queue, so it may be
    // busy with their jobs: ready or printing, never stopped (idle is checked on our own queue below).
    const pdf = printerRow(page, 'PDF');
    await expect(pdf).toBeVisible();
    const state = await pdf.getAttribute('data-state');
    expect(['idle', 'printing']).toContain(state);
    await expect(pdf.getByTestId('printer-state')).toHaveText(state === 'idle' ? 'prête' : "en cours d'impression");

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
      await page.getByTestId('printing-settings').getByRole('button', { name: 'Actualiser' }).click();
      await expect(row.getByTestId('printer-state')).toHaveText('prête');
      await expect(row.getByTestId('printer-message')).toHaveCount(0);
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });

  /** A kiosk (demo event loaded) whose CUPS driver runs with these options, opened on the Settings screen. */
  async function withDriver(page: Page, options: CupsDriverOptions, check: () => Promise<void>): Promise<void> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-'));
    const db = openDataFolder(dataDir);
    const services = createServices({ db, version: 'e2e', printer: createCupsDriver(options) });
    await services.handlers['demo:load']({});
    const bridge = await startBridge({ services, staticDir: path.dirname(rendererIndex) });
    try {
      await page.goto(bridge.appUrl);
      await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
      await expect(page.getByRole('heading', { name: 'Impression des badges (ce poste)' })).toBeVisible();
      await check();
    } finally {
      await bridge.close();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  test('the print service not answering is said as such, not as "no printer"', async ({ page }) => {
    // The real lpstat, pointed at a CUPS server that does not exist.
    await withDriver(page, { env: { CUPS_SERVER: path.join(os.tmpdir(), `no-cups-${randomBytes(4).toString('hex')}.sock`) } }, async () => {
      await expect(page.getByTestId('printing-settings').getByRole('alert')).toContainText("Le service d'impression de cet ordinateur ne répond pas");
      await expect(page.getByTestId('printers-none')).toHaveCount(0);
    });
  });

  test('no printer installed: says so and what to do', async ({ page }) => {
    // A computer with CUPS but no queue: lpstat's own answer, from a stand-in lpstat (the shared
    // CUPS server has queues other tests use).
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-lpstat-'));
    fs.writeFileSync(path.join(bin, 'lpstat'), '#!/bin/sh\necho "lpstat: No destinations added." >&2\nexit 1\n', { mode: 0o755 });
    try {
      await withDriver(page, { binDir: bin }, async () => {
        await expect(page.getByTestId('printers-none')).toHaveText(
          "Aucune imprimante n'est installée sur cet ordinateur. Branchez et allumez l'imprimante à badges, installez-la dans les réglages d'impression du système, puis touchez « Actualiser ».",
        );
        await expect(page.getByTestId('printing-settings').getByRole('button', { name: 'Actualiser' })).toBeEnabled();
      });
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});

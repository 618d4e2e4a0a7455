/** What the walk-in and edit browser tests share: the kiosk's printer set through the page, and the printed PDF. */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Api } from '../../main/core/contract';
import { expect } from './fixtures';
import { seriousViolations } from './axe';

/** Where the cups-pdf queue PDF of the tests' scheduler (tests/helpers/test-cups.ts) writes its files. */
export const pdfFolder = '/root/PDF';

/** Sets this kiosk's printer as the app does, through the page's own api (window.accueil). */
export async function usePrinter(page: Page, printer: string): Promise<void> {
  const result = await page.evaluate(
    (name) => (globalThis as unknown as { accueil: Api }).accueil['kiosk:configure']({ printer: name }),
    printer,
  );
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

export async function openWalkin(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Sur place' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inscription sur place' })).toBeVisible();
  await expect(page.getByLabel(/^Prénom/)).toBeFocused();
}

/** The PDF cups-pdf wrote for this CUPS job ("…-job_12.pdf"); waits for it (CUPS works in the background). */
export async function printedPdf(jobId: string): Promise<string> {
  const number = /(\d+)$/.exec(jobId)?.[1];
  expect(number, `job id ${jobId}`).toBeTruthy();
  let found = '';
  await expect
    .poll(
      () => {
        const name = fs.existsSync(pdfFolder) ? fs.readdirSync(pdfFolder).find((file) => file.endsWith(`job_${number}.pdf`)) : undefined;
        if (!name) return false;
        const file = path.join(pdfFolder, name);
        // cups-pdf writes the file in place: a complete PDF ends with %%EOF.
        const complete = fs.readFileSync(file).subarray(-1024).toString('latin1').includes('%%EOF');
        if (complete) found = file;
        return complete;
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found;
}

/** Page size in points from pdfinfo (poppler). */
export function pageSize(file: string): { width: number; height: number; pages: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  if (!size || !pages) throw new Error(`pdfinfo: no page size in\n${info}`);
  return { width: Number(size[1]), height: Number(size[2]), pages: Number(pages[1]) };
}

export const mm = (value: number) => (value * 72) / 25.4;

/** A cups-pdf queue of this test's own (the shared PDF queue is never stopped); removed by the returned function. */
export function ownQueue(): { name: string; remove(): void } {
  const name = `ACCUEIL_TEST_walkin_${randomUUID().slice(0, 8)}`;
  execFileSync('lpadmin', ['-p', name, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
  return { name, remove: () => execFileSync('lpadmin', ['-x', name]) };
}

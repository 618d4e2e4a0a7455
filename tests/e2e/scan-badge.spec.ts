import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { test, expect, type Kiosk } from './fixtures';
import { openScan, scannerTypes, someoneValid, tokenOf } from './scan-helpers';

const rebsamen = demoAttendeeId(demoFixtures.rebsamen);

/**
 * Every text the badge line shows, in order: the green result returns to scanning after a few
 * seconds, so the line's later words are kept here rather than polled for.
 */
async function recordBadgeLines(page: Page): Promise<void> {
  await page.addInitScript(`
    window.badgeLinesSeen = [];
    const keep = () => {
      for (const line of document.querySelectorAll('[data-testid="badge-status"]')) {
        const text = line.textContent || '';
        if (window.badgeLinesSeen[window.badgeLinesSeen.length - 1] !== text) window.badgeLinesSeen.push(text);
      }
    };
    new MutationObserver(keep).observe(document, { childList: true, subtree: true, characterData: true });
  `);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const badgeLinesSeen = (page: Page) => page.evaluate<string[]>('window.badgeLinesSeen');

/** Starts the CUPS driver's Chromium before the scan, as a kiosk that has printed once today has it. */
async function warmPrinter(kiosk: Kiosk): Promise<void> {
  const { html } = await kiosk.services.handlers['badges:preview']({});
  await kiosk.services.driver.pdf({ html, template: kiosk.services.templates.load('a6') });
}

test.describe('scan: the badge line under an accepted arrival', () => {
  test('auto-print on the PDF printer: "Impression du badge…" then "Badge imprimé", and the ledger says sent', async ({ page, kiosk }) => {
    await kiosk.services.handlers['kiosk:configure']({ printer: 'PDF', autoPrint: true, template: 'a6' });
    await warmPrinter(kiosk);
    await recordBadgeLines(page);
    await openScan(kiosk, page);
    await scannerTypes(page, await tokenOf(kiosk, rebsamen));
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'accepted');
    await expect.poll(() => badgeLinesSeen(page)).toContain('Badge imprimé');
    expect((await badgeLinesSeen(page))[0]).toBe('Impression du badge…');
    const [record] = await kiosk.services.handlers['print:recent']({ attendeeId: rebsamen, limit: 1 });
    expect(record).toMatchObject({ status: 'sent', printer: 'PDF', template: 'a6' });
  });

  test('auto-print off: "Badge à imprimer", nothing printed', async ({ page, kiosk }) => {
    await kiosk.services.handlers['kiosk:configure']({ printer: 'PDF', autoPrint: false });
    await openScan(kiosk, page);
    await scannerTypes(page, await tokenOf(kiosk, rebsamen));
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'accepted');
    await expect(page.getByTestId('badge-status')).toHaveText('Badge à imprimer');
    expect(await kiosk.services.handlers['print:recent']({ attendeeId: rebsamen })).toEqual([]);
  });

  test('a badge printed before says when; after an edit of the printed fields it asks for a reprint', async ({ page, kiosk }) => {
    const printed = (await someoneValid(kiosk, 'diallo', rebsamen)).id;
    const edited = (await someoneValid(kiosk, 'nguyen', rebsamen)).id;
    await kiosk.services.handlers['kiosk:configure']({ printer: 'PDF', autoPrint: false });
    await kiosk.services.handlers['print:badges']({ attendeeIds: [printed], printer: 'PDF' });
    await kiosk.services.handlers['print:badges']({ attendeeIds: [edited], printer: 'PDF' });
    await kiosk.services.handlers['attendees:update']({ id: edited, fields: { organisation: 'Ville de Nulle-Part' } });
    await openScan(kiosk, page);

    await scannerTypes(page, await tokenOf(kiosk, printed));
    await expect(page.getByTestId('badge-status')).toHaveText(/^Badge déjà imprimé \(à \d{2}:\d{2}\)$/);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('scan-result')).toHaveCount(0);

    await scannerTypes(page, await tokenOf(kiosk, edited));
    await expect(page.getByTestId('badge-status')).toHaveText('Badge à réimprimer (fiche modifiée)');
  });

  test('auto-print on a stopped printer: the error in plain words, the badge not counted as printed', async ({ page, kiosk }) => {
    // Our own queue, stopped: the shared PDF queue stays untouched for the other tests.
    const queue = `ACCUEIL_TEST_scan_${randomBytes(4).toString('hex')}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
    try {
      execFileSync('cupsdisable', ['-r', 'Bourrage papier', queue]);
      await kiosk.services.handlers['kiosk:configure']({ printer: queue, autoPrint: true, template: 'a6' });
      await warmPrinter(kiosk);
      await recordBadgeLines(page);
      await openScan(kiosk, page);
      await scannerTypes(page, await tokenOf(kiosk, rebsamen));
      await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'accepted');
      await expect.poll(async () => (await badgeLinesSeen(page)).find((line) => line.startsWith('Badge non imprimé'))).toBe(
        `Badge non imprimé : L'imprimante ${queue} est arrêtée (Bourrage papier) : rien n'a été imprimé. Remettez-la en marche puis réessayez.`,
      );
      expect((await kiosk.services.handlers['print:status']({ attendeeId: rebsamen })).printed).toBe(false);
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });

  test('a failed auto-print stays on the scan screen after the result is gone, stacks, and Réessayer prints once the printer is back', async ({ page, kiosk }) => {
    const queue = `ACCUEIL_TEST_alert_${randomBytes(4).toString('hex')}`;
    execFileSync('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd']);
    try {
      execFileSync('cupsdisable', ['-r', 'Bourrage papier', queue]);
      const other = (await someoneValid(kiosk, 'diallo', rebsamen)).id;
      await kiosk.services.handlers['kiosk:configure']({ printer: queue, autoPrint: true, template: 'a6' });
      await warmPrinter(kiosk);
      await openScan(kiosk, page);
      const alerts = page.getByTestId('print-failure');
      const stopped = `L'imprimante ${queue} est arrêtée (Bourrage papier) : rien n'a été imprimé. Remettez-la en marche puis réessayez.`;

      await scannerTypes(page, await tokenOf(kiosk, rebsamen));
      await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'accepted');
      await expect(alerts).toHaveCount(1);
      const [failed] = await kiosk.services.handlers['print:recent']({ attendeeId: rebsamen, limit: 1 });
      expect(failed?.status).toBe('failed');
      await expect(alerts.first()).toHaveText(new RegExp(`^Badge de (M\\. )?${escape(failed!.attendeeName)} non imprimé : ${escape(stopped)}RéessayerIgnorer$`));
      // The green result goes back to scanning on its own; the alert stays.
      await expect(page.getByTestId('scan-result')).toHaveCount(0);
      await expect(alerts).toHaveCount(1);

      // A second failure: on top, the first one still there.
      await scannerTypes(page, await tokenOf(kiosk, other));
      await expect(alerts).toHaveCount(2);
      const [otherFailed] = await kiosk.services.handlers['print:recent']({ attendeeId: other, limit: 1 });
      await expect(alerts.first()).toContainText(`${otherFailed!.attendeeName} non imprimé`);
      await expect(alerts.nth(1)).toContainText(`${failed!.attendeeName} non imprimé`);
      await alerts.first().getByRole('button', { name: 'Ignorer' }).click();
      await expect(alerts).toHaveCount(1);

      // Still stopped: Réessayer keeps the alert with the reason.
      await alerts.first().getByRole('button', { name: 'Réessayer' }).click();
      await expect(alerts.first().getByRole('button', { name: 'Réessayer' })).toBeEnabled();
      await expect(alerts).toHaveCount(1);
      await expect(alerts.first()).toContainText(stopped);

      execFileSync('cupsenable', [queue]);
      await alerts.first().getByRole('button', { name: 'Réessayer' }).click();
      await expect(alerts).toHaveCount(0);
      const [sent] = await kiosk.services.handlers['print:recent']({ attendeeId: rebsamen, limit: 1 });
      expect(sent).toMatchObject({ status: 'sent', printer: queue, template: 'a6' });
      expect((await kiosk.services.handlers['print:status']({ attendeeId: rebsamen })).printed).toBe(true);
    } finally {
      execFileSync('lpadmin', ['-x', queue]);
    }
  });

  test('a refused scan shows no badge line', async ({ page, kiosk }) => {
    await openScan(kiosk, page);
    await scannerTypes(page, await tokenOf(kiosk, demoAttendeeId(demoFixtures.cancelled)));
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'cancelled');
    await expect(page.getByTestId('badge-status')).toHaveCount(0);
  });
});

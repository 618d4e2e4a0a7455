import type { Page } from '@playwright/test';
import { test, expect, type Kiosk } from './fixtures';
import { mm, pageSize, printedPdf, usePrinter } from './walkin-helpers';
import { seriousViolations } from './axe';

async function openRecord(page: Page, kiosk: Kiosk, text: string) {
  await page.getByLabel('Rechercher un·e participant·e').fill(text);
  const results = page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
  await results.first().getByRole('button').click();
  const [first] = await kiosk.services.handlers['attendees:search']({ text, limit: 1 });
  const record = page.getByRole('article');
  await expect(record.getByRole('heading', { level: 2 })).toContainText(first!.lastName);
  return { record, id: first!.id };
}

test.describe('editing an attendee at the kiosk', () => {
  test('a corrected organisation marks the badge to reprint; reprinting needs no reason, a second reprint does', async ({ page, kiosk }) => {
    test.slow(); // a real CUPS print on a shared machine: Chromium, lp, then cups-pdf writing the file
    await kiosk.open(page);
    await usePrinter(page, 'PDF');
    const { record, id } = await openRecord(page, kiosk, 'rebsamen');
    // His badge is printed first, from the record.
    await expect(record.getByText('Badge pas encore imprimé')).toBeVisible();
    await record.getByRole('button', { name: 'Imprimer le badge' }).click();
    await expect(record.getByText('Badge imprimé sur PDF')).toBeVisible({ timeout: 60_000 });
    await expect(record.getByText(/^Badge imprimé le /)).toBeVisible();

    await record.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog', { name: /Modifier la fiche de M\. François Rebsamen/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(/^Prénom/)).toBeFocused();
    await expect(dialog.getByLabel(/^Organisation/)).toHaveValue('Dijon Métropole');
    // A first name cannot be emptied.
    await dialog.getByLabel(/^Prénom/).fill('');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByLabel(/^Prénom/)).toHaveAccessibleDescription('Saisissez le prénom.');
    await dialog.getByLabel(/^Prénom/).fill('François');
    await dialog.getByLabel(/^Organisation/).fill('Métropole de Dijon');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(record.getByRole('button', { name: 'Modifier' })).toBeFocused();
    await expect(record).toContainText('Métropole de Dijon');
    await expect(page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem').first()).toContainText('Métropole de Dijon');
    await expect(record.getByTestId('badge-to-reprint')).toContainText('Badge à réimprimer');
    expect((await kiosk.services.handlers['attendees:get']({ id })).organisation).toBe('Métropole de Dijon');

    await record.getByRole('button', { name: 'Réimprimer le badge' }).click();
    await expect(record.getByText('Badge imprimé sur PDF')).toBeVisible({ timeout: 60_000 });
    await expect(record.getByTestId('badge-to-reprint')).toHaveCount(0);
    const afterEdit = (await kiosk.services.handlers['print:recent']({ attendeeId: id })).filter((line) => line.status === 'sent');
    expect(afterEdit.map((line) => line.reason).sort()).toEqual(['', 'edited']);
    const edited = afterEdit.find((line) => line.reason === 'edited')!;
    const size = pageSize(await printedPdf(edited.jobId));
    expect(Math.abs(size.width - mm(105))).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - mm(148))).toBeLessThanOrEqual(1);

    // Printed and unchanged since: another badge needs a reason, which the ledger keeps.
    await record.getByRole('button', { name: 'Réimprimer le badge' }).click();
    await expect(record.getByRole('alert')).toContainText('a déjà été imprimé');
    const reason = record.getByLabel('Motif de la réimpression');
    await expect(reason).toBeFocused();
    await record.getByRole('button', { name: 'Réimprimer', exact: true }).click();
    await expect(reason).toHaveAccessibleDescription('Indiquez le motif de la réimpression.');
    await reason.fill('Badge perdu');
    await record.getByRole('button', { name: 'Réimprimer', exact: true }).click();
    await expect(record.getByText('Badge imprimé sur PDF')).toBeVisible({ timeout: 60_000 });
    const sent = (await kiosk.services.handlers['print:recent']({ attendeeId: id })).filter((line) => line.status === 'sent');
    expect(sent.map((line) => line.reason).sort()).toEqual(['', 'Badge perdu', 'edited']);
  });

  test('an e-mail change does not ask for a reprint; Escape closes without saving', async ({ page, kiosk }) => {
    await kiosk.open(page);
    const { record, id } = await openRecord(page, kiosk, 'rebsamen');
    await record.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^E-mail/).fill('pas-une-adresse');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByLabel(/^E-mail/)).toHaveAccessibleDescription(/n'est pas une adresse e-mail/);
    await dialog.getByLabel(/^E-mail/).fill('f.rebsamen@example.org');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(record).toContainText('f.rebsamen@example.org');
    await expect(record.getByTestId('badge-to-reprint')).toHaveCount(0);

    await record.getByRole('button', { name: 'Modifier' }).click();
    await page.getByRole('dialog').getByLabel(/^Nom/).fill('Autre');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect((await kiosk.services.handlers['attendees:get']({ id })).lastName).toBe('Rebsamen');
  });

  test('accessibility (axe): the edit dialog with an error, and the record with a badge to reprint', async ({ browser, kiosk }) => {
    test.slow(); // a real CUPS print first
    const context = await browser.newContext();
    const page = await context.newPage();
    // A badge printed before, so that an edit makes it one to reprint.
    const [rebsamen] = await kiosk.services.handlers['attendees:search']({ text: 'rebsamen', limit: 1 });
    await kiosk.services.handlers['print:badges']({ attendeeIds: [rebsamen!.id], printer: 'PDF' });
    await kiosk.open(page);
    const { record } = await openRecord(page, kiosk, 'rebsamen');
    await record.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Nom/).fill('');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByLabel(/^Nom/)).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel(/^Nom/).fill('Rebsamen');
    await dialog.getByLabel(/^Fonction/).fill('Président');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(record.getByTestId('badge-to-reprint')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

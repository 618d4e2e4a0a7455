import type { Page } from '@playwright/test';
import { test, expect, type Kiosk } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mm, openWalkin, ownQueue, pageSize, printedPdf, usePrinter } from './walkin-helpers';
import { seriousViolations } from './axe';

interface Person {
  honorific?: string;
  firstName?: string;
  lastName?: string;
  function?: string;
  organisation?: string;
  country?: string;
  email?: string;
  consent?: boolean;
}

async function fill(page: Page, person: Person) {
  if (person.honorific) await page.getByLabel(/^Civilité/).fill(person.honorific);
  if (person.firstName) await page.getByLabel(/^Prénom/).fill(person.firstName);
  if (person.lastName) await page.getByLabel(/^Nom/).fill(person.lastName);
  if (person.function) await page.getByLabel(/^Fonction/).fill(person.function);
  if (person.organisation) await page.getByLabel(/^Organisation/).fill(person.organisation);
  if (person.country) await page.getByLabel(/^Pays/).fill(person.country);
  if (person.email) await page.getByLabel(/^E-mail/).fill(person.email);
  if (person.consent !== false) await page.getByRole('checkbox', { name: /accepte l'utilisation de ses données/ }).check();
}

const submit = (page: Page) => page.getByRole('button', { name: 'Inscrire et imprimer le badge' }).click();

async function attendeesNamed(kiosk: Kiosk, lastName: string) {
  const found = await kiosk.services.handlers['attendees:search']({ text: lastName, limit: 50 });
  return found.filter((person) => person.lastName === lastName);
}

test.describe('walk-in registration', () => {
  test('registers, checks in and prints the badge on the PDF printer: ledger and A6 page', async ({ page, kiosk }) => {
    test.slow(); // a real CUPS print on a shared machine: Chromium, lp, then cups-pdf writing the file
    await kiosk.open(page);
    await usePrinter(page, 'PDF');
    await openWalkin(page);
    // The category defaults to the event's own participant category; the country list holds the event's spelling.
    await expect(page.getByLabel(/^Catégorie/)).toHaveValue('Participant·e');
    await expect(page.locator('#walkin-countries option[value="France"]')).toHaveCount(1);
    await fill(page, {
      honorific: 'Mme',
      firstName: 'Apolline',
      lastName: 'Quintavalle',
      function: 'Cheffe de projet',
      organisation: 'Ville de Besançon',
      country: 'france',
      email: 'apolline.q@example.org',
    });
    await submit(page);

    const done = page.getByTestId('walkin-done');
    await expect(done).toContainText('Bienvenue, Mme Apolline Quintavalle');
    await expect(done.getByText('Badge imprimé sur PDF')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Nouvelle inscription' })).toBeFocused();

    const [person] = await attendeesNamed(kiosk, 'Quintavalle');
    expect(person).toMatchObject({ firstName: 'Apolline', country: 'France', category: 'Participant·e' });
    const attendee = await kiosk.services.handlers['attendees:get']({ id: person!.id });
    expect(attendee.source).toBe('walk-in');
    expect(person!.checkedIn).toHaveLength(1);

    const ledger = await kiosk.services.handlers['print:recent']({ attendeeId: person!.id });
    const sent = ledger.filter((record) => record.status === 'sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ printer: 'PDF', reason: '' });
    expect(sent[0]!.jobId).not.toBe('');

    const file = await printedPdf(sent[0]!.jobId);
    const size = pageSize(file);
    expect(size.pages).toBe(1);
    expect(Math.abs(size.width - mm(105))).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - mm(148))).toBeLessThanOrEqual(1);

    // The next person starts from an empty form, on the first name.
    await page.getByRole('button', { name: 'Nouvelle inscription' }).click();
    await expect(page.getByLabel(/^Prénom/)).toBeFocused();
    await expect(page.getByLabel(/^Prénom/)).toHaveValue('');
    await expect(page.getByLabel(/^Nom/)).toHaveValue('');
  });

  test('warns of a registered look-alike; "another person" registers them, with no printer said plainly', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await openWalkin(page);
    await fill(page, { firstName: 'Francois', lastName: 'Rebsamen', organisation: 'Dijon Métropole' });
    const warning = page.getByTestId('duplicates');
    await expect(warning).toContainText('Vouliez-vous dire M. François Rebsamen, Dijon Métropole, déjà inscrit·e ?');
    // Registering before answering is not possible.
    await submit(page);
    await expect(warning.getByText('Répondez d\'abord')).toBeVisible();
    expect(await attendeesNamed(kiosk, 'Rebsamen')).toHaveLength(1);

    await warning.getByRole('button', { name: 'Non, c\'est une autre personne' }).first().click();
    await expect(warning).toHaveCount(0);
    // From the keyboard: focus moved on to register, Enter registers.
    await expect(page.getByRole('button', { name: 'Inscrire et imprimer le badge' })).toBeFocused();
    await page.keyboard.press('Enter');
    const done = page.getByTestId('walkin-done');
    await expect(done).toContainText('Bienvenue, Francois Rebsamen');
    expect(await attendeesNamed(kiosk, 'Rebsamen')).toHaveLength(2);
    // No printer chosen at this kiosk: said so, with the way to Settings; the registration stays.
    await expect(done.getByRole('alert')).toContainText('Aucune imprimante n\'est choisie pour ce poste');
    await expect(done.getByRole('button', { name: 'Ouvrir les Réglages' })).toBeVisible();
    await expect(done.getByRole('button', { name: 'Réessayer l\'impression' })).toBeVisible();
  });

  test('"this is the person" checks the registered attendee in instead, and offers their badge', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await openWalkin(page);
    // A typo and no accent still finds him.
    await fill(page, { firstName: 'Francois', lastName: 'Rebsamn', consent: false });
    const warning = page.getByTestId('duplicates');
    await expect(warning).toContainText('François Rebsamen, Dijon Métropole');
    await warning.getByRole('button', { name: 'C\'est cette personne' }).first().click();
    const existing = page.getByTestId('walkin-existing');
    await expect(existing).toContainText('Bienvenue, M. François Rebsamen');
    await expect(existing).toContainText('Badge à imprimer');
    await expect(existing.getByRole('button', { name: 'Imprimer son badge' })).toBeVisible();
    const [rebsamen] = await attendeesNamed(kiosk, 'Rebsamen');
    expect(rebsamen!.checkedIn).toHaveLength(1);
    expect(await attendeesNamed(kiosk, 'Rebsamn')).toHaveLength(0);
  });

  test('an empty first name and a missing consent are said next to their fields; nothing is created', async ({ page, kiosk }) => {
    await kiosk.open(page);
    const count = (await kiosk.services.handlers['app:info']({})).event!.attendeeCount;
    await openWalkin(page);
    await fill(page, { lastName: 'Sansprenom', consent: false });
    await submit(page);
    const firstName = page.getByLabel(/^Prénom/);
    await expect(firstName).toBeFocused();
    await expect(firstName).toHaveAttribute('aria-invalid', 'true');
    await expect(firstName).toHaveAccessibleDescription('Saisissez le prénom.');
    const consent = page.getByRole('checkbox', { name: /accepte l'utilisation de ses données/ });
    await expect(consent).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Sans le consentement de la personne, elle ne peut pas être inscrite')).toBeVisible();

    await firstName.fill('Jeanne');
    await expect(firstName).not.toHaveAttribute('aria-invalid');
    await submit(page);
    await expect(consent).toBeFocused();
    await page.getByLabel(/^E-mail/).fill('jeanne@');
    await consent.check();
    await submit(page);
    await expect(page.getByLabel(/^E-mail/)).toHaveAccessibleDescription(/« jeanne@ » n'est pas une adresse e-mail/);
    expect((await kiosk.services.handlers['app:info']({})).event!.attendeeCount).toBe(count);
    expect(await attendeesNamed(kiosk, 'Sansprenom')).toHaveLength(0);
  });

  test('a check-in the event refuses (outside its days) creates nothing', async ({ page, kiosk }) => {
    const event = (await kiosk.services.handlers['app:info']({})).event!;
    await kiosk.services.handlers['events:update']({ id: event.id, days: [{ date: '2020-01-06', label: '' }] });
    await kiosk.open(page);
    await openWalkin(page);
    await fill(page, { firstName: 'Hors', lastName: 'Calendrier' });
    await submit(page);
    await expect(page.getByRole('alert')).toContainText("L'enregistrement sur place n'a pas pu être validé à l'entrée");
    expect(await attendeesNamed(kiosk, 'Calendrier')).toHaveLength(0);
  });

  test('an emoji in the name: the badge is refused in plain words, the registration is kept', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await usePrinter(page, 'PDF');
    await openWalkin(page);
    await fill(page, { firstName: 'Léa 🎉', lastName: 'Fêtarde' });
    await submit(page);
    const done = page.getByTestId('walkin-done');
    await expect(done).toContainText('Bienvenue, Léa 🎉 Fêtarde');
    await expect(done.getByRole('alert')).toContainText("contient des caractères qu'aucune police d'Accueil ne sait dessiner", { timeout: 60_000 });
    await expect(done.getByRole('button', { name: 'Réessayer l\'impression' })).toBeVisible();
    const [person] = await attendeesNamed(kiosk, 'Fêtarde');
    expect(person!.checkedIn).toHaveLength(1);
    const ledger = await kiosk.services.handlers['print:recent']({ attendeeId: person!.id });
    expect(ledger.filter((record) => record.status === 'sent')).toHaveLength(0);
  });

  test('an unknown printer: plain words and "retry", which prints once the printer is right', async ({ page, kiosk }) => {
    test.slow(); // a real CUPS print on a shared machine: Chromium, lp, then cups-pdf writing the file
    await kiosk.open(page);
    await usePrinter(page, 'NO_SUCH_PRINTER');
    await openWalkin(page);
    await fill(page, { firstName: 'Octave', lastName: 'Sansimprimante' });
    await submit(page);
    const done = page.getByTestId('walkin-done');
    await expect(done).toContainText('Bienvenue, Octave Sansimprimante');
    await expect(done.getByRole('alert')).toContainText('NO_SUCH_PRINTER', { timeout: 60_000 });
    const retry = done.getByRole('button', { name: 'Réessayer l\'impression' });
    await expect(retry).toBeFocused();
    const [person] = await attendeesNamed(kiosk, 'Sansimprimante');
    expect(person).toBeTruthy();

    await usePrinter(page, 'PDF');
    await retry.click();
    await expect(done.getByText('Badge imprimé sur PDF')).toBeVisible({ timeout: 60_000 });
    const sent = (await kiosk.services.handlers['print:recent']({ attendeeId: person!.id })).filter((record) => record.status === 'sent');
    expect(sent).toHaveLength(1);
  });

  test('a stopped printer: its state in plain words, and "retry" prints once it runs again', async ({ page, kiosk }) => {
    test.slow(); // a real CUPS print on a shared machine: Chromium, lp, then cups-pdf writing the file
    const queue = ownQueue();
    try {
      execFileSync('cupsdisable', ['-r', 'Bourrage papier', queue.name]);
      await kiosk.open(page);
      await usePrinter(page, queue.name);
      await openWalkin(page);
      await fill(page, { firstName: 'Irène', lastName: 'Arrêtée' });
      await submit(page);
      const done = page.getByTestId('walkin-done');
      await expect(done).toContainText('Bienvenue, Irène Arrêtée');
      await expect(done.getByRole('alert')).toContainText(`L'imprimante ${queue.name} est arrêtée`, { timeout: 60_000 });
      const [person] = await attendeesNamed(kiosk, 'Arrêtée');
      expect((await kiosk.services.handlers['print:recent']({ attendeeId: person!.id })).filter((record) => record.status === 'sent')).toHaveLength(0);

      execFileSync('cupsenable', [queue.name]);
      await done.getByRole('button', { name: 'Réessayer l\'impression' }).click();
      await expect(done.getByText(`Badge imprimé sur ${queue.name}`)).toBeVisible({ timeout: 60_000 });
      const sent = (await kiosk.services.handlers['print:recent']({ attendeeId: person!.id })).filter((record) => record.status === 'sent');
      expect(sent).toHaveLength(1);
    } finally {
      queue.remove();
    }
  });

  test('accessibility (axe): the form with errors and a look-alike, then the result', async ({ browser, kiosk }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await kiosk.open(page);
    await openWalkin(page);
    expect(await seriousViolations(page)).toEqual([]);
    await fill(page, { firstName: 'Francois', lastName: 'Rebsamen', email: 'x@', consent: false });
    await expect(page.getByTestId('duplicates')).toBeVisible();
    await submit(page);
    await expect(page.getByLabel(/^E-mail/)).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('duplicates').getByRole('button', { name: 'C\'est cette personne' }).first().click();
    await expect(page.getByTestId('walkin-existing')).toContainText('Bienvenue');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  test('a half-typed registration survives a trip to another screen', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await openWalkin(page);
    await fill(page, { firstName: 'Gaspard', lastName: 'Interrompu', consent: false });
    await page.getByRole('navigation').getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Sur place' }).click();
    await expect(page.getByLabel(/^Prénom/)).toHaveValue('Gaspard');
    await expect(page.getByLabel(/^Nom/)).toHaveValue('Interrompu');
  });

  test('the form in English', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await openWalkin(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Walk-in registration' })).toBeVisible();
    await page.getByLabel(/^Last name/).fill('Nofirst');
    await page.getByRole('button', { name: 'Register and print the badge' }).click();
    await expect(page.getByLabel(/^First name/)).toHaveAccessibleDescription('Enter the first name.');
  });
});

import { test, expect } from './fixtures';

test.describe('the app shell', () => {
  test('opens in French by default on the demo event, and hides the token', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const nav = page.getByRole('navigation', { name: 'Écrans' });
    for (const name of ['Scanner', 'Rechercher', 'Sur place', 'Badges', 'Tableau de bord', 'Réglages', 'Importer']) {
      await expect(nav.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByTestId('event-name')).toContainText('Rencontres');
    const info = await kiosk.services.handlers['app:info']({});
    await expect(page.getByTestId('header-kiosk')).toHaveText(info.kioskName);
    // The token served its purpose: it is no longer in the address bar (or the history).
    expect(page.url()).not.toContain('token');
    // The search box has the focus on open: staff can type at once.
    await expect(page.getByLabel('Rechercher un·e participant·e')).toBeFocused();
  });

  test('switches to English at any time, and remembers it', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Import registrations' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    // Persisted in the core, so it survives a reload (and a restart).
    await expect.poll(async () => (await kiosk.services.handlers['app:info']({})).language).toBe('en');
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByRole('navigation', { name: 'Écrans' })).toBeVisible();
    await expect.poll(async () => (await kiosk.services.handlers['app:info']({})).language).toBe('fr');
  });

  test('the dashboard opens, in both languages', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Tableau de bord' }).click();
    await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
    await expect(page.getByTestId('dashboard-updated')).toContainText('Mis à jour à');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    await expect(page.getByTestId('dashboard-updated')).toContainText('Updated at');
  });

  test('settings show the desk and switch events', async ({ page, kiosk }) => {
    const other = await kiosk.services.handlers['events:create']({ name: 'Assemblée générale 2026' });
    await kiosk.open(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Réglages' }).click();
    const info = await kiosk.services.handlers['app:info']({});
    await expect(page.getByTestId('kiosk-name')).toHaveText(info.kioskName);
    const list = page.getByRole('list', { name: 'Événements de ce poste' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await list.getByRole('listitem').filter({ hasText: other.name }).getByRole('button', { name: 'Ouvrir cet événement' }).click();
    await expect(page.getByTestId('event-name')).toContainText(other.name);
    expect((await kiosk.services.handlers['app:info']({})).event?.id).toBe(other.id);
  });

  test('without its token the page explains what to do, and nothing runs', async ({ page, kiosk }) => {
    await page.goto(kiosk.bridge.url);
    await expect(page.getByRole('heading', { name: "Accueil n'a pas pu démarrer" })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('ouvrez Accueil avec le lien complet');
  });

  test('if the engine stops, the screen says so in words instead of freezing', async ({ page, kiosk }) => {
    await kiosk.open(page);
    await kiosk.bridge.close();
    await page.getByLabel('Rechercher un·e participant·e').fill('dijon');
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-error-code', 'bridge.unreachable');
    await expect(alert).toContainText("Le moteur d'Accueil ne répond pas");
  });
});

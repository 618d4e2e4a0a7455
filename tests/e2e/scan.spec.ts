import type { Browser, Page } from '@playwright/test';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { test, expect, type Kiosk } from './fixtures';
import { launchWithCamera, makeCameraFile, removeCameraFile } from './scan-camera';
import { seriousViolations } from './axe';
import { openScan, scannerTypes, someoneValid, tokenOf } from './scan-helpers';

const rebsamen = demoAttendeeId(demoFixtures.rebsamen);
const bertrand = demoAttendeeId(demoFixtures.cancelled);

/** A genuine token with one character changed: the signature no longer matches. */
function forge(token: string): string {
  const index = token.length - 10;
  const swapped = token[index] === 'A' ? 'B' : 'A';
  return token.slice(0, index) + swapped + token.slice(index + 1);
}

interface Seen {
  result: string;
  tone: string;
  text: string;
}

/** Keeps every result the page shows, in order: each stays only until the next code, faster than a test can poll. */
async function recordResults(page: Page): Promise<void> {
  // A string, not a function: this file compiles without the DOM library.
  await page.addInitScript(`
    window.scanResultsSeen = [];
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          const result = node.matches('[data-testid="scan-result"]') ? node : node.querySelector('[data-testid="scan-result"]');
          if (!result) continue;
          const tone = (/scan-result-(ok|warn|bad)/.exec(result.className) || [])[1] || '';
          window.scanResultsSeen.push({ result: result.dataset.result || '', tone, text: result.innerText });
        }
      }
    }).observe(document, { childList: true, subtree: true });
  `);
}

function resultsSeen(page: Page): Promise<Seen[]> {
  return page.evaluate('window.scanResultsSeen') as Promise<Seen[]>;
}

const shown = (page: Page, result: string, text?: string | RegExp) =>
  page.locator(`[data-testid="scan-result"][data-result="${result}"]`, text ? { hasText: text } : {});

test.describe('scan screen with a fake camera', () => {
  let browser: Browser | null = null;
  let file: string | null = null;
  test.afterEach(async () => {
    await browser?.close();
    browser = null;
    if (file) removeCameraFile(file);
    file = null;
  });

  test('green for a valid code, orange for the same code again, red for forged, foreign and cancelled codes, then a valid code still works', async ({ kiosk }) => {
    test.setTimeout(120_000);
    const valid = await tokenOf(kiosk, rebsamen);
    const other = await someoneValid(kiosk, 'diallo', rebsamen);
    file = await makeCameraFile([
      { text: null, seconds: 1 },
      { text: valid, seconds: 2 },
      { text: null, seconds: 0.7 },
      { text: forge(valid), seconds: 2 },
      { text: null, seconds: 0.7 },
      { text: 'https://example.org/programme', seconds: 2 },
      { text: null, seconds: 0.7 },
      { text: await tokenOf(kiosk, bertrand), seconds: 2 },
      { text: null, seconds: 0.7 },
      { text: await tokenOf(kiosk, other.id), seconds: 2 },
      { text: null, seconds: 0.7 },
    ]);
    browser = await launchWithCamera(file);
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await recordResults(page);
    await openScan(kiosk, page);
    await expect(page.locator('[data-camera="live"]')).toBeVisible();

    await expect(shown(page, 'accepted', 'François Rebsamen')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('scan-announcement')).toContainText('Rebsamen');
    // The file loops: after one pass the first code comes round again and is now a re-entry.
    await expect.poll(async () => (await resultsSeen(page)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
    const seen = (await resultsSeen(page)).slice(0, 6);
    expect(seen.map((entry) => entry.result)).toEqual(['accepted', 'invalid_signature', 'unknown', 'cancelled', 'accepted', 'already_checked_in']);
    expect(seen[0]!.text).toContain('François Rebsamen');
    expect(seen[2]!.text).toContain('Ce code QR contient une adresse web, pas un billet.');
    expect(seen[3]!.text).toContain('Olivier Bertrand');
    expect(seen[4]!.text).toContain(other.lastName);
    expect(seen[5]!.text).toContain('François Rebsamen');
    expect(seen.map((entry) => entry.tone)).toEqual(['ok', 'bad', 'bad', 'bad', 'ok', 'warn']);
    expect(await seriousViolations(page)).toEqual([]);

    // The core recorded one accepted arrival for Rebsamen at the entrance (the re-entry is not a second one).
    const [person] = await kiosk.services.handlers['attendees:search']({ text: 'Rebsamen', limit: 1 });
    expect(person?.checkedIn.filter((checkin) => checkin.checkpointId === 'entrance')).toHaveLength(1);
    await context.close();
  });

  test('two codes in the frame: one code at a time, nothing recorded', async ({ kiosk }) => {
    test.setTimeout(60_000);
    file = await makeCameraFile([{ text: [await tokenOf(kiosk, rebsamen), await tokenOf(kiosk, bertrand)], seconds: 2 }]);
    browser = await launchWithCamera(file);
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await openScan(kiosk, page);
    await expect(page.getByTestId('scan-notice')).toHaveText('Plusieurs codes sont visibles : présentez un seul code à la fois.', { timeout: 20_000 });
    await expect(page.getByTestId('scan-result')).toHaveCount(0);
    const [person] = await kiosk.services.handlers['attendees:search']({ text: 'Rebsamen', limit: 1 });
    expect(person?.checkedIn).toEqual([]);
  });

  test('camera unplugged mid-scan: message and retry button, then it comes back by itself when a camera appears', async ({ kiosk }) => {
    test.setTimeout(60_000);
    file = await makeCameraFile([{ text: null, seconds: 1 }, { text: await tokenOf(kiosk, rebsamen), seconds: 2 }]);
    browser = await launchWithCamera(file);
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await openScan(kiosk, page);
    await expect(page.locator('[data-camera="live"]')).toBeVisible();
    // What the browser does when the USB camera goes away: the track ends.
    await page.evaluate(`document.querySelector('video').srcObject.getVideoTracks()[0].dispatchEvent(new Event('ended'))`);
    const problem = page.getByTestId('camera-problem');
    await expect(problem).toContainText('La caméra a été débranchée');
    await problem.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.locator('[data-camera="live"]')).toBeVisible();

    await page.evaluate(`document.querySelector('video').srcObject.getVideoTracks()[0].dispatchEvent(new Event('ended'))`);
    await expect(problem).toBeVisible();
    // Plugged back in: the browser announces a device change and scanning resumes without a click.
    await page.evaluate(`navigator.mediaDevices.dispatchEvent(new Event('devicechange'))`);
    await expect(page.locator('[data-camera="live"]')).toBeVisible();
    await expect(shown(page, 'accepted', 'François Rebsamen')).toBeVisible({ timeout: 20_000 });
  });

  test('camera access denied: the translated message and a retry button; the wedge still works', async ({ kiosk }) => {
    browser = await launchWithCamera(null, { grant: false });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await openScan(kiosk, page);
    const problem = page.getByTestId('camera-problem');
    await expect(problem).toContainText("L'accès à la caméra est refusé");
    await expect(problem.getByRole('button', { name: 'Réessayer' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(problem).toContainText('Camera access is denied');
    await page.keyboard.type(await tokenOf(kiosk, rebsamen), { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(shown(page, 'accepted', 'François Rebsamen')).toBeVisible();
  });
});

test.describe('scan screen without a camera', () => {
  test('a keyboard-wedge scanner checks someone in without focusing anything; slow typing is not a scan', async ({ page, kiosk }) => {
    await openScan(kiosk, page);
    // At a scanner's pace (page.keyboard.type's round trip per key spreads it out on a loaded machine).
    await scannerTypes(page, await tokenOf(kiosk, rebsamen));
    const result = shown(page, 'accepted', 'François Rebsamen');
    await expect(result).toBeVisible();
    await expect(result).toContainText('Dijon');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('scan-result')).toHaveCount(0);

    // Someone typing a name in the search box at human speed is searching, not scanning.
    const search = page.getByLabel('Rechercher un participant');
    await search.click();
    await search.pressSequentially('rebsamen', { delay: 90 });
    await search.press('Enter');
    await expect(page.getByTestId('scan-result')).toHaveCount(0);
    await expect(page.locator('.scan-manual-results').getByRole('button').first()).toContainText('Rebsamen');
  });

  test('URL, 2 KB of text and an oversized code: a clear message, nothing accepted, scanning continues', async ({ page, kiosk }) => {
    test.setTimeout(90_000);
    await openScan(kiosk, page);
    await scannerTypes(page, 'https://example.org/inscription?id=42');
    await expect(shown(page, 'unknown', 'Ce code QR contient une adresse web, pas un billet.')).toBeVisible();

    const prose = 'Bienvenue aux Rencontres, merci de votre visite et bonne journée à toutes et à tous. ';
    await scannerTypes(page, prose.repeat(Math.ceil(2048 / prose.length)).slice(0, 2048));
    await expect(shown(page, 'unknown', 'Ce code QR contient du texte, pas un billet.')).toBeVisible();

    await scannerTypes(page, 'Z'.repeat(4200));
    await expect(page.getByTestId('scan-notice')).toContainText('trop long');

    await scannerTypes(page, await tokenOf(kiosk, rebsamen));
    await expect(shown(page, 'accepted', 'François Rebsamen')).toBeVisible();
  });

  test('manual check-in by search, then undo with a reason', async ({ page, kiosk }) => {
    await openScan(kiosk, page);
    await expect(page.getByTestId('scan-checkpoint')).toHaveValue('entrance');
    await page.getByLabel('Rechercher un participant').fill('rebsamen');
    await page.locator('.scan-manual-results').getByRole('button').first().click();
    await expect(page.getByText('Enregistrer l\'arrivée de M. François Rebsamen à Entrée principale ?')).toBeVisible();
    await page.getByRole('button', { name: "Enregistrer l'arrivée" }).click();
    await expect(shown(page, 'accepted', 'François Rebsamen')).toBeVisible();
    await page.getByTestId('scan-result').getByRole('button', { name: 'Scanner le suivant' }).click();

    const undo = page.getByTestId('scan-undo');
    await undo.getByRole('button', { name: 'Annuler cette arrivée' }).click();
    await undo.getByRole('button', { name: "Annuler l'arrivée" }).click();
    await expect(undo.getByRole('alert')).toHaveText('Indiquez un motif.');
    await undo.getByLabel("Motif de l'annulation").fill('mauvaise personne');
    await undo.getByRole('button', { name: "Annuler l'arrivée" }).click();
    await expect(page.getByTestId('scan-notice')).toHaveText('Arrivée de M. François Rebsamen annulée.');
    const [person] = await kiosk.services.handlers['attendees:search']({ text: 'Rebsamen', limit: 1 });
    expect(person?.checkedIn).toEqual([]);
  });

  test('a session checkpoint warns for someone not registered, and staff can admit anyway', async ({ page, kiosk }) => {
    await openScan(kiosk, page);
    const session = (await kiosk.services.handlers['app:info']({})).event!.checkpoints.find((checkpoint) => checkpoint.kind === 'session')!;
    await page.getByTestId('scan-checkpoint').selectOption(session.id);
    await expect(page.getByTestId('scan-checkpoint')).toHaveValue(session.id);
    // A valid attendee who is not registered for this session.
    let outsider: string | null = null;
    for (const person of await kiosk.services.handlers['attendees:search']({ text: 'ville', limit: 100 })) {
      if (person.status !== 'valid') continue;
      const record = await kiosk.services.handlers['attendees:get']({ id: person.id });
      if (!record.sessions.includes(session.id)) {
        outsider = person.id;
        break;
      }
    }
    expect(outsider).not.toBeNull();
    await scannerTypes(page, await tokenOf(kiosk, outsider!));
    const warning = shown(page, 'not_registered_for_session');
    await expect(warning).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await warning.getByRole('button', { name: 'Admettre quand même' }).click();
    await expect(shown(page, 'accepted')).toBeVisible();
    await expect(page.getByTestId('scan-result')).toContainText('Entrée acceptée');
  });
});

test('sound can be muted, the checkpoint is remembered, and the screen speaks English', async ({ page, kiosk }) => {
  await openScan(kiosk, page);
  await page.getByRole('button', { name: /Couper le son/ }).click();
  await expect(page.getByRole('button', { name: /Rétablir le son/ })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await kiosk.services.handlers['kiosk:get']({})).muted).toBe(true);

  const session = (await kiosk.services.handlers['app:info']({})).event!.checkpoints.find((checkpoint) => checkpoint.kind === 'session')!;
  await page.getByTestId('scan-checkpoint').selectOption(session.id);
  await expect.poll(async () => (await kiosk.services.handlers['kiosk:get']({})).checkpointId).toBe(session.id);
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Scanner' }).click();
  await expect(page.getByTestId('scan-checkpoint')).toHaveValue(session.id);
  await page.getByTestId('scan-checkpoint').selectOption('entrance');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Scan QR codes' })).toBeVisible();
  await scannerTypes(page, (await kiosk.services.handlers['qr:attendee']({ id: rebsamen })).text);
  const result = shown(page, 'accepted', 'Welcome, M. François Rebsamen');
  await expect(result).toBeVisible();
  await expect(result).toContainText('Admitted');
  await expect(page.getByTestId('scan-announcement')).toHaveText('Admitted. Welcome, M. François Rebsamen');
  // A green result goes away by itself after 3 s: tap it first, check accessibility after.
  await result.click();
  await expect(page.getByTestId('scan-result')).toHaveCount(0);
  await expect(page.getByTestId('scan-undo')).toContainText('M. François Rebsamen checked in.');
  expect(await seriousViolations(page)).toEqual([]);
});

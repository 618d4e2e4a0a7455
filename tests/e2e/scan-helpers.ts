import type { Page } from '@playwright/test';
import { expect, type Kiosk } from './fixtures';

/** The attendee's signed QR token, as printed on the badge. */
export async function tokenOf(kiosk: Kiosk, id: string): Promise<string> {
  return (await kiosk.services.handlers['qr:attendee']({ id })).text;
}

export async function openScan(kiosk: Kiosk, page: Page): Promise<void> {
  await kiosk.open(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Scanner' }).click();
  await expect(page.getByRole('heading', { name: 'Scanner les codes QR' })).toBeVisible();
}

/**
 * Sends a code the way a fast scanner does: the key events back to back, then Enter, dispatched
 * inside the page. page.keyboard.type pays a browser round trip per key, which on a loaded
 * machine spreads a 2 KB code over many seconds with pauses no scanner makes.
 *
 * Every event is built before the first is dispatched: a synthetic event's timeStamp is taken
 * when it is constructed, and the wedge detector reads the rhythm from it. Built between
 * dispatches, the stamps would also count the app's handlers and any moment the renderer was
 * descheduled on a loaded CI machine (once, a pause before Enter longer than a scanner ever
 * makes, and the scan was taken for typing).
 */
export async function scannerTypes(page: Page, code: string): Promise<void> {
  await page.evaluate(`((code) => {
    const target = document.activeElement || document.body;
    const events = [...code, 'Enter'].map((key) => new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    for (const event of events) target.dispatchEvent(event);
  })(${JSON.stringify(code)})`);
}

/** A valid demo attendee other than `besides`, found through search (not a named fixture). */
export async function someoneValid(kiosk: Kiosk, text: string, besides: string): Promise<{ id: string; lastName: string }> {
  const [person] = (await kiosk.services.handlers['attendees:search']({ text, limit: 20 })).filter(
    (candidate) => candidate.status === 'valid' && candidate.id !== besides,
  );
  if (!person) throw new Error(`no valid attendee for ${text}`);
  return person;
}

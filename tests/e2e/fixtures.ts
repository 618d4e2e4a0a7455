/**
 * Each test gets its own kiosk: the real core on a fresh SQLite file in a temp folder and the
 * loopback bridge in the test process, serving the built renderer. Pages come from the
 * standard fixtures (browser.newContext() then context.newPage()), which axe needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBridge, type Bridge } from '../../main/bridge/server';
import { openDataFolder } from '../../main/core/db/open';
import { createServices, type Services } from '../../main/core/services';
import { rendererIndex } from './global-setup';

export interface Kiosk {
  services: Services;
  bridge: Bridge;
  dataDir: string;
  /** Opens the app in the page, as the start script's link does, and waits for the shell. */
  open(page: Page): Promise<void>;
}

interface KioskOptions {
  /** Load the demo event (Rencontres AICT 2023, ~520 attendees) before the page opens. */
  demo: boolean;
}

export const test = base.extend<KioskOptions & { kiosk: Kiosk }>({
  demo: [true, { option: true }],
  kiosk: async ({ demo }, use) => {
    if (!fs.existsSync(rendererIndex)) throw new Error(`${rendererIndex} is missing: run "npm run build" before the browser tests.`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-'));
    const db = openDataFolder(dataDir);
    const services = createServices({ db, version: 'e2e' });
    if (demo) {
      const loaded = await services.handlers['demo:load']({});
      expect(loaded.attendeeCount).toBeGreaterThan(500);
    }
    const bridge = await startBridge({ services, staticDir: path.dirname(rendererIndex) });
    const open = async (page: Page) => {
      await page.goto(bridge.appUrl);
      await expect(page.getByRole('navigation')).toBeVisible();
    };
    await use({ services, bridge, dataDir, open });
    await bridge.close();
    // A print or batch page still in flight writes its outcome before the database closes.
    await services.shutdown();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

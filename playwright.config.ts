import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './main/core/badges/chromium';

/**
 * Browser tests: the built renderer in Debian's Chromium, talking to the real core through
 * the loopback bridge (each test starts its own core on a temp data folder, see
 * tests/e2e/fixtures.ts). Never `npx playwright install`: the system Chromium is the browser.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // Generous harness limits (not performance assertions): CI machines are shared and an axe
  // pass or a fake-camera launch can take seconds when the other core is busy.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // On CI one retry, so that a machine starved for a moment does not sink a whole run; a test
  // that passes only on its retry is still reported (as flaky, by name) by scripts/test.mjs.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
});

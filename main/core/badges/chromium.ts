import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { DomainError } from '../errors';

/** The Chromium that prints badges: CHROMIUM_PATH, else the system's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; a missing or broken executable is a clear error naming CHROMIUM_PATH. */
export async function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    throw new DomainError('badge.chromium_missing', `Chromium not found at ${executablePath}: install it or set CHROMIUM_PATH.`, {
      path: executablePath,
      reason: 'not found',
    });
  }
  try {
    return await chromium.launch({ executablePath, args: chromiumArgs });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new DomainError('badge.chromium_missing', `Chromium at ${executablePath} could not start (${reason}): set CHROMIUM_PATH.`, {
      path: executablePath,
      reason,
    });
  }
}

/**
 * `npm run bench:scan-latency`: scan-to-answer latency in Chromium with the fake camera. The
 * built renderer runs against the real core (loopback bridge, demo event); the camera plays a
 * Y4M of attendees' QR codes one after another. The scan screen records a performance
 * measure 'scan:latency' from the moment it grabbed the frame that held the code to the first
 * animation frame after the result rendered (decode + checkin:scan round trip + React render).
 * Each decoder is measured in its own browser (the decoder is chosen through localStorage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge } from '../../main/bridge/server';
import { openDataFolder } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';
import { decoderNames } from '../../renderer/scan/decoder';
import globalSetup, { rendererIndex } from '../e2e/global-setup';
import { launchWithCamera, makeCameraFile, removeCameraFile, type Segment } from '../e2e/scan-camera';
import { machine, percentile, report } from './stats';

const codes = 16;
const passes = 2;
const codeSeconds = 1.2;
const gapSeconds = 0.4;

async function main(): Promise<void> {
  globalSetup();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-latency-'));
  const db = openDataFolder(dataDir);
  const services = createServices({ db, version: 'bench' });
  await services.handlers['demo:load']({});
  const bridge = await startBridge({ services, staticDir: path.dirname(rendererIndex) });
  const people = (await services.handlers['attendees:search']({ text: 'ville', limit: 100 })).filter((person) => person.status === 'valid').slice(0, codes);
  const segments: Segment[] = [{ text: null, seconds: 1 }];
  for (const person of people) {
    segments.push({ text: (await services.handlers['qr:attendee']({ id: person.id })).text, seconds: codeSeconds }, { text: null, seconds: gapSeconds });
  }
  const file = await makeCameraFile(segments, 'latency');
  const loopSeconds = segments.reduce((sum, segment) => sum + segment.seconds, 0);
  console.log(`${machine()}\n${people.length} codes, ${passes} passes of ${loopSeconds.toFixed(1)} s of 640x480 fake camera`);
  try {
    for (const decoder of decoderNames) {
      const browser = await launchWithCamera(file);
      try {
        const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })).newPage();
        await page.addInitScript(`localStorage.setItem('accueil.scanDecoder', ${JSON.stringify(decoder)})`);
        await page.goto(bridge.appUrl);
        await page.getByRole('navigation').getByRole('button', { name: 'Scanner' }).click();
        await page.locator('[data-camera="live"]').waitFor();
        await page.waitForTimeout(loopSeconds * passes * 1000);
        const samples = (await page.evaluate(`performance.getEntriesByName('scan:latency').map((entry) => entry.duration)`)) as number[];
        report(`Scan to answer, ${decoder} (${samples.length} answers)`, [
          { name: 'median', value: percentile(samples, 50), unit: 'ms' },
          { name: 'p95', value: percentile(samples, 95), unit: 'ms', target: '< 150 ms' },
          { name: 'max', value: Math.max(...samples), unit: 'ms' },
        ]);
      } finally {
        await browser.close();
      }
    }
  } finally {
    removeCameraFile(file);
    await bridge.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

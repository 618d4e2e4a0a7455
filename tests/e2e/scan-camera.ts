/**
 * A fake webcam for the scan tests: Chromium plays a Y4M file as the camera
 * (--use-file-for-fake-video-capture). The file is made during the test run from QR codes the
 * app itself generates (qr:attendee), each shown for a while on a 640x480 white frame; it is
 * ~20-50 MB, so it lives in a temp folder and is never committed. The flag is per launch: one
 * browser per camera file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import config from '../../playwright.config';

/** One stretch of the fake video: a QR code with this text (two codes side by side for two texts), or an empty white frame. */
export interface Segment {
  text: string | [string, string] | null;
  seconds: number;
}

export const cameraFps = 10;

/** Writes the Y4M for these segments (played in a loop by Chromium) and returns its absolute path. */
export async function makeCameraFile(segments: Segment[], name = 'camera'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-camera-'));
  const inputs: string[] = [];
  const chains: string[] = [];
  for (const [index, segment] of segments.entries()) {
    const png = path.join(dir, `segment-${index}.png`);
    if (segment.text === null) {
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=640x480', '-frames:v', '1', png]);
    } else if (typeof segment.text === 'string') {
      await QRCode.toFile(png, segment.text, { errorCorrectionLevel: 'M', margin: 4, width: 340 });
    } else {
      // Two codes, both inside the decoded square (80% of 480 px): 190 px each, side by side.
      const [left, right] = [path.join(dir, `segment-${index}-a.png`), path.join(dir, `segment-${index}-b.png`)];
      await QRCode.toFile(left, segment.text[0], { errorCorrectionLevel: 'M', margin: 2, width: 190 });
      await QRCode.toFile(right, segment.text[1], { errorCorrectionLevel: 'M', margin: 2, width: 190 });
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', left, '-i', right, '-filter_complex', 'hstack=inputs=2', png]);
    }
    inputs.push('-loop', '1', '-framerate', String(cameraFps), '-t', String(segment.seconds), '-i', png);
    chains.push(`[${index}]pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,setsar=1,format=yuv420p[v${index}]`);
  }
  const file = path.join(dir, `${name}.y4m`);
  const graph = `${chains.join(';')};${segments.map((_, i) => `[v${i}]`).join('')}concat=n=${segments.length}:v=1:a=0[out]`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', graph, '-map', '[out]', '-r', String(cameraFps), '-pix_fmt', 'yuv420p', file]);
  return file;
}

export function removeCameraFile(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

const baseArgs = config.use?.launchOptions?.args ?? [];
const executablePath = config.use?.launchOptions?.executablePath ?? '/usr/bin/chromium';

/** Chromium with the file as its webcam; `grant: false` leaves the permission prompt to deny access. */
export function launchWithCamera(file: string | null, options: { grant?: boolean } = {}): Promise<Browser> {
  const args = [...baseArgs, '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
  if (options.grant !== false) args.push('--use-fake-ui-for-media-stream');
  if (file) args.push(`--use-file-for-fake-video-capture=${file}`);
  return chromium.launch({ executablePath, headless: true, args });
}

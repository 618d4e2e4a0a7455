/**
 * Makes a folder of "photographed" QR codes in the layout of zxing's blackbox test folders
 * (NAME.png or NAME.jpg with the expected text in NAME.txt): app-like signed tokens drawn by
 * `qrcode`, then rotated, tilted, blurred, noisy, dim, small and JPEG-compressed by ffmpeg,
 * on a camera-sized 640x480 background. zxing's own blackbox images are not available
 * offline; these stand in for a phone or a paper badge held up to a webcam.
 *
 *   npx tsx tests/bench/scan-fixtures.ts OUT_DIR
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';

interface Variant {
  name: string;
  /** Side of the code (quiet zone included) in the 640x480 frame. */
  size: number;
  angle?: number;
  /** Extra ffmpeg filters applied to the whole frame. */
  filters?: string[];
  jpegQuality?: number; // ffmpeg -q:v, 2 (best) .. 31 (worst)
}

const tilt = 'perspective=x0=70:y0=20:x1=590:y1=-30:x2=20:y2=500:x3=640:y3=430:interpolation=linear';

export const variants: Variant[] = [
  { name: 'clean', size: 260 },
  { name: 'rotated-15', size: 260, angle: 15 },
  { name: 'rotated-45', size: 240, angle: 45 },
  { name: 'rotated-180', size: 240, angle: 180 },
  { name: 'tilted', size: 260, filters: [tilt] },
  { name: 'blurred', size: 280, filters: ['gblur=sigma=1.6'] },
  { name: 'noisy', size: 260, filters: ['noise=alls=28:allf=t'] },
  { name: 'low-contrast', size: 260, filters: ['eq=contrast=0.35:brightness=0.12'] },
  { name: 'dim-vignette', size: 260, filters: ['eq=brightness=-0.18:gamma=0.8', 'vignette=angle=PI/3'] },
  { name: 'small', size: 150 },
  { name: 'jpeg', size: 240, jpegQuality: 24 },
  { name: 'phone-photo', size: 230, angle: 8, filters: [tilt, 'gblur=sigma=0.9', 'noise=alls=14:allf=t', 'eq=contrast=0.7:brightness=0.05'], jpegQuality: 12 },
];

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Token-shaped text: the app's tokens are base32 in QR alphanumeric mode, ~110 characters. */
export function sampleToken(seed: number): string {
  const bytes = crypto.createHash('sha512').update(`accueil-bench-${seed}`).digest();
  const more = crypto.createHash('sha512').update(`more-${seed}`).digest();
  const all = Buffer.concat([bytes, more]);
  let out = 'AC1';
  for (let i = 0; i < 108; i++) out += alphabet[all[i]! % 32];
  return out;
}

function render(qrPng: string, variant: Variant, out: string): void {
  const chain = [`[0]scale=${variant.size}:${variant.size}:flags=bicubic,format=rgba`];
  if (variant.angle) {
    const a = `${variant.angle}*PI/180`;
    chain.push(`rotate=${a}:c=none:ow=rotw(${a}):oh=roth(${a})`);
  }
  const graph = [
    // A greyish desk/hand background rather than pure white: what a webcam sees around the code.
    `color=c=0x8f887c:s=640x480[bg]`,
    `${chain.join(',')}[q]`,
    `[bg][q]overlay=(W-w)/2:(H-h)/2:format=auto${variant.filters?.length ? `,${variant.filters.join(',')}` : ''},format=rgb24`,
  ].join(';');
  const args = ['-v', 'error', '-y', '-i', qrPng, '-filter_complex', graph, '-frames:v', '1'];
  if (variant.jpegQuality) args.push('-q:v', String(variant.jpegQuality));
  execFileSync('ffmpeg', [...args, out]);
}

/** Writes tokens × variants images into `dir` and returns how many. */
export async function generateScanFixtures(dir: string, tokens = 4): Promise<number> {
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-qr-'));
  let count = 0;
  try {
    for (let t = 0; t < tokens; t++) {
      const text = sampleToken(t);
      const qrPng = path.join(work, `qr-${t}.png`);
      await QRCode.toFile(qrPng, text, { errorCorrectionLevel: 'M', margin: 4, width: 400 });
      for (const variant of variants) {
        const name = `token${t}-${variant.name}`;
        render(qrPng, variant, path.join(dir, `${name}.${variant.jpegQuality ? 'jpg' : 'png'}`));
        fs.writeFileSync(path.join(dir, `${name}.txt`), text);
        count++;
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx tests/bench/scan-fixtures.ts OUT_DIR');
    process.exit(2);
  }
  const count = await generateScanFixtures(path.resolve(dir));
  console.log(`${count} images written to ${path.resolve(dir)}`);
}

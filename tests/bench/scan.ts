/**
 * `npm run bench:scan -- [DIR]`: decodes every image in DIR (PNG/JPEG, expected text in
 * NAME.txt beside it, zxing's blackbox layout) through the app's decoding pipeline
 * (renderer/scan/pipeline.ts) with each decoder, and prints the decode rate and the median and
 * p95 time per image. Without DIR it generates the "photographed" fixtures first
 * (scan-fixtures.ts) in a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decoderNames } from '../../renderer/scan/decoder';
import { createDedupe } from '../../renderer/scan/dedupe';
import type { RgbaImage } from '../../renderer/scan/image';
import { createPipeline } from '../../renderer/scan/pipeline';
import { createNodeDecoders } from './scan-decoders';
import { generateScanFixtures } from './scan-fixtures';
import { machine, percentile, report } from './stats';

export function readImage(file: string): RgbaImage {
  const bytes = fs.readFileSync(file);
  if (/\.png$/i.test(file)) {
    const png = PNG.sync.read(bytes);
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height };
}

interface Sample {
  name: string;
  image: RgbaImage;
  expected: string;
}

function loadSamples(dir: string): Sample[] {
  const samples: Sample[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!/\.(png|jpe?g)$/i.test(file)) continue;
    const base = file.replace(/\.[^.]+$/, '');
    const textFile = path.join(dir, `${base}.txt`);
    if (!fs.existsSync(textFile)) continue;
    samples.push({ name: file, image: readImage(path.join(dir, file)), expected: fs.readFileSync(textFile, 'utf8').replace(/\r?\n$/, '') });
  }
  return samples;
}

const repeats = 5;

async function main(): Promise<void> {
  let dir = process.argv[2];
  let generated: string | null = null;
  if (!dir) {
    generated = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-scan-bench-'));
    console.log('No folder given: generating photographed QR fixtures…');
    await generateScanFixtures(generated);
    dir = generated;
  }
  try {
    const samples = loadSamples(path.resolve(dir));
    if (samples.length === 0) throw new Error(`No image with a .txt beside it in ${dir}`);
    console.log(`${machine()}\n${samples.length} images from ${dir}`);
    const decoders = createNodeDecoders();
    for (const name of decoderNames) {
      // Every image is a new arrival: a fresh dedupe each time, as if the code had never been seen.
      const warm = createPipeline(decoders[name], createDedupe());
      await warm.process(samples[0]!.image); // module instantiation is not a per-frame cost
      const times: number[] = [];
      const missed: string[] = [];
      for (const sample of samples) {
        // Each image several times, its time the median: one pause of a busy machine is not the decoder's.
        const runs: number[] = [];
        let outcome: Awaited<ReturnType<ReturnType<typeof createPipeline>['process']>> = { kind: 'nothing' };
        for (let run = 0; run < repeats; run++) {
          const pipeline = createPipeline(decoders[name], createDedupe());
          const start = performance.now();
          outcome = await pipeline.process(sample.image);
          runs.push(performance.now() - start);
        }
        times.push(percentile(runs, 50));
        if (outcome.kind !== 'code' || outcome.text !== sample.expected) missed.push(`${sample.name} (${outcome.kind})`);
      }
      report(`Decoder ${name}`, [
        { name: 'decoded', value: (100 * (samples.length - missed.length)) / samples.length, unit: '%', target: '≥ 95%' },
        { name: 'median per image', value: percentile(times, 50), unit: 'ms', target: '< 5 ms' },
        { name: 'p95 per image', value: percentile(times, 95), unit: 'ms' },
      ]);
      if (missed.length) console.log(`missed: ${missed.join(', ')}`);
    }
  } finally {
    if (generated) fs.rmSync(generated, { recursive: true, force: true });
  }
}

await main();

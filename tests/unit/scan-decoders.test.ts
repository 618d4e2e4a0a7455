import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { createPipeline } from '../../renderer/scan/pipeline';
import { createDedupe } from '../../renderer/scan/dedupe';
import type { RgbaImage } from '../../renderer/scan/image';
import { createNodeDecoders } from '../bench/scan-decoders';

async function qrImage(texts: string[], size = 240): Promise<RgbaImage> {
  const width = size * texts.length + 40 * (texts.length + 1);
  const height = size + 80;
  const canvas = new PNG({ width, height });
  canvas.data.fill(255);
  for (const [i, text] of texts.entries()) {
    const png = PNG.sync.read(await QRCode.toBuffer(text, { width: size, margin: 4, errorCorrectionLevel: 'M' }));
    PNG.bitblt(png, canvas, 0, 0, png.width, png.height, 40 + i * (size + 40), 40);
  }
  return { data: new Uint8ClampedArray(canvas.data), width, height };
}

describe.each(['zxing-wasm', 'zxing-js'] as const)('decoder %s', (name) => {
  const decoder = createNodeDecoders()[name];

  it('reads an app-like token', async () => {
    const text = 'AC1' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(3);
    const codes = await decoder.decode(await qrImage([text]));
    expect(codes.map((code) => code.text)).toEqual([text]);
  });

  it('finds nothing in a blank frame without throwing', async () => {
    const blank: RgbaImage = { data: new Uint8ClampedArray(320 * 240 * 4).fill(200), width: 320, height: 240 };
    expect(await decoder.decode(blank)).toEqual([]);
  });

  it('a URL code goes through the pipeline like any code (the screen explains it)', async () => {
    const outcome = await createPipeline(decoder, createDedupe()).process(await qrImage(['https://example.org/']));
    expect(outcome).toEqual({ kind: 'code', text: 'https://example.org/' });
  });
});

describe('two codes in one frame', () => {
  it('zxing-wasm sees both and the pipeline processes neither', async () => {
    const decoder = createNodeDecoders()['zxing-wasm'];
    const image = await qrImage(['FIRSTCODE1', 'SECONDCODE2']);
    expect((await decoder.decode(image)).length).toBe(2);
    expect(await createPipeline(decoder, createDedupe()).process(image)).toEqual({ kind: 'several', count: 2 });
  });
});

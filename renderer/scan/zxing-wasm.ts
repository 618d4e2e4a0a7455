import { readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { Decoder, DecodedCode } from './decoder';
import type { RgbaImage } from './image';

const options: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  // Two codes in a frame must be seen as two, so the screen can say "one code at a time".
  maxNumberOfSymbols: 4,
};

/**
 * zxing-cpp compiled to WebAssembly. `prepare` tells the module where its .wasm is (a URL in
 * the browser, the bytes in Node): without it the library fetches a CDN, which a kiosk
 * offline and its CSP both forbid. It runs once, before the first decode.
 */
export function createZxingWasmDecoder(prepare: () => void | Promise<unknown>): Decoder {
  let ready: Promise<unknown> | null = null;
  return {
    name: 'zxing-wasm',
    async decode(image: RgbaImage): Promise<DecodedCode[]> {
      ready ??= Promise.resolve(prepare());
      await ready;
      // readBarcodes duck-types {data, width, height}; the DOM's ImageData type asks for more.
      const results = await readBarcodes(image as Parameters<typeof readBarcodes>[0], options);
      return results
        .filter((result) => result.isValid)
        .map((result) => {
          const { topLeft, topRight, bottomLeft, bottomRight } = result.position;
          return {
            text: result.text,
            center: {
              x: (topLeft.x + topRight.x + bottomLeft.x + bottomRight.x) / 4,
              y: (topLeft.y + topRight.y + bottomLeft.y + bottomRight.y) / 4,
            },
          };
        });
    },
  };
}

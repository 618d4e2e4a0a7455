import { prepareZXingModule } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { Decoder, DecoderName } from '../decoder';
import { createZxingWasmDecoder } from '../zxing-wasm';

/**
 * zxing-wasm is the default: on photographed codes it decodes 100% where @zxing/library
 * decodes 85%, and faster (npm run bench:scan). The .wasm ships with the renderer build;
 * without `locateFile` the library would fetch it from a CDN.
 */
export const defaultDecoder: DecoderName = 'zxing-wasm';

/** @zxing/library, loaded on first use: most kiosks never need it, and it is a large bundle. */
function createLazyZxingJsDecoder(): Decoder {
  let loaded: Promise<Decoder> | null = null;
  return {
    name: 'zxing-js',
    async decode(image) {
      loaded ??= import('../zxing-js').then((module) => module.createZxingJsDecoder());
      return (await loaded).decode(image);
    },
  };
}

export function createBrowserDecoder(name: DecoderName): Decoder {
  if (name === 'zxing-js') return createLazyZxingJsDecoder();
  return createZxingWasmDecoder(() =>
    prepareZXingModule({
      overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file) },
      fireImmediately: true,
    }),
  );
}

/**
 * The wasm decoder, or @zxing/library when WebAssembly cannot start (a CSP without
 * 'wasm-unsafe-eval', a file:// load that cannot fetch the .wasm): the kiosk scans either way.
 */
export function createFallbackDecoder(preferred: DecoderName = defaultDecoder): Decoder {
  const first = createBrowserDecoder(preferred);
  if (preferred === 'zxing-js') return first;
  let active: Decoder = first;
  let settled = false;
  return {
    get name() {
      return active.name;
    },
    async decode(image) {
      if (settled) return active.decode(image);
      try {
        const codes = await active.decode(image);
        settled = true;
        return codes;
      } catch (error) {
        console.warn('zxing-wasm could not start; scanning with @zxing/library instead.', error);
        active = createLazyZxingJsDecoder();
        settled = true;
        return active.decode(image);
      }
    },
  };
}

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule } from 'zxing-wasm/reader';
import type { Decoder, DecoderName } from '../../renderer/scan/decoder';
import { createZxingJsDecoder } from '../../renderer/scan/zxing-js';
import { createZxingWasmDecoder } from '../../renderer/scan/zxing-wasm';

/** The WebAssembly decoder for Node (benchmarks, unit tests): the module reads its bytes from node_modules. */
export function createNodeZxingWasmDecoder(): Decoder {
  return createZxingWasmDecoder(() => {
    const wasmBinary = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    return prepareZXingModule({ overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) }, fireImmediately: true });
  });
}

/** Both decoders of the app's pipeline, as Node builds them. */
export function createNodeDecoders(): Record<DecoderName, Decoder> {
  return { 'zxing-wasm': createNodeZxingWasmDecoder(), 'zxing-js': createZxingJsDecoder() };
}

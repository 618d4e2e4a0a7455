import type { RgbaImage } from './image';

/** One code found in a frame; `center` is in the frame's pixels when the decoder knows it. */
export interface DecodedCode {
  text: string;
  center: { x: number; y: number } | null;
}

export const decoderNames = ['zxing-wasm', 'zxing-js'] as const;
export type DecoderName = (typeof decoderNames)[number];

/**
 * Reads every QR code in a picture. Finding nothing is an empty array, not an error; a
 * throw means the decoder itself failed (the scan loop survives it).
 */
export interface Decoder {
  readonly name: DecoderName;
  decode(image: RgbaImage): Promise<DecodedCode[]>;
}

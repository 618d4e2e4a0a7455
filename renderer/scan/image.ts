/**
 * The picture a decoder reads: RGBA pixels, the shape of a canvas ImageData without the DOM,
 * so the Node benchmark feeds the decoders exactly what the camera loop feeds them.
 */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Green-weighted luminance (the weights zxing-cpp uses), one byte per pixel. */
export function toLuminance(image: RgbaImage): Uint8ClampedArray {
  const { data, width, height } = image;
  const size = width * height;
  const out = new Uint8ClampedArray(size);
  for (let i = 0, p = 0; i < size; i++, p += 4) {
    out[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  }
  return out;
}

import * as zxingModule from '@zxing/library';
import type { Decoder, DecodedCode } from './decoder';
import { toLuminance, type RgbaImage } from './image';

// Bundlers load the library's ES build; Node's ESM loader gets its CommonJS build, whose
// exports it cannot list, so they all sit behind `default` there.
const zxing = (Reflect.get(zxingModule, 'default') as typeof zxingModule | undefined) ?? zxingModule;
const { BinaryBitmap, ChecksumException, DecodeHintType, FormatException, HybridBinarizer, NotFoundException, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * @zxing/library's QR reader used directly (the all-formats reader would try a dozen 1D
 * symbologies on every frame first). It finds one code per picture.
 */
export function createZxingJsDecoder(): Decoder {
  const reader = new QRCodeReader();
  const hints = new Map<zxingModule.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  return {
    name: 'zxing-js',
    async decode(image: RgbaImage): Promise<DecodedCode[]> {
      const source = new RGBLuminanceSource(toLuminance(image), image.width, image.height);
      const bitmap = new BinaryBitmap(new HybridBinarizer(source));
      try {
        const result = reader.decode(bitmap, hints);
        const points = result.getResultPoints();
        const center =
          points.length > 0
            ? {
                x: points.reduce((sum, point) => sum + point.getX(), 0) / points.length,
                y: points.reduce((sum, point) => sum + point.getY(), 0) / points.length,
              }
            : null;
        return [{ text: result.getText(), center }];
      } catch (error) {
        // zxing signals "no readable code here" by throwing; those are ordinary frames.
        if (error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException) return [];
        throw error;
      } finally {
        reader.reset();
      }
    },
  };
}

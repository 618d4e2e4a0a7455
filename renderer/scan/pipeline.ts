import type { Decoder, DecodedCode } from './decoder';
import type { Dedupe } from './dedupe';
import type { RgbaImage } from './image';

/** What one frame amounts to. */
export type FrameOutcome =
  | { kind: 'nothing' }
  /** A new code to handle (sent to the core by the caller). */
  | { kind: 'code'; text: string }
  /** A code seen again before it was out of view for the dedupe window (held up, or back too soon): ignored. */
  | { kind: 'repeat'; text: string }
  /** Several different codes at once: none is processed, the screen asks for one at a time. */
  | { kind: 'several'; count: number }
  /** The decoder failed on this frame; the next frame is tried as usual. */
  | { kind: 'failed'; error: unknown };

/**
 * Several codes in one frame: process none. Taking the one nearest the centre would be a guess
 * at the door (a couple holding two phones, a sheet of badges) and could admit the wrong
 * person silently; asking for one code at a time costs a second. The same text twice (the
 * same badge printed twice on a sheet) is one code.
 */
export function chooseCode(codes: readonly DecodedCode[]): FrameOutcome {
  const texts = [...new Set(codes.map((code) => code.text))];
  if (texts.length === 0) return { kind: 'nothing' };
  if (texts.length > 1) return { kind: 'several', count: texts.length };
  return { kind: 'code', text: texts[0]! };
}

/**
 * The decoding pipeline, the same in the browser and in the Node benchmark: decode, choose,
 * dedupe. It never throws: a decoder exception becomes a 'failed' outcome, so the frame loop
 * that calls it keeps running whatever a frame contains.
 */
export function createPipeline(decoder: Decoder, dedupe: Dedupe) {
  return {
    decoder,
    async process(image: RgbaImage): Promise<FrameOutcome> {
      let codes: DecodedCode[];
      try {
        codes = await decoder.decode(image);
      } catch (error) {
        return { kind: 'failed', error };
      }
      const outcome = chooseCode(codes);
      if (outcome.kind === 'code' && !dedupe.accept(outcome.text)) return { kind: 'repeat', text: outcome.text };
      return outcome;
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;

import { describe, expect, it } from 'vitest';
import { describeForeignCode, shouldSendToCore } from '../../renderer/scan/classify';
import type { Decoder, DecodedCode } from '../../renderer/scan/decoder';
import { createDedupe } from '../../renderer/scan/dedupe';
import type { RgbaImage } from '../../renderer/scan/image';
import { chooseCode, createPipeline } from '../../renderer/scan/pipeline';

const frame: RgbaImage = { data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 };

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function scripted(answers: Array<DecodedCode[] | Error>): Decoder {
  let i = 0;
  return {
    name: 'zxing-js',
    async decode() {
      const answer = answers[Math.min(i++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const code = (text: string, x = 0, y = 0): DecodedCode => ({ text, center: { x, y } });

describe('chooseCode', () => {
  it('returns nothing for an empty frame and the code for one code', () => {
    expect(chooseCode([])).toEqual({ kind: 'nothing' });
    expect(chooseCode([code('X')])).toEqual({ kind: 'code', text: 'X' });
  });

  it('processes none of two different codes, even when one is nearer the centre', () => {
    expect(chooseCode([code('A', 320, 240), code('B', 10, 10)])).toEqual({ kind: 'several', count: 2 });
  });

  it('counts the same text twice as one code', () => {
    expect(chooseCode([code('A', 100, 100), code('A', 400, 100)])).toEqual({ kind: 'code', text: 'A' });
  });
});

describe('pipeline', () => {
  it('keeps going after a decoder exception: the next frame still decodes', async () => {
    const time = clock();
    const pipeline = createPipeline(scripted([new Error('wasm out of memory'), [code('GOOD')]]), createDedupe({ now: time.now }));
    const first = await pipeline.process(frame);
    expect(first.kind).toBe('failed');
    expect(await pipeline.process(frame)).toEqual({ kind: 'code', text: 'GOOD' });
  });

  it('survives a long run of throwing frames and non-Error throws', async () => {
    const answers: Array<DecodedCode[] | Error> = Array.from({ length: 50 }, () => new Error('bad frame'));
    const decoder = scripted([...answers, [code('AFTER')]]);
    const weird: Decoder = { name: 'zxing-js', decode: () => Promise.reject('a string, not an Error') };
    expect((await createPipeline(weird, createDedupe()).process(frame)).kind).toBe('failed');
    const pipeline = createPipeline(decoder, createDedupe());
    for (let i = 0; i < 50; i++) expect((await pipeline.process(frame)).kind).toBe('failed');
    expect(await pipeline.process(frame)).toEqual({ kind: 'code', text: 'AFTER' });
  });

  it('reports a repeat of a code seen within the window, then accepts it again', async () => {
    const time = clock();
    const pipeline = createPipeline(scripted([[code('T')]]), createDedupe({ windowMs: 3000, now: time.now }));
    expect((await pipeline.process(frame)).kind).toBe('code');
    time.advance(500);
    expect(await pipeline.process(frame)).toEqual({ kind: 'repeat', text: 'T' });
    time.advance(3000);
    expect((await pipeline.process(frame)).kind).toBe('code');
  });

  it('hands on a code held in view for 10 s once: the repeats while its result is on screen are ignored', async () => {
    const time = clock();
    const pipeline = createPipeline(scripted([[code('HELD')]]), createDedupe({ windowMs: 3000, now: time.now }));
    const kinds: string[] = [];
    for (let elapsed = 0; elapsed <= 10_000; elapsed += 100) {
      kinds.push((await pipeline.process(frame)).kind);
      time.advance(100);
    }
    expect(kinds.filter((kind) => kind === 'code')).toHaveLength(1);
    expect(kinds[0]).toBe('code');
  });

  it('a bad code does not block the next good one', async () => {
    const pipeline = createPipeline(scripted([[code('https://example.org')], [code('TOKEN1')]]), createDedupe());
    expect(await pipeline.process(frame)).toEqual({ kind: 'code', text: 'https://example.org' });
    expect(await pipeline.process(frame)).toEqual({ kind: 'code', text: 'TOKEN1' });
  });

  it('reports two codes and processes none; dedupe is not touched', async () => {
    const pipeline = createPipeline(scripted([[code('A'), code('B')], [code('A')]]), createDedupe());
    expect(await pipeline.process(frame)).toEqual({ kind: 'several', count: 2 });
    expect(await pipeline.process(frame)).toEqual({ kind: 'code', text: 'A' });
  });
});

describe('describeForeignCode', () => {
  it('names what is not ours', () => {
    expect(describeForeignCode('https://example.org/ticket?id=3')).toBe('url');
    expect(describeForeignCode('www.example.org')).toBe('url');
    expect(describeForeignCode('BEGIN:VCARD\nVERSION:3.0\nFN:Jean\nEND:VCARD')).toBe('vcard');
    expect(describeForeignCode('WIFI:S:guest;T:WPA;P:secret;;')).toBe('wifi');
    expect(describeForeignCode('x'.repeat(5000))).toBe('tooLong');
    expect(describeForeignCode('\u0000\u0001\u00ff')).toBe('binary');
    expect(describeForeignCode('   ')).toBe('empty');
    expect(describeForeignCode('Bienvenue à toutes et à tous aux Rencontres, merci de votre visite')).toBe('text');
  });

  it('leaves anything that could be a token, ticket code or id to the core', () => {
    expect(describeForeignCode('AC1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBeNull();
    expect(describeForeignCode('WZ-12345678')).toBeNull();
    expect(describeForeignCode('6f1c2b7e-1f0a-4a8e-9b7d-2c9b1d6d0e11')).toBeNull();
    // 2 KB of text without spaces may still be a garbled code: the core answers "unknown".
    expect(describeForeignCode('A'.repeat(2048))).toBeNull();
  });

  it('sends everything to the core except empty and oversized text', () => {
    expect(shouldSendToCore('url')).toBe(true);
    expect(shouldSendToCore(null)).toBe(true);
    expect(shouldSendToCore('empty')).toBe(false);
    expect(shouldSendToCore('tooLong')).toBe(false);
  });
});

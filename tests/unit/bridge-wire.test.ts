import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultBase64, fromWire, toWire, type Base64Codec } from '../../main/bridge/wire';

// Node's Buffer as the reference implementation the wire codec must agree with.
const reference: Base64Codec = {
  encode: (bytes) => Buffer.from(bytes).toString('base64'),
  decode: (text) => new Uint8Array(Buffer.from(text, 'base64')),
};

describe('the bridge wire codec', () => {
  it('round-trips byte arrays nested anywhere in a value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.string(), fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 4 }), (data, name, more) => {
        const value = { fileName: name, data, nested: { more, n: 3, ok: true, none: null } };
        const back = fromWire(toWire(value)) as typeof value;
        expect(back.fileName).toBe(name);
        expect(back.data).toBeInstanceOf(Uint8Array);
        expect(Array.from(back.data)).toEqual(Array.from(data));
        expect(back.nested.more.map((b) => Array.from(b))).toEqual(more.map((b) => Array.from(b)));
        expect(back.nested).toMatchObject({ n: 3, ok: true, none: null });
      }),
    );
  });

  it('carries a Node Buffer as bytes too (Buffer.toJSON would turn it into { type, data })', () => {
    const back = fromWire(toWire({ data: Buffer.from('%PDF-1.7'), top: Buffer.from([1, 2]) })) as { data: Uint8Array; top: Uint8Array };
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.data).toString('latin1')).toBe('%PDF-1.7');
    expect(Array.from(back.top)).toEqual([1, 2]);
    expect(Array.from(fromWire(toWire(Buffer.from([7, 8]))) as Uint8Array)).toEqual([7, 8]);
  });

  it('writes standard base64, identical to Node Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect(defaultBase64.encode(data)).toBe(reference.encode(data));
        expect(Array.from(defaultBase64.decode(reference.encode(data)))).toEqual(Array.from(data));
      }),
    );
  });

  it('encodes bytes as a { $bytes } marker and leaves look-alikes alone', () => {
    expect(toWire({ data: new Uint8Array([104, 105]) })).toBe('{"data":{"$bytes":"aGk="}}');
    // Only an object whose single key is $bytes with a string value is a byte marker.
    const lookalike = fromWire('{"a":{"$bytes":"aGk=","x":1},"b":{"$bytes":5}}');
    expect(lookalike).toEqual({ a: { $bytes: 'aGk=', x: 1 }, b: { $bytes: 5 } });
  });

  it('handles a file-sized payload (several chunks)', () => {
    const data = new Uint8Array(1_000_003).map((_, i) => i % 251);
    const back = fromWire(toWire({ data })) as { data: Uint8Array };
    expect(back.data.length).toBe(data.length);
    expect(back.data[999_999]).toBe(999_999 % 251);
  });

  it('accepts a custom base64 codec on both sides', () => {
    const data = new Uint8Array([0, 255, 1, 254]);
    expect(Array.from((fromWire(toWire({ data }, reference), reference) as { data: Uint8Array }).data)).toEqual([0, 255, 1, 254]);
  });
});

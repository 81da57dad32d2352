/**
 * BER-TLV trees as decodeTlv returns them (upper-case tags, known and unknown, one to four bytes;
 * constructed objects with children; values short or long enough for 81 / 82 lengths), and raw
 * encodings of such trees whose length fields may be non-minimal.
 */
import fc from 'fast-check';
import { bytesToHex, type TlvNode } from '@payterm/emv';

// prettier-ignore
const KNOWN_PRIMITIVE = ['5A', '57', '5F20', '5F2A', '82', '86', '8A', '91', '95', '9A', '9F02', '9F10', '9F18', '9F26', '9F27', '9F37', 'DF31'];
const CONSTRUCTED = ['71', '72', '70', '77', 'A5', 'BF0C', 'E1', 'FF8101'];

const shortPrimitiveTag = fc
  .integer({ min: 0, max: 255 })
  .filter((b) => (b & 0x1f) !== 0x1f && (b & 0x20) === 0)
  .map((b) => bytesToHex(Uint8Array.of(b)));

const longPrimitiveTag = fc
  .tuple(
    fc.constantFrom(0x1f, 0x5f, 0x9f, 0xdf),
    fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 2 }),
    fc.integer({ min: 0, max: 0x7f }),
  )
  .map(([first, middle, last]) => bytesToHex(Uint8Array.of(first, ...middle, last)));

export const primitiveTagArbitrary = fc.oneof(
  fc.constantFrom(...KNOWN_PRIMITIVE),
  shortPrimitiveTag,
  longPrimitiveTag,
);

const valueArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 24 }) },
  // Long values from a seed: drawing hundreds of bytes one by one dominates the run time.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 255 }), fc.integer({ min: 120, max: 300 }))
      .map(([seed, length]) => new Uint8Array(length).map((_, i) => (seed + i * 31) & 0xff)),
  },
);

/** A decoded-shape tree: constructed nodes carry children and the encoding of them as value. */
export function tlvTreeArbitrary(encode: (nodes: readonly TlvNode[]) => Uint8Array): fc.Arbitrary<TlvNode[]> {
  const { tree } = fc.letrec<{ tree: TlvNode[]; node: TlvNode }>((tie) => ({
    tree: fc.array(tie('node'), { maxLength: 5 }),
    node: fc.oneof(
      { maxDepth: 3, withCrossShrink: true },
      fc.record({ tag: primitiveTagArbitrary, value: valueArbitrary }),
      fc
        .tuple(fc.constantFrom(...CONSTRUCTED), tie('tree'))
        .map(([tag, children]): TlvNode => ({ tag, value: encode(children), children })),
    ),
  }));
  return tree;
}

/** Length fields for `length`: minimal, or padded out to 1–4 length bytes. */
export function lengthFieldArbitrary(length: number): fc.Arbitrary<number[]> {
  const minimalCount = length < 0x80 ? 0 : length < 0x100 ? 1 : 2;
  return fc.integer({ min: minimalCount, max: 4 }).map((count) => {
    if (count === 0) return [length];
    const bytes: number[] = [];
    for (let i = 0, rest = length; i < count; i++, rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    return [0x80 | count, ...bytes];
  });
}

/**
 * BER-TLV object lists as decodeBerTlv returns them: upper-case hex tags (known EMV tags, unknown
 * one-byte tags, unknown multi-byte tags up to 4 bytes), short and long-form lengths, and constructed
 * objects whose value is the encoding of their children.
 */
import fc from 'fast-check';
import { bytesToHex, encodeBerTlv, type TlvNode } from '@payterm/iso8583';

// prettier-ignore
const KNOWN_PRIMITIVE_TAGS = [
  '5A', '57', '5F20', '5F2A', '5F34', '82', '84', '95', '9A', '9C', '9F02', '9F03', '9F09', '9F10',
  '9F1A', '9F1E', '9F26', '9F27', '9F33', '9F34', '9F35', '9F36', '9F37', '9F41', '9F63', 'DF31',
];
const KNOWN_CONSTRUCTED_TAGS = ['71', '72', '70', '77', 'A5', 'BF0C', 'E1'];

/** One-byte tags that are primitive and not the start of a multi-byte tag. */
const shortPrimitiveTag = fc
  .integer({ min: 0, max: 255 })
  .filter((b) => (b & 0x1f) !== 0x1f && (b & 0x20) === 0)
  .map((b) => bytesToHex(Uint8Array.of(b)));

/** Two- to four-byte primitive tags: xx011111, then 0–2 bytes with bit 8 set, then one with bit 8 clear. */
const longPrimitiveTag = fc
  .tuple(
    fc.constantFrom(0x1f, 0x5f, 0x9f, 0xdf),
    fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 2 }),
    fc.integer({ min: 0x00, max: 0x7f }),
  )
  .map(([first, middle, last]) => bytesToHex(Uint8Array.of(first, ...middle, last)));

export const primitiveTagArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_PRIMITIVE_TAGS),
  shortPrimitiveTag,
  longPrimitiveTag,
);

/** Values of 0–40 bytes, or (when they fit) long ones that need the 81 xx / 82 xx xx length forms. */
function valueArbitrary(maxBytes: number): fc.Arbitrary<Uint8Array> {
  const short = fc.uint8Array({ maxLength: 40 });
  const longMax = Math.min(maxBytes - 6, 600);
  if (longMax < 128) return short;
  return fc.oneof(
    { weight: 4, arbitrary: short },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 128, maxLength: longMax }) },
  );
}

function nodeArbitrary(depth: number, maxBytes: number): fc.Arbitrary<TlvNode> {
  const primitive = fc
    .tuple(primitiveTagArbitrary, valueArbitrary(maxBytes))
    .map(([tag, value]): TlvNode => ({ tag, value }));
  if (depth === 0) return primitive;
  const constructed = fc
    .tuple(
      fc.constantFrom(...KNOWN_CONSTRUCTED_TAGS),
      fc.array(nodeArbitrary(depth - 1, maxBytes), { maxLength: 3 }),
    )
    .map(([tag, children]): TlvNode => ({ tag, value: encodeBerTlv(children), children }));
  return fc.oneof({ weight: 4, arbitrary: primitive }, { weight: 1, arbitrary: constructed });
}

/** A list of objects whose encoding fits `maxBytes` (objects are dropped from the end until it does). */
export function berNodeListArbitrary(maxBytes: number, depth = 2): fc.Arbitrary<TlvNode[]> {
  return fc.array(nodeArbitrary(depth, maxBytes), { maxLength: 6 }).map((nodes) => {
    const kept = [...nodes];
    while (encodeBerTlv(kept).length > maxBytes) kept.pop();
    return kept;
  });
}

/**
 * Raw BER-TLV bytes as terminals may send them: like encodeBerTlv but each length may be written in
 * a non-minimal long form (`81 05`, `82 00 05`), which unpack and pack must carry through unchanged.
 */
export function rawBerBytesArbitrary(maxBytes: number): fc.Arbitrary<Uint8Array> {
  const object = fc
    .tuple(primitiveTagArbitrary, fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 2 }))
    .map(([tag, value, extraLengthBytes]) => {
      const length = value.length;
      const lengthBytes =
        extraLengthBytes === 0 ? [length] : extraLengthBytes === 1 ? [0x81, length] : [0x82, 0, length];
      return Uint8Array.from([...hexBytes(tag), ...lengthBytes, ...value]);
    });
  return fc.array(object, { maxLength: 6 }).map((parts) => {
    const kept = [...parts];
    while (kept.reduce((sum, part) => sum + part.length, 0) > maxBytes) kept.pop();
    return Uint8Array.from(kept.flatMap((part) => [...part]));
  });
}

function hexBytes(hex: string): number[] {
  return Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

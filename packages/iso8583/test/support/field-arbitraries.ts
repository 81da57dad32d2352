/**
 * fast-check arbitraries derived from spec data: for any field spec (charset, encoding, fixed or
 * variable length, unit, TLV content) they produce values the codec must pack and unpack back to
 * the same value. Values are canonical: what unpack returns for the bytes pack writes (upper-case hex
 * in BCD `x` fields, `=` rather than `D` in BCD track data).
 */
import fc from 'fast-check';
import {
  encodeAsciiTlv,
  encodeBerTlv,
  type AsciiTlvNode,
  type Charset,
  type FieldSpec,
  type FieldValue,
  type Iso8583Message,
  type MessageSpec,
} from '@payterm/iso8583';
import { berNodeListArbitrary } from './ber-tlv-arbitraries.js';

const range = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

const DIGITS = range(0x30, 0x39);
const LETTERS = range(0x41, 0x5a) + range(0x61, 0x7a);
const PRINTABLE = range(0x20, 0x7e);
const HIGH_LATIN1 = range(0x80, 0xff);

/** Characters a value may hold for its charset, in the form unpack returns them. */
export function alphabetOf(charset: Exclude<Charset, 'b' | 'x+n'>, encoding: FieldSpec['encoding']): string {
  const nibbles = encoding === 'bcd';
  switch (charset) {
    case 'n':
      return DIGITS;
    case 'x':
      // BCD reads nibbles back as upper-case; text fields keep the case they were given.
      return nibbles ? `${DIGITS}ABCDEF` : `${DIGITS}ABCDEFabcdef`;
    case 'z':
      // BCD track data writes `=` (and `D`) as nibble D and reads it back as `=`.
      return nibbles ? `${DIGITS}=` : `${DIGITS}=D`;
    case 'a':
      return `${LETTERS} `;
    case 'an':
      return `${LETTERS}${DIGITS} `;
    case 'ns':
      return [...PRINTABLE].filter((c) => !LETTERS.includes(c)).join('');
    case 'ans':
      return PRINTABLE + HIGH_LATIN1;
  }
}

/** A string of exactly `length` characters from `alphabet`. */
export function textOf(alphabet: string, length: number): fc.Arbitrary<string> {
  return fc
    .uint8Array({ minLength: length, maxLength: length })
    .map((bytes) => Array.from(bytes, (b) => alphabet[b % alphabet.length] as string).join(''));
}

/** A length in [min, max], biased to the short end, the long end and the bounds. */
export function lengthIn(min: number, max: number): fc.Arbitrary<number> {
  if (min === max) return fc.constant(min);
  return fc.oneof(
    fc.integer({ min, max: Math.min(max, min + 8) }),
    fc.integer({ min, max }),
    fc.constantFrom(min, max),
  );
}

/** [min, max] of the field's count in its own unit. */
export function countRange(spec: FieldSpec): [number, number] {
  return spec.length.kind === 'fixed' ? [spec.length.length, spec.length.length] : [0, spec.length.max];
}

/** [min, max] number of value items (characters, or bytes for charset b) a field can carry. */
export function valueSizeRange(spec: FieldSpec): [number, number] {
  const [min, max] = countRange(spec);
  if (spec.charset === 'b') {
    return spec.encoding === 'hex' && spec.unit === 'chars'
      ? [Math.ceil(min / 2), Math.floor(max / 2)]
      : [min, max];
  }
  return spec.encoding === 'bcd' && spec.unit === 'bytes' ? [min * 2, max * 2] : [min, max];
}

function textValue(spec: FieldSpec, min: number, max: number): fc.Arbitrary<string> {
  const step = spec.encoding === 'bcd' && spec.unit === 'bytes' ? 2 : 1;
  return lengthIn(min / step, max / step).chain((units) => {
    const length = units * step;
    if (spec.charset === 'x+n') {
      if (length === 0) return fc.constant('');
      return fc
        .tuple(fc.constantFrom('C', 'D'), textOf(DIGITS, length - 1))
        .map(([sign, digits]) => sign + digits);
    }
    return textOf(alphabetOf(spec.charset as Exclude<Charset, 'b' | 'x+n'>, spec.encoding), length);
  });
}

/** ASCII TLV objects (tag + decimal length + value) that fit `maxChars` in total. */
export function asciiTlvNodesArbitrary(
  layout: { tagChars: number; lengthDigits: number },
  alphabet: string,
  maxChars: number,
): fc.Arbitrary<AsciiTlvNode[]> {
  const maxValue = Math.min(10 ** layout.lengthDigits - 1, 120);
  const node = fc
    .tuple(
      textOf(alphabet, layout.tagChars),
      lengthIn(0, maxValue).chain((n) => textOf(alphabet, n)),
    )
    .map(([tag, value]): AsciiTlvNode => ({ tag, value }));
  return fc.array(node, { maxLength: 6 }).map((nodes) => {
    const kept = [...nodes];
    while (encodeAsciiTlv(kept, layout).length > maxChars) kept.pop();
    return kept;
  });
}

/** A value for one field, valid for its spec (including TLV structure where the spec declares it). */
export function fieldValueArbitrary(spec: FieldSpec): fc.Arbitrary<FieldValue> {
  const [min, max] = valueSizeRange(spec);
  const tlv = spec.tlv;
  if (tlv?.format === 'ber') {
    if (min > 0) throw new Error('BER-TLV arbitraries are for variable-length fields');
    return berNodeListArbitrary(max).map((nodes) => encodeBerTlv(nodes));
  }
  if (tlv?.format === 'ascii') {
    if (min > 0) throw new Error('ASCII TLV arbitraries are for variable-length fields');
    const alphabet = alphabetOf(spec.charset as Exclude<Charset, 'b' | 'x+n'>, spec.encoding);
    return asciiTlvNodesArbitrary(tlv, alphabet, max).map((nodes) => encodeAsciiTlv(nodes, tlv));
  }
  if (spec.charset === 'b')
    return lengthIn(min, max).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
  return textValue(spec, min, max);
}

export const mtiArbitrary: fc.Arbitrary<string> = textOf(DIGITS, 4);

function headersArbitrary(spec: MessageSpec): fc.Arbitrary<Record<string, string> | undefined> {
  if (spec.headers.length === 0) return fc.constant(undefined);
  return fc.record(
    Object.fromEntries(
      spec.headers.map((part) => [part.id, fieldValueArbitrary(part) as fc.Arbitrary<string>]),
    ),
  );
}

function assemble(
  mti: string,
  headers: Record<string, string> | undefined,
  fields: Iso8583Message['fields'],
): Iso8583Message {
  return headers === undefined ? { mti, fields } : { mti, headers, fields };
}

/**
 * Whole messages: headers, MTI and a random subset of the spec's fields (at most `maxFields`, so
 * messages stay small enough to generate quickly), or of `only` when given.
 */
export function messageArbitrary(
  spec: MessageSpec,
  options: { maxFields?: number; only?: readonly number[] } = {},
): fc.Arbitrary<Iso8583Message> {
  const candidates = spec.fields.filter((field) => options.only?.includes(field.number) ?? true);
  const chosen = fc.subarray(candidates, { maxLength: Math.min(options.maxFields ?? 10, candidates.length) });
  const fields = chosen.chain((list) =>
    fc
      .tuple(...list.map((field) => fieldValueArbitrary(field)))
      .map((values) => Object.fromEntries(list.map((field, i) => [field.number, values[i] as FieldValue]))),
  );
  return fc
    .tuple(mtiArbitrary, headersArbitrary(spec), fields)
    .map(([mti, headers, values]) => assemble(mti, headers, values));
}

/** Messages that always carry field `number` (plus a few others), to cover every field of a spec. */
export function messageWithFieldArbitrary(spec: MessageSpec, number: number): fc.Arbitrary<Iso8583Message> {
  const field = spec.fields.find((candidate) => candidate.number === number);
  if (field === undefined) throw new Error(`spec ${spec.id} has no field ${number}`);
  return fc
    .tuple(messageArbitrary(spec, { maxFields: 3 }), fieldValueArbitrary(field))
    .map(([message, value]) =>
      assemble(message.mti, message.headers, { ...message.fields, [number]: value }),
    );
}

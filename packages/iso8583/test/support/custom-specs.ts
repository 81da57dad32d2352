/**
 * Specs written for the tests, exercising what the shipped specs do not: EBCDIC text and prefixes,
 * binary 1- and 2-byte prefixes, 1- and 4-digit prefixes, `x` and `z` charsets in BCD and text,
 * pad F and right-aligned odd BCD, hex fields counted in characters, BCD fields counted in bytes,
 * ASCII / EBCDIC / BCD MTIs, hex and binary bitmaps, secondary and tertiary bitmaps.
 */
import { cupPosSpec, type FieldSpec, type MessageSpec, type NumberedFieldSpec } from '@payterm/iso8583';

type Prefix = Extract<FieldSpec['length'], { kind: 'variable' }>['prefix'];

const fixed = (length: number): FieldSpec['length'] => ({ kind: 'fixed', length });
const variable = (prefix: Prefix, max: number): FieldSpec['length'] => ({ kind: 'variable', prefix, max });
const digits = (encoding: 'ascii' | 'ebcdic' | 'bcd', count: 1 | 2 | 3 | 4): Prefix => ({
  encoding,
  digits: count,
});
const binaryPrefix = (bytes: 1 | 2): Prefix => ({ encoding: 'binary', bytes });

function numbered(fields: Record<number, Omit<FieldSpec, 'name'>>): NumberedFieldSpec[] {
  return Object.entries(fields).map(([number, spec]) => ({
    number: Number(number),
    name: `F${number}`,
    ...spec,
  }));
}

/** The cup-pos layout without TPDU and header (how U1 was captured). */
export const cupPosBodySpec: MessageSpec = { ...cupPosSpec, id: 'cup-pos-body', headers: [] };

/** EBCDIC everywhere: MTI, a header part, text of every charset, EBCDIC L / LL / LLL / LLLL prefixes. */
export const ebcdicSpec: MessageSpec = {
  id: 'test-ebcdic',
  name: 'EBCDIC test dialect',
  headers: [
    { id: 'route', name: 'Route', charset: 'an', encoding: 'ebcdic', unit: 'chars', length: fixed(4) },
  ],
  mti: { encoding: 'ebcdic' },
  bitmap: { encoding: 'binary', maxBitmaps: 2 },
  fields: numbered({
    2: { charset: 'n', encoding: 'ebcdic', unit: 'digits', length: variable(digits('ebcdic', 2), 19) },
    3: { charset: 'n', encoding: 'ebcdic', unit: 'digits', length: fixed(6) },
    4: { charset: 'ans', encoding: 'ebcdic', unit: 'chars', length: variable(digits('ebcdic', 3), 300) },
    5: { charset: 'a', encoding: 'ebcdic', unit: 'chars', length: fixed(10) },
    6: { charset: 'an', encoding: 'ebcdic', unit: 'chars', length: variable(digits('ebcdic', 4), 1200) },
    7: { charset: 'ns', encoding: 'ebcdic', unit: 'chars', length: variable(digits('ebcdic', 1), 9) },
    8: { charset: 'x+n', encoding: 'ebcdic', unit: 'chars', length: fixed(9) },
    9: { charset: 'z', encoding: 'ebcdic', unit: 'chars', length: variable(digits('ebcdic', 2), 37) },
    10: { charset: 'x', encoding: 'ebcdic', unit: 'chars', length: fixed(8) },
    11: { charset: 'ans', encoding: 'ebcdic', unit: 'chars', length: variable(digits('bcd', 3), 99) },
    12: { charset: 'ans', encoding: 'ebcdic', unit: 'chars', length: variable(binaryPrefix(1), 255) },
    13: { charset: 'b', encoding: 'binary', unit: 'bytes', length: variable(digits('ebcdic', 2), 50) },
    14: {
      charset: 'ans',
      encoding: 'ebcdic',
      unit: 'chars',
      length: variable(digits('ebcdic', 3), 999),
      tlv: { format: 'ascii', tagChars: 2, lengthDigits: 3 },
    },
    70: { charset: 'ans', encoding: 'ebcdic', unit: 'chars', length: variable(digits('ascii', 3), 200) },
  }),
};

/** Binary and BCD prefixes of every size, nibble fields with pad F / right alignment / `x` and `z`. */
export const nibbleSpec: MessageSpec = {
  id: 'test-nibbles',
  name: 'Binary prefixes and nibble fields',
  headers: [
    {
      id: 'odd',
      name: 'Odd header',
      charset: 'n',
      encoding: 'bcd',
      unit: 'digits',
      length: fixed(5),
      align: 'right',
      pad: 'F',
    },
  ],
  mti: { encoding: 'bcd' },
  bitmap: { encoding: 'binary', maxBitmaps: 1 },
  fields: numbered({
    2: { charset: 'b', encoding: 'binary', unit: 'bytes', length: variable(binaryPrefix(1), 255) },
    3: { charset: 'b', encoding: 'binary', unit: 'bytes', length: variable(binaryPrefix(2), 3000) },
    4: { charset: 'ans', encoding: 'ascii', unit: 'chars', length: variable(binaryPrefix(2), 1500) },
    5: {
      charset: 'n',
      encoding: 'bcd',
      unit: 'digits',
      length: variable(binaryPrefix(1), 200),
      align: 'left',
      pad: 'F',
    },
    6: {
      charset: 'n',
      encoding: 'bcd',
      unit: 'digits',
      length: variable(digits('bcd', 4), 1999),
      align: 'left',
      pad: '0',
    },
    7: {
      charset: 'b',
      encoding: 'binary',
      unit: 'bytes',
      length: variable(digits('bcd', 4), 1500),
      tlv: { format: 'ber' },
    },
    8: {
      charset: 'x',
      encoding: 'bcd',
      unit: 'digits',
      length: variable(digits('bcd', 2), 40),
      align: 'left',
      pad: 'F',
    },
    9: {
      charset: 'z',
      encoding: 'bcd',
      unit: 'digits',
      length: variable(digits('bcd', 3), 104),
      align: 'left',
      pad: 'F',
    },
    10: { charset: 'n', encoding: 'bcd', unit: 'digits', length: fixed(5), align: 'right', pad: 'F' },
    11: { charset: 'x', encoding: 'bcd', unit: 'chars', length: fixed(7), align: 'right', pad: 'F' },
    12: { charset: 'z', encoding: 'bcd', unit: 'digits', length: fixed(9), align: 'left', pad: 'F' },
    13: { charset: 'x', encoding: 'bcd', unit: 'bytes', length: variable(digits('bcd', 2), 50) },
    14: {
      charset: 'n',
      encoding: 'bcd',
      unit: 'digits',
      length: variable(binaryPrefix(2), 4000),
      align: 'right',
      pad: '0',
    },
    15: { charset: 'n', encoding: 'bcd', unit: 'digits', length: fixed(4) },
    16: { charset: 'b', encoding: 'hex', unit: 'chars', length: fixed(16) },
    17: { charset: 'b', encoding: 'hex', unit: 'chars', length: variable(digits('ascii', 3), 999) },
    18: { charset: 'b', encoding: 'hex', unit: 'bytes', length: variable(binaryPrefix(1), 100) },
    19: { charset: 'b', encoding: 'hex', unit: 'bytes', length: fixed(4) },
    20: { charset: 'ans', encoding: 'ascii', unit: 'chars', length: variable(digits('bcd', 1), 9) },
    21: { charset: 'n', encoding: 'ascii', unit: 'digits', length: fixed(3) },
    22: { charset: 'x', encoding: 'bcd', unit: 'bytes', length: fixed(3) },
  }),
};

const tertiaryFields = numbered({
  2: { charset: 'n', encoding: 'ascii', unit: 'digits', length: variable(digits('ascii', 2), 19) },
  64: { charset: 'b', encoding: 'binary', unit: 'bytes', length: fixed(8) },
  66: { charset: 'ans', encoding: 'ascii', unit: 'chars', length: variable(digits('ascii', 3), 50) },
  100: { charset: 'n', encoding: 'ascii', unit: 'digits', length: fixed(6) },
  128: { charset: 'b', encoding: 'binary', unit: 'bytes', length: fixed(8) },
  129: { charset: 'n', encoding: 'ascii', unit: 'digits', length: fixed(2) },
  130: { charset: 'ans', encoding: 'ascii', unit: 'chars', length: variable(digits('ascii', 3), 120) },
  160: { charset: 'b', encoding: 'hex', unit: 'bytes', length: variable(digits('ascii', 3), 60) },
  192: { charset: 'b', encoding: 'binary', unit: 'bytes', length: fixed(8) },
});

/** ASCII MTI, hex bitmaps, three bitmaps (bit 65 announces the tertiary one; fields up to 192). */
export const tertiaryHexSpec: MessageSpec = {
  id: 'test-tertiary-hex',
  name: 'Tertiary bitmap, hex',
  headers: [],
  mti: { encoding: 'ascii' },
  bitmap: { encoding: 'hex', maxBitmaps: 3 },
  fields: tertiaryFields,
};

/** BCD MTI, binary bitmaps, three bitmaps. */
export const tertiaryBinarySpec: MessageSpec = {
  ...tertiaryHexSpec,
  id: 'test-tertiary-binary',
  name: 'Tertiary bitmap, binary',
  mti: { encoding: 'bcd' },
  bitmap: { encoding: 'binary', maxBitmaps: 3 },
};

/** BCD MTI with binary primary + secondary bitmaps (the shipped iso87-ascii spec has hex ones). */
export const secondaryBinarySpec: MessageSpec = {
  ...tertiaryHexSpec,
  id: 'test-secondary-binary',
  name: 'Secondary bitmap, binary',
  mti: { encoding: 'bcd' },
  bitmap: { encoding: 'binary', maxBitmaps: 2 },
  fields: tertiaryFields.filter((field) => field.number <= 128),
};

export const CUSTOM_SPECS: readonly MessageSpec[] = [
  ebcdicSpec,
  nibbleSpec,
  tertiaryHexSpec,
  tertiaryBinarySpec,
  secondaryBinarySpec,
];

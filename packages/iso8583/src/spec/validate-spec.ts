import { iso8583Error } from '../errors.js';
import { prefixCapacity } from '../codec/length-prefix.js';
import type { FieldSpec, FramingSpec, MessageSpec, PrefixSpec, SubfieldSpec } from './spec-types.js';

const CHARSETS = new Set(['n', 'x', 'z', 'a', 'an', 'ns', 'ans', 'x+n', 'b']);
const NIBBLE_CHARSETS = new Set(['n', 'x', 'z']);
const ENCODINGS = new Set(['ascii', 'ebcdic', 'bcd', 'binary', 'hex']);
const UNITS = new Set(['digits', 'chars', 'bytes']);
const FRAMING_CAPACITY: Readonly<Record<string, number>> = { 'binary-2': 0xffff, 'ascii-4': 9999 };

/** Throws ISO8583_INVALID_SPEC for `path` unless `ok`. */
function check(ok: boolean, path: string | null, problem: string): asserts ok {
  if (!ok) throw iso8583Error('ISO8583_INVALID_SPEC', problem, { field: path, phase: 'spec' });
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

const isPositiveInteger = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) > 0;

function checkPrefix(prefix: PrefixSpec, path: string): void {
  check(typeof prefix === 'object' && prefix !== null, path, 'the length prefix must be an object');
  if (prefix.encoding === 'binary') {
    check(prefix.bytes === 1 || prefix.bytes === 2, path, 'a binary length prefix has 1 or 2 bytes');
  } else {
    check(
      ['ascii', 'ebcdic', 'bcd'].includes(prefix.encoding),
      path,
      `unknown prefix encoding "${String(prefix.encoding)}"`,
    );
    check([1, 2, 3, 4].includes(prefix.digits), path, 'a length prefix has 1 to 4 digits');
  }
}

/** The largest number of value characters the field can hold, for sub-field checks. */
function maxValueLength(spec: FieldSpec): number {
  const count = spec.length.kind === 'fixed' ? spec.length.length : spec.length.max;
  return spec.encoding === 'bcd' && spec.unit === 'bytes' ? count * 2 : count;
}

function checkEncoding(spec: FieldSpec, path: string): void {
  check(typeof spec.name === 'string' && spec.name.length > 0, path, 'every field needs a name');
  check(CHARSETS.has(spec.charset), path, `unknown charset "${String(spec.charset)}"`);
  check(ENCODINGS.has(spec.encoding), path, `unknown encoding "${String(spec.encoding)}"`);
  check(UNITS.has(spec.unit), path, `unknown length unit "${String(spec.unit)}"`);
  const binaryValue = spec.charset === 'b';
  if (spec.encoding === 'bcd') check(NIBBLE_CHARSETS.has(spec.charset), path, 'bcd encodes only n, x or z');
  if (spec.encoding === 'binary' || spec.encoding === 'hex') {
    check(binaryValue, path, `${spec.encoding} encoding needs charset b`);
  } else {
    check(!binaryValue, path, `charset b needs binary or hex encoding, not ${spec.encoding}`);
  }
  if (spec.unit === 'digits')
    check(
      NIBBLE_CHARSETS.has(spec.charset) || spec.charset === 'ns',
      path,
      'unit digits is for numeric charsets',
    );
  if (spec.unit === 'chars') check(spec.encoding !== 'binary', path, 'raw binary fields count bytes');
}

function checkLength(spec: FieldSpec, path: string): void {
  const length = spec.length;
  check(typeof length === 'object' && length !== null, path, 'the length must be an object');
  if (length.kind === 'fixed') {
    check(isPositiveInteger(length.length), path, 'a fixed length is a positive integer');
    if (spec.encoding === 'hex' && spec.unit === 'chars')
      check(length.length % 2 === 0, path, 'hex data has an even number of characters');
    return;
  }
  check(
    length.kind === 'variable',
    path,
    `unknown length kind "${String((length as { kind: unknown }).kind)}"`,
  );
  checkPrefix(length.prefix, path);
  check(isPositiveInteger(length.max), path, 'a maximum length is a positive integer');
  const capacity = prefixCapacity(length.prefix);
  check(
    length.max <= capacity,
    path,
    `maximum ${length.max} does not fit a prefix that counts up to ${capacity}`,
  );
}

function checkPadding(spec: FieldSpec, path: string): void {
  if (spec.align !== undefined)
    check(spec.align === 'left' || spec.align === 'right', path, 'align is left or right');
  if (spec.encoding === 'bcd') {
    const countsNibbles = spec.unit !== 'bytes';
    const oddPossible = countsNibbles && (spec.length.kind === 'variable' || spec.length.length % 2 === 1);
    if (oddPossible) {
      check(
        spec.pad === '0' || spec.pad === 'F',
        path,
        'an odd-length bcd field must declare pad "0" or "F"',
      );
      check(spec.align !== undefined, path, 'an odd-length bcd field must declare align left or right');
    }
    return;
  }
  if (spec.pad !== undefined) {
    check(
      spec.encoding === 'ascii' || spec.encoding === 'ebcdic',
      path,
      'only text and bcd fields are padded',
    );
    check(spec.length.kind === 'fixed', path, 'a pad character is for fixed-length fields');
    check(typeof spec.pad === 'string' && spec.pad.length === 1, path, 'a pad is one character');
  }
}

function checkSubfields(spec: FieldSpec, subfields: readonly SubfieldSpec[], path: string): void {
  check(Array.isArray(subfields), path, 'subfields must be an array');
  check(spec.charset !== 'b', path, 'binary fields have no positional sub-fields');
  const ids = new Set<string>();
  let total = 0;
  for (const subfield of subfields) {
    check(isObject(subfield), path, 'every sub-field must be an object');
    const subPath = `${path}.${String(subfield.id)}`;
    check(typeof subfield.id === 'string' && subfield.id.length > 0, path, 'every sub-field needs an id');
    check(!ids.has(subfield.id), subPath, 'duplicate sub-field id');
    ids.add(subfield.id);
    check(
      typeof subfield.name === 'string' && subfield.name.length > 0,
      subPath,
      'every sub-field needs a name',
    );
    check(isPositiveInteger(subfield.length), subPath, 'a sub-field length is a positive integer');
    check(
      CHARSETS.has(subfield.charset) && subfield.charset !== 'b',
      subPath,
      'a sub-field has a text charset',
    );
    total += subfield.length;
  }
  check(total <= maxValueLength(spec), path, `sub-fields add up to ${total}, more than the field holds`);
}

function checkTlv(spec: FieldSpec, path: string): void {
  const tlv = spec.tlv;
  if (tlv === undefined) return;
  check(isObject(tlv), path, 'tlv must be an object');
  if (tlv.format === 'ber') {
    check(spec.charset === 'b', path, 'BER-TLV content needs a binary field');
  } else {
    check(
      tlv.format === 'ascii',
      path,
      `unknown TLV format "${String((tlv as { format: unknown }).format)}"`,
    );
    check(spec.charset !== 'b', path, 'ASCII TLV content needs a text field');
    check(
      isPositiveInteger(tlv.tagChars) && isPositiveInteger(tlv.lengthDigits),
      path,
      'ASCII TLV needs tagChars and lengthDigits',
    );
  }
}

/** Checks one field spec; `path` names it in errors. */
export function validateFieldSpec(spec: FieldSpec, path: string): void {
  check(typeof spec === 'object' && spec !== null, path, 'a field spec must be an object');
  checkEncoding(spec, path);
  checkLength(spec, path);
  checkPadding(spec, path);
  if (spec.subfields !== undefined) checkSubfields(spec, spec.subfields, path);
  checkTlv(spec, path);
}

function checkFraming(framing: FramingSpec): void {
  check(isObject(framing), 'framing', 'framing must be an object');
  const capacity = FRAMING_CAPACITY[framing.lengthPrefix];
  check(capacity !== undefined, 'framing', `unknown frame length prefix "${String(framing.lengthPrefix)}"`);
  check(
    isPositiveInteger(framing.maxLength) && framing.maxLength <= capacity,
    'framing',
    `maxLength must be 1..${capacity}`,
  );
}

/** Checks a whole message spec (also specs read from JSON); throws ISO8583_INVALID_SPEC naming the first problem. */
export function validateSpec(spec: MessageSpec): void {
  check(typeof spec === 'object' && spec !== null, null, 'a spec must be an object');
  check(typeof spec.id === 'string' && spec.id.length > 0, null, 'a spec needs an id');
  check(typeof spec.name === 'string', null, 'a spec needs a name');
  check(['ascii', 'ebcdic', 'bcd'].includes(spec.mti?.encoding), 'mti', 'the MTI is ascii, ebcdic or bcd');
  check(['binary', 'hex'].includes(spec.bitmap?.encoding), null, 'the bitmap is binary or hex');
  check([1, 2, 3].includes(spec.bitmap.maxBitmaps), null, 'maxBitmaps is 1, 2 or 3');
  check(Array.isArray(spec.headers), null, 'headers must be an array');
  const headerIds = new Set<string>();
  for (const part of spec.headers) {
    check(isObject(part), null, 'every header part must be an object');
    check(
      typeof part.id === 'string' && part.id.length > 0 && !headerIds.has(part.id),
      typeof part.id === 'string' ? part.id : null,
      'header ids are unique',
    );
    headerIds.add(part.id);
    validateFieldSpec(part, part.id);
    check(
      part.length.kind === 'fixed' && part.charset !== 'b',
      part.id,
      'a header part is fixed-length text',
    );
  }
  check(Array.isArray(spec.fields), null, 'fields must be an array');
  const highest = spec.bitmap.maxBitmaps * 64;
  const numbers = new Set<number>();
  for (const field of spec.fields) {
    check(isObject(field), null, 'every field spec must be an object');
    const path = String(field.number);
    check(
      Number.isInteger(field.number) && field.number >= 2 && field.number <= highest,
      path,
      `field numbers run from 2 to ${highest}`,
    );
    check(
      !(field.number === 65 && spec.bitmap.maxBitmaps === 3),
      path,
      'bit 65 announces the tertiary bitmap',
    );
    check(!numbers.has(field.number), path, 'duplicate field');
    numbers.add(field.number);
    validateFieldSpec(field, path);
  }
  if (spec.framing !== undefined) checkFraming(spec.framing);
}

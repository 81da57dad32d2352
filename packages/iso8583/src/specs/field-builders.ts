import type { Charset, FieldSpec, PrefixSpec } from '../spec/spec-types.js';

/**
 * Shorthands that produce plain field-spec data. They only save typing: what they return is
 * exactly what a JSON spec would contain.
 */
type Extra = Partial<Pick<FieldSpec, 'sensitive' | 'subfields' | 'tlv' | 'align' | 'pad'>>;

const LL_BCD: PrefixSpec = { encoding: 'bcd', digits: 2 };
const LLL_BCD: PrefixSpec = { encoding: 'bcd', digits: 3 };

export const prefixOf = (digits: 2 | 3 | 4, encoding: 'ascii' | 'bcd' | 'ebcdic'): PrefixSpec =>
  encoding === 'bcd'
    ? digits === 2
      ? LL_BCD
      : digits === 3
        ? LLL_BCD
        : { encoding, digits }
    : { encoding, digits };

/** Fixed numeric packed BCD, right-aligned with a leading 0 nibble when odd (CUP default). */
export function bcdFixed(name: string, digits: number, extra: Extra = {}): FieldSpec {
  return {
    name,
    charset: 'n',
    encoding: 'bcd',
    unit: 'digits',
    length: { kind: 'fixed', length: digits },
    align: 'right',
    pad: '0',
    ...extra,
  };
}

/** Variable packed BCD (n or z), left-aligned with a trailing 0 nibble when odd, BCD length prefix. */
export function bcdVar(
  name: string,
  digits: 2 | 3,
  max: number,
  charset: 'n' | 'z' = 'n',
  extra: Extra = {},
): FieldSpec {
  return {
    name,
    charset,
    encoding: 'bcd',
    unit: 'digits',
    length: { kind: 'variable', prefix: prefixOf(digits, 'bcd'), max },
    align: 'left',
    pad: '0',
    ...extra,
  };
}

/** Fixed text; `pad` fills short values when packing (left-aligned text, right-aligned digits). */
export function textFixed(
  name: string,
  charset: Charset,
  length: number,
  encoding: 'ascii' | 'ebcdic' = 'ascii',
  extra: Extra = {},
): FieldSpec {
  const numeric = charset === 'n';
  return {
    name,
    charset,
    encoding,
    unit: 'chars',
    length: { kind: 'fixed', length },
    align: numeric ? 'right' : 'left',
    pad: numeric ? '0' : ' ',
    ...extra,
  };
}

export function textVar(
  name: string,
  charset: Charset,
  digits: 2 | 3 | 4,
  max: number,
  prefixEncoding: 'ascii' | 'bcd' | 'ebcdic',
  extra: Extra = {},
): FieldSpec {
  return {
    name,
    charset,
    encoding: prefixEncoding === 'ebcdic' ? 'ebcdic' : 'ascii',
    unit: 'chars',
    length: { kind: 'variable', prefix: prefixOf(digits, prefixEncoding), max },
    ...extra,
  };
}

export function binaryFixed(name: string, bytes: number, extra: Extra = {}): FieldSpec {
  return {
    name,
    charset: 'b',
    encoding: 'binary',
    unit: 'bytes',
    length: { kind: 'fixed', length: bytes },
    ...extra,
  };
}

export function binaryVar(name: string, digits: 2 | 3, max: number, extra: Extra = {}): FieldSpec {
  return {
    name,
    charset: 'b',
    encoding: 'binary',
    unit: 'bytes',
    length: { kind: 'variable', prefix: prefixOf(digits, 'bcd'), max },
    ...extra,
  };
}

/** Binary data sent as hex ASCII; the length counts value bytes (as jPOS IFA_*BINARY does). */
export function hexFixed(name: string, bytes: number, extra: Extra = {}): FieldSpec {
  return {
    name,
    charset: 'b',
    encoding: 'hex',
    unit: 'bytes',
    length: { kind: 'fixed', length: bytes },
    ...extra,
  };
}

export function hexVar(name: string, digits: 2 | 3, max: number, extra: Extra = {}): FieldSpec {
  return {
    name,
    charset: 'b',
    encoding: 'hex',
    unit: 'bytes',
    length: { kind: 'variable', prefix: prefixOf(digits, 'ascii'), max },
    ...extra,
  };
}

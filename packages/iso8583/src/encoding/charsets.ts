import type { Charset } from '../spec/spec-types.js';

type TextCharset = Exclude<Charset, 'b'>;

function table(accepts: (code: number) => boolean): Uint8Array {
  const flags = new Uint8Array(256);
  for (let code = 0; code < 256; code++) flags[code] = accepts(code) ? 1 : 0;
  return flags;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isPrintable = (c: number): boolean => c >= 0x20 && c <= 0x7e;

/** One flag per Latin-1 code point: 1 = allowed. `x+n` is checked position by position instead. */
const CHARSET_TABLES: Readonly<Record<Exclude<TextCharset, 'x+n'>, Uint8Array>> = {
  n: table(isDigit),
  x: table((c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)),
  z: table((c) => isDigit(c) || c === 0x3d || c === 0x44),
  a: table((c) => isLetter(c) || c === 0x20),
  an: table((c) => isLetter(c) || isDigit(c) || c === 0x20),
  ns: table((c) => isPrintable(c) && !isLetter(c)),
  ans: table((c) => isPrintable(c) || c >= 0x80),
};

/** The per-code-point flags of a charset (1 = allowed), or undefined for `x+n`, which depends on position. */
export function charsetFlags(charset: TextCharset): Uint8Array | undefined {
  return charset === 'x+n' ? undefined : CHARSET_TABLES[charset];
}

/** Index of the first character of `value` the charset rejects, or -1 when all are allowed. */
export function firstInvalidCharacter(charset: TextCharset, value: string): number {
  if (charset === 'x+n') {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (i === 0 ? c !== 0x43 && c !== 0x44 : !isDigit(c)) return i;
    }
    return -1;
  }
  const flags = CHARSET_TABLES[charset];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff || flags[c] === 0) return i;
  }
  return -1;
}

/** Index of the first byte (as a Latin-1 code point) the charset rejects within [start, end), or -1. */
export function firstInvalidByte(
  charset: TextCharset,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  if (charset === 'x+n') {
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number;
      if (i === start ? c !== 0x43 && c !== 0x44 : !isDigit(c)) return i;
    }
    return -1;
  }
  const flags = CHARSET_TABLES[charset];
  for (let i = start; i < end; i++) if (flags[bytes[i] as number] === 0) return i;
  return -1;
}

export function describeCharset(charset: Charset): string {
  switch (charset) {
    case 'n':
      return 'digits';
    case 'x':
      return 'hex digits';
    case 'z':
      return "track digits and '='";
    case 'a':
      return 'letters';
    case 'an':
      return 'letters and digits';
    case 'ns':
      return 'digits and special characters';
    case 'ans':
      return 'printable characters';
    case 'x+n':
      return "'C' or 'D' then digits";
    case 'b':
      return 'binary';
  }
}

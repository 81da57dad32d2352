import { BYTE_TO_HEX } from './hex.js';

/** Charsets that pack two characters per byte. */
export type NibbleCharset = 'n' | 'x' | 'z';

function nibbleToChar(charset: NibbleCharset, nibble: number): string | undefined {
  if (nibble <= 9) return String(nibble);
  if (charset === 'x') return '0123456789ABCDEF'[nibble];
  if (charset === 'z' && nibble === 0xd) return '=';
  return undefined;
}

function buildCharToNibble(charset: NibbleCharset): Int8Array {
  const table = new Int8Array(256).fill(-1);
  for (let nibble = 0; nibble < 16; nibble++) {
    const char = nibbleToChar(charset, nibble);
    if (char !== undefined) table[char.charCodeAt(0)] = nibble;
  }
  if (charset === 'x') for (let i = 0; i < 6; i++) table[0x61 + i] = 10 + i;
  if (charset === 'z') table[0x44] = 0xd; // 'D' is accepted as the separator too
  return table;
}

function buildByteToPair(charset: NibbleCharset): (string | undefined)[] {
  return Array.from({ length: 256 }, (_, byte) => {
    const high = nibbleToChar(charset, byte >> 4);
    const low = nibbleToChar(charset, byte & 15);
    return high === undefined || low === undefined
      ? undefined
      : charset === 'x'
        ? BYTE_TO_HEX[byte]
        : high + low;
  });
}

/** byte → char code of its high (or low) nibble in a charset, or -1 when that nibble has no character. */
function buildNibbleCodes(charset: NibbleCharset, high: boolean): Int16Array {
  const codes = new Int16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    const char = nibbleToChar(charset, high ? byte >> 4 : byte & 15);
    codes[byte] = char === undefined ? -1 : char.charCodeAt(0);
  }
  return codes;
}

/** Everything needed to pack and unpack one nibble charset, built once. */
export interface NibbleTables {
  /** Latin-1 code point → nibble, or -1. */
  readonly charToNibble: Int8Array;
  readonly nibbleToChar: readonly (string | undefined)[];
  /** byte → its two characters, or undefined when either nibble has none. */
  readonly byteToPair: readonly (string | undefined)[];
  readonly highCodes: Int16Array;
  readonly lowCodes: Int16Array;
}

function buildTables(charset: NibbleCharset): NibbleTables {
  return {
    charToNibble: buildCharToNibble(charset),
    nibbleToChar: Array.from({ length: 16 }, (_, nibble) => nibbleToChar(charset, nibble)),
    byteToPair: buildByteToPair(charset),
    highCodes: buildNibbleCodes(charset, true),
    lowCodes: buildNibbleCodes(charset, false),
  };
}

export const NIBBLE_TABLES: Readonly<Record<NibbleCharset, NibbleTables>> = {
  n: buildTables('n'),
  x: buildTables('x'),
  z: buildTables('z'),
};

export function bcdByteLength(chars: number): number {
  return (chars + 1) >> 1;
}

/**
 * Writes `value` as packed nibbles at `offset`, checking each character on the way. Odd lengths get
 * one pad nibble: at the end when `alignLeft`, at the start otherwise. Returns the index of the first
 * character with no nibble in this charset (the output is then incomplete), or -1.
 */
export function writeBcd(
  value: string,
  tables: NibbleTables,
  alignLeft: boolean,
  padNibble: number,
  out: Uint8Array,
  offset: number,
): number {
  const table = tables.charToNibble;
  const length = value.length;
  const odd = (length & 1) === 1;
  let pos = offset;
  let i = 0;
  let high: number;
  let low: number;
  if (odd && !alignLeft) {
    low = nibbleOf(table, value.charCodeAt(0));
    if (low < 0) return 0;
    out[pos++] = (padNibble << 4) | low;
    i = 1;
  }
  for (; i + 1 < length; i += 2) {
    high = nibbleOf(table, value.charCodeAt(i));
    low = nibbleOf(table, value.charCodeAt(i + 1));
    if ((high | low) < 0) return high < 0 ? i : i + 1;
    out[pos++] = (high << 4) | low;
  }
  if (odd && alignLeft) {
    high = nibbleOf(table, value.charCodeAt(i));
    if (high < 0) return i;
    out[pos] = (high << 4) | padNibble;
  }
  return -1;
}

function nibbleOf(table: Int8Array, code: number): number {
  return code > 0xff ? -1 : (table[code] as number);
}

const isPadNibble = (nibble: number): boolean => nibble === 0 || nibble === 0xf;

/**
 * Reads `chars` packed characters; undefined when a nibble is not allowed (locate it with
 * findInvalidNibble). Four bytes at a time go through one fromCharCode call, which beats string
 * concatenation from four bytes up; shorter tails use the pair table.
 */
export function readBcd(
  bytes: Uint8Array,
  offset: number,
  chars: number,
  tables: NibbleTables,
  alignLeft: boolean,
): string | undefined {
  const pairs = tables.byteToPair;
  const nibbles = tables.nibbleToChar;
  const highs = tables.highCodes;
  const lows = tables.lowCodes;
  const odd = (chars & 1) === 1;
  let pos = offset;
  let value = '';
  if (odd && !alignLeft) {
    const byte = bytes[pos++] as number;
    const low = nibbles[byte & 15];
    if (!isPadNibble(byte >> 4) || low === undefined) return undefined;
    value = low;
  }
  const fullEnd = pos + (odd ? (chars - 1) >> 1 : chars >> 1);
  for (; pos + 4 <= fullEnd; pos += 4) {
    const b0 = bytes[pos] as number;
    const b1 = bytes[pos + 1] as number;
    const b2 = bytes[pos + 2] as number;
    const b3 = bytes[pos + 3] as number;
    const h0 = highs[b0] as number;
    const l0 = lows[b0] as number;
    const h1 = highs[b1] as number;
    const l1 = lows[b1] as number;
    const h2 = highs[b2] as number;
    const l2 = lows[b2] as number;
    const h3 = highs[b3] as number;
    const l3 = lows[b3] as number;
    if ((h0 | l0 | h1 | l1 | h2 | l2 | h3 | l3) < 0) return undefined;
    value += String.fromCharCode(h0, l0, h1, l1, h2, l2, h3, l3);
  }
  for (; pos < fullEnd; pos++) {
    const pair = pairs[bytes[pos] as number];
    if (pair === undefined) return undefined;
    value += pair;
  }
  if (odd && alignLeft) {
    const byte = bytes[pos] as number;
    const high = nibbles[byte >> 4];
    if (high === undefined || !isPadNibble(byte & 15)) return undefined;
    value += high;
  }
  return value;
}

/**
 * writeBcd for charset `n` (digits only), by arithmetic instead of a table: returns the offset after
 * the value, or -1 when a character is not a digit (writeBcd then says which).
 */
export function writeDigits(
  value: string,
  alignLeft: boolean,
  padNibble: number,
  out: Uint8Array,
  offset: number,
): number {
  const length = value.length;
  const odd = (length & 1) === 1;
  let pos = offset;
  let i = 0;
  // A digit d gives d and 9 - d both in 0–9; anything else makes one of them negative.
  let bad = 0;
  if (odd && !alignLeft) {
    const low = value.charCodeAt(0) - 0x30;
    bad |= low | (9 - low);
    out[pos++] = (padNibble << 4) | low;
    i = 1;
  }
  for (; i + 1 < length; i += 2) {
    const high = value.charCodeAt(i) - 0x30;
    const low = value.charCodeAt(i + 1) - 0x30;
    bad |= high | low | (9 - high) | (9 - low);
    out[pos++] = (high << 4) | low;
  }
  if (odd && alignLeft) {
    const high = value.charCodeAt(i) - 0x30;
    bad |= high | (9 - high);
    out[pos++] = (high << 4) | padNibble;
  }
  return bad < 0 ? -1 : pos;
}

export interface InvalidNibble {
  /** Index of the offending character in the value, or -1 for a pad nibble. */
  readonly charIndex: number;
  readonly byteOffset: number;
  readonly isPad: boolean;
}

/** The slow path after readBcd failed: which nibble is wrong. */
export function findInvalidNibble(
  bytes: Uint8Array,
  offset: number,
  chars: number,
  tables: NibbleTables,
  alignLeft: boolean,
): InvalidNibble {
  const nibbles = tables.nibbleToChar;
  const odd = (chars & 1) === 1;
  const totalNibbles = odd ? chars + 1 : chars;
  for (let n = 0; n < totalNibbles; n++) {
    const byteOffset = offset + (n >> 1);
    const byte = bytes[byteOffset] as number;
    const nibble = (n & 1) === 0 ? byte >> 4 : byte & 15;
    const isPad = odd && (alignLeft ? n === totalNibbles - 1 : n === 0);
    if (isPad ? !isPadNibble(nibble) : nibbles[nibble] === undefined) {
      const charIndex = isPad ? -1 : odd && !alignLeft ? n - 1 : n;
      return { charIndex, byteOffset, isPad };
    }
  }
  return { charIndex: -1, byteOffset: offset, isPad: false };
}

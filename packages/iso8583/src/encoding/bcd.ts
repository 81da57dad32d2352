import { BYTE_TO_HEX } from './hex.js';

/** Charsets that pack two characters per byte. */
export type NibbleCharset = 'n' | 'x' | 'z';

const PAD_NIBBLES = new Set([0x0, 0xf]);

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

const CHAR_TO_NIBBLE: Readonly<Record<NibbleCharset, Int8Array>> = {
  n: buildCharToNibble('n'),
  x: buildCharToNibble('x'),
  z: buildCharToNibble('z'),
};
const NIBBLE_TO_CHAR: Readonly<Record<NibbleCharset, (string | undefined)[]>> = {
  n: Array.from({ length: 16 }, (_, nibble) => nibbleToChar('n', nibble)),
  x: Array.from({ length: 16 }, (_, nibble) => nibbleToChar('x', nibble)),
  z: Array.from({ length: 16 }, (_, nibble) => nibbleToChar('z', nibble)),
};
const BYTE_TO_PAIR: Readonly<Record<NibbleCharset, (string | undefined)[]>> = {
  n: buildByteToPair('n'),
  x: buildByteToPair('x'),
  z: buildByteToPair('z'),
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
  charset: NibbleCharset,
  alignLeft: boolean,
  padNibble: number,
  out: Uint8Array,
  offset: number,
): number {
  const table = CHAR_TO_NIBBLE[charset];
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

/** Reads `chars` packed characters; undefined when a nibble is not allowed (locate it with findInvalidNibble). */
export function readBcd(
  bytes: Uint8Array,
  offset: number,
  chars: number,
  charset: NibbleCharset,
  alignLeft: boolean,
): string | undefined {
  const pairs = BYTE_TO_PAIR[charset];
  const nibbles = NIBBLE_TO_CHAR[charset];
  const odd = (chars & 1) === 1;
  let pos = offset;
  let value = '';
  if (odd && !alignLeft) {
    const byte = bytes[pos++] as number;
    const low = nibbles[byte & 15];
    if (!PAD_NIBBLES.has(byte >> 4) || low === undefined) return undefined;
    value = low;
  }
  const fullBytes = odd ? (chars - 1) >> 1 : chars >> 1;
  for (let k = 0; k < fullBytes; k++) {
    const pair = pairs[bytes[pos++] as number];
    if (pair === undefined) return undefined;
    value += pair;
  }
  if (odd && alignLeft) {
    const byte = bytes[pos] as number;
    const high = nibbles[byte >> 4];
    if (high === undefined || !PAD_NIBBLES.has(byte & 15)) return undefined;
    value += high;
  }
  return value;
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
  charset: NibbleCharset,
  alignLeft: boolean,
): InvalidNibble {
  const nibbles = NIBBLE_TO_CHAR[charset];
  const odd = (chars & 1) === 1;
  const totalNibbles = odd ? chars + 1 : chars;
  for (let n = 0; n < totalNibbles; n++) {
    const byteOffset = offset + (n >> 1);
    const byte = bytes[byteOffset] as number;
    const nibble = (n & 1) === 0 ? byte >> 4 : byte & 15;
    const isPad = odd && (alignLeft ? n === totalNibbles - 1 : n === 0);
    if (isPad ? !PAD_NIBBLES.has(nibble) : nibbles[nibble] === undefined) {
      const charIndex = isPad ? -1 : odd && !alignLeft ? n - 1 : n;
      return { charIndex, byteOffset, isPad };
    }
  }
  return { charIndex: -1, byteOffset: offset, isPad: false };
}

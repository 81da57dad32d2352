import { EBCDIC_037_TO_LATIN1, LATIN1_TO_EBCDIC_037 } from './ebcdic-037.js';
import { latin1String } from './latin1-string.js';

/**
 * Writes text as ASCII or EBCDIC 037 bytes, checking each character against `allowed` (one flag per
 * Latin-1 code point) on the way. Returns the index of the first rejected character (the output is
 * then incomplete), or -1.
 */
export function writeText(
  value: string,
  allowed: Uint8Array,
  ebcdic: boolean,
  out: Uint8Array,
  offset: number,
): number {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff || allowed[code] === 0) return i;
    out[offset + i] = ebcdic ? (LATIN1_TO_EBCDIC_037[code] as number) : code;
  }
  return -1;
}

/** Reads bytes [start, end) as Latin-1 text (ASCII) or through EBCDIC 037. */
export function readText(bytes: Uint8Array, start: number, end: number, ebcdic: boolean): string {
  if (ebcdic) {
    let text = '';
    for (let i = start; i < end; i++)
      text += String.fromCharCode(EBCDIC_037_TO_LATIN1[bytes[i] as number] as number);
    return text;
  }
  return latin1String(bytes, start, end - start);
}

/** EBCDIC bytes [start, end) mapped to Latin-1 code points, for charset checks. */
export function ebcdicToLatin1(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const mapped = new Uint8Array(end - start);
  for (let i = start; i < end; i++) mapped[i - start] = EBCDIC_037_TO_LATIN1[bytes[i] as number] as number;
  return mapped;
}

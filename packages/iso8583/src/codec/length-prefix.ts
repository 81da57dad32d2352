import type { PrefixSpec } from '../spec/spec-types.js';
import { EBCDIC_037_TO_LATIN1, LATIN1_TO_EBCDIC_037 } from '../encoding/ebcdic-037.js';

/** Reads and writes the count in front of a variable-length field. */
export interface LengthPrefixCodec {
  /** Bytes the prefix occupies. */
  readonly size: number;
  /** The largest count the prefix can express. */
  readonly capacity: number;
  /** The count at `pos`, or -1 when the prefix bytes are not a valid number. */
  read(bytes: Uint8Array, pos: number): number;
  write(count: number, out: Uint8Array, pos: number): void;
}

export function prefixCapacity(prefix: PrefixSpec): number {
  return prefix.encoding === 'binary' ? 256 ** prefix.bytes - 1 : 10 ** prefix.digits - 1;
}

export function compileLengthPrefix(prefix: PrefixSpec): LengthPrefixCodec {
  const capacity = prefixCapacity(prefix);
  if (prefix.encoding === 'binary') {
    const size = prefix.bytes;
    return {
      size,
      capacity,
      read: (bytes, pos) =>
        size === 1 ? (bytes[pos] as number) : ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number),
      write: (count, out, pos) => {
        if (size === 2) out[pos++] = count >> 8;
        out[pos] = count & 0xff;
      },
    };
  }
  const digits = prefix.digits;
  if (prefix.encoding === 'bcd') {
    const size = (digits + 1) >> 1;
    return {
      size,
      capacity,
      read: (bytes, pos) => {
        let count = 0;
        for (let i = 0; i < size; i++) {
          const byte = bytes[pos + i] as number;
          const high = byte >> 4;
          const low = byte & 15;
          // An odd digit count leaves one leading nibble that must be 0.
          if (high > 9 || low > 9 || (i === 0 && digits % 2 === 1 && high !== 0)) return -1;
          count = count * 100 + high * 10 + low;
        }
        return count;
      },
      write: (count, out, pos) => {
        for (let i = size - 1; i >= 0; i--) {
          const pair = count % 100;
          out[pos + i] = (Math.floor(pair / 10) << 4) | (pair % 10);
          count = Math.floor(count / 100);
        }
      },
    };
  }
  const ebcdic = prefix.encoding === 'ebcdic';
  return {
    size: digits,
    capacity,
    read: (bytes, pos) => {
      let count = 0;
      for (let i = 0; i < digits; i++) {
        const raw = bytes[pos + i] as number;
        const code = ebcdic ? (EBCDIC_037_TO_LATIN1[raw] as number) : raw;
        if (code < 0x30 || code > 0x39) return -1;
        count = count * 10 + (code - 0x30);
      }
      return count;
    },
    write: (count, out, pos) => {
      for (let i = digits - 1; i >= 0; i--) {
        const code = 0x30 + (count % 10);
        out[pos + i] = ebcdic ? (LATIN1_TO_EBCDIC_037[code] as number) : code;
        count = Math.floor(count / 10);
      }
    },
  };
}

import { BYTE_TO_HEX, HEX_CHAR_TO_NIBBLE } from '../encoding/hex.js';
import { iso8583Error } from '../errors.js';
import type { Cursor } from './field-codec.js';
import type { ByteWriter } from './byte-writer.js';

const BITMAP_BYTES = 8;

function setBit(bits: Uint8Array, start: number, field: number): void {
  const index = start + ((field - 1) >> 3);
  bits[index] = (bits[index] as number) | (0x80 >> ((field - 1) & 7));
}

/** Reads and writes 1–3 chained 64-bit bitmaps (bit 1 → secondary, bit 65 → tertiary when allowed). */
export class BitmapCodec {
  /** The bits read by the last `read`, one byte per 8 fields; only the first `count × 8` bytes are current. */
  readonly bits = new Uint8Array(3 * BITMAP_BYTES);
  private readonly hex: boolean;
  private readonly maxBitmaps: 1 | 2 | 3;

  constructor(encoding: 'binary' | 'hex', maxBitmaps: 1 | 2 | 3) {
    this.hex = encoding === 'hex';
    this.maxBitmaps = maxBitmaps;
  }

  /** Reads the bitmaps at cursor.pos into `bits`; returns how many were present. */
  read(bytes: Uint8Array, cursor: Cursor, end: number): number {
    let count = 0;
    do {
      if (count === this.maxBitmaps) {
        const bit = count * 64 + 1 - 64;
        throw iso8583Error(
          'ISO8583_INVALID_BITMAP',
          `bit ${bit} announces bitmap ${count + 1} but this spec allows ${this.maxBitmaps}`,
          {
            field: null,
            phase: 'bitmap',
            offset: cursor.pos - this.wireSize(),
            need: this.maxBitmaps,
            have: count + 1,
          },
        );
      }
      this.readOne(bytes, cursor, end, count);
      count++;
    } while ((this.bits[(count - 1) * BITMAP_BYTES] as number) & 0x80 && this.chains(count));
    return count;
  }

  /**
   * Whether the first bit of bitmap `count` announces another bitmap: bit 1 always (an error when
   * only the primary is allowed), bit 65 only with tertiary bitmaps. Bit 129 is field 129.
   */
  private chains(count: number): boolean {
    return count === 1 || (count === 2 && this.maxBitmaps === 3);
  }

  private wireSize(): number {
    return this.hex ? 2 * BITMAP_BYTES : BITMAP_BYTES;
  }

  private readOne(bytes: Uint8Array, cursor: Cursor, end: number, index: number): void {
    const pos = cursor.pos;
    const size = this.wireSize();
    if (pos + size > end) {
      throw iso8583Error('ISO8583_TRUNCATED', `bitmap ${index + 1} is cut off`, {
        field: null,
        phase: 'bitmap',
        offset: pos,
        need: size,
        have: end - pos,
      });
    }
    const target = index * BITMAP_BYTES;
    if (!this.hex) {
      for (let i = 0; i < BITMAP_BYTES; i++) this.bits[target + i] = bytes[pos + i] as number;
    } else {
      for (let i = 0; i < BITMAP_BYTES; i++) {
        const high = HEX_CHAR_TO_NIBBLE[bytes[pos + 2 * i] as number] as number;
        const low = HEX_CHAR_TO_NIBBLE[bytes[pos + 2 * i + 1] as number] as number;
        if (high < 0 || low < 0) {
          throw iso8583Error('ISO8583_INVALID_CHARACTER', `bitmap ${index + 1} is not hex`, {
            field: null,
            phase: 'bitmap',
            offset: pos + 2 * i + (high < 0 ? 0 : 1),
          });
        }
        this.bits[target + i] = (high << 4) | low;
      }
    }
    cursor.pos = pos + size;
  }

  /** Writes `count` bitmaps for the ascending field numbers in `present`, setting the chaining bits. */
  write(present: Int32Array, presentCount: number, count: number, w: ByteWriter): void {
    const total = count * BITMAP_BYTES;
    const binaryStart = this.hex ? 0 : w.reserve(total);
    // Binary bitmaps are built in place in the output; hex ones in `bits`, then written as hex.
    const bits = this.hex ? this.bits : w.bytes;
    bits.fill(0, binaryStart, binaryStart + total);
    for (let i = 0; i < presentCount; i++) setBit(bits, binaryStart, present[i] as number);
    if (count >= 2) setBit(bits, binaryStart, 1);
    if (count === 3) setBit(bits, binaryStart, 65);
    if (!this.hex) return;
    let pos = w.reserve(total * 2);
    const out = w.bytes;
    for (let i = 0; i < total; i++) {
      const hex = BYTE_TO_HEX[bits[i] as number] as string;
      out[pos++] = hex.charCodeAt(0);
      out[pos++] = hex.charCodeAt(1);
    }
  }
}

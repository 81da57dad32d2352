/**
 * The oracle for re-packing bytes the tolerant reader accepted. pack(unpack(b)) must equal b except
 * where the reader canonicalises (docs/adr/0002-iso8583-value-model.md):
 *   1. a BCD pad nibble of F (or 0) is written as the spec's pad nibble;
 *   2. lower-case hex (hex-encoded fields, hex bitmaps) is written in upper case;
 *   3. a bitmap that announces no field is dropped: a secondary one without fields 65–128 (bit 1
 *      cleared), a tertiary one without fields 129–192 (bit 65 cleared).
 * Any other difference is reported with its offset (plain throws, not `expect`: fuzz loops call this a lot).
 */
import {
  bytesToHex,
  type FieldSpec,
  type Iso8583Message,
  type MessageCodec,
  type MessageLayout,
} from '@payterm/iso8583';

const mtiSize = (codec: MessageCodec): number => (codec.spec.mti.encoding === 'bcd' ? 2 : 4);
const bitmapSize = (codec: MessageCodec): number => (codec.spec.bitmap.encoding === 'hex' ? 16 : 8);
const isLowerHex = (byte: number): boolean => byte >= 0x61 && byte <= 0x66;

function firstFieldStart(message: Iso8583Message, layout: MessageLayout): number {
  const numbers = Object.keys(message.fields).map(Number);
  return numbers.length === 0 ? layout.end : (layout.field(Math.min(...numbers))?.start ?? layout.end);
}

/** Whether the first bit of bitmap `index` (0-based) is set in the input. */
function chainBitSet(codec: MessageCodec, input: Uint8Array, bitmapStart: number, index: number): boolean {
  const at = bitmapStart + index * bitmapSize(codec);
  const first = input[at] as number;
  const nibble = codec.spec.bitmap.encoding === 'hex' ? parseInt(String.fromCharCode(first), 16) : first >> 4;
  return (nibble & 0x8) !== 0;
}

/** Clears the first bit of bitmap `index` (writing hex in upper case, as pack does). */
function clearChainBit(codec: MessageCodec, bytes: Uint8Array, bitmapStart: number, index: number): void {
  const at = bitmapStart + index * bitmapSize(codec);
  const first = bytes[at] as number;
  if (codec.spec.bitmap.encoding === 'hex') {
    const nibble = parseInt(String.fromCharCode(first), 16) & 0x7;
    bytes[at] = nibble.toString(16).toUpperCase().charCodeAt(0);
  } else {
    bytes[at] = first & 0x7f;
  }
}

/**
 * Rule 3: the input without the bitmaps the reader consumed but pack will not write (a secondary
 * bitmap with no field 65–128, a tertiary one with no field 129–192), their chaining bit cleared.
 */
function withoutEmptyBitmaps(
  codec: MessageCodec,
  input: Uint8Array,
  message: Iso8583Message,
  mtiStart: number,
): Uint8Array {
  const bitmapStart = mtiStart + mtiSize(codec);
  const maxBitmaps = codec.spec.bitmap.maxBitmaps;
  let read = 1;
  while (
    read < maxBitmaps &&
    (read === 1 || maxBitmaps === 3) &&
    chainBitSet(codec, input, bitmapStart, read - 1)
  )
    read++;
  const highest = Math.max(0, ...Object.keys(message.fields).map(Number));
  const written = highest > 128 ? 3 : highest > 64 ? 2 : 1;
  if (read <= written) return input;
  const size = bitmapSize(codec);
  const keepEnd = bitmapStart + written * size;
  const dropEnd = bitmapStart + read * size;
  const out = new Uint8Array(input.length - (dropEnd - keepEnd));
  out.set(input.subarray(0, keepEnd));
  out.set(input.subarray(dropEnd), keepEnd);
  clearChainBit(codec, out, bitmapStart, written - 1);
  return out;
}

interface NibbleSlot {
  readonly spec: FieldSpec;
  readonly dataStart: number;
  readonly end: number;
  readonly chars: number;
}

/** Rule 1 for one BCD item: only its pad nibble may change, and only to the spec's pad. */
function isPadNibble(slot: NibbleSlot, index: number, was: number, now: number): boolean {
  const { spec } = slot;
  if (spec.encoding !== 'bcd' || spec.unit === 'bytes' || slot.chars % 2 === 0) return false;
  const pad = spec.pad === 'F' ? 0xf : 0;
  if (spec.align === 'right') {
    return (
      index === slot.dataStart &&
      (was & 0xf) === (now & 0xf) &&
      [0, 0xf].includes(was >> 4) &&
      now >> 4 === pad
    );
  }
  return (
    index === slot.end - 1 && was >> 4 === now >> 4 && [0, 0xf].includes(was & 0xf) && (now & 0xf) === pad
  );
}

/** The header part holding byte `index` (header parts are fixed-length, one after another). */
function headerSlot(codec: MessageCodec, index: number): NibbleSlot | undefined {
  let start = 0;
  for (const part of codec.spec.headers) {
    if (part.length.kind !== 'fixed') return undefined;
    const chars = part.length.length;
    const size = part.encoding === 'bcd' && part.unit !== 'bytes' ? Math.ceil(chars / 2) : chars;
    if (index < start + size) return { spec: part, dataStart: start, end: start + size, chars };
    start += size;
  }
  return undefined;
}

/** Rules 1 and 2 for the byte at `index` (offsets of the re-packed message). */
function isCanonicalised(
  codec: MessageCodec,
  message: Iso8583Message,
  layout: MessageLayout,
  index: number,
  was: number,
  now: number,
): boolean {
  if (index < layout.mtiStart) {
    const slot = headerSlot(codec, index);
    return slot !== undefined && isPadNibble(slot, index, was, now);
  }
  const bitmapStart = layout.mtiStart + mtiSize(codec);
  if (index >= bitmapStart && index < firstFieldStart(message, layout)) {
    return codec.spec.bitmap.encoding === 'hex' && isLowerHex(was) && now === was - 0x20;
  }
  for (const [number, value] of Object.entries(message.fields)) {
    const span = layout.field(Number(number));
    const spec = codec.fieldSpec(Number(number));
    if (span === undefined || spec === undefined || index < span.dataStart || index >= span.end) continue;
    if (spec.encoding === 'hex') return isLowerHex(was) && now === was - 0x20;
    const chars = typeof value === 'string' ? value.length : 0;
    return isPadNibble({ spec, dataStart: span.dataStart, end: span.end, chars }, index, was, now);
  }
  return false;
}

/** Asserts that pack(message) reproduces `input` (which unpacked to `message`) up to the three rules. */
export function expectCanonicalRepack(codec: MessageCodec, input: Uint8Array, message: Iso8583Message): void {
  const { layout: inputLayout } = codec.unpackWithLayout(input);
  const expected = withoutEmptyBitmaps(codec, input, message, inputLayout.mtiStart);
  const repacked = codec.pack(message);
  const { layout } = codec.unpackWithLayout(repacked);
  const unexplained: string[] = [];
  if (repacked.length !== expected.length) unexplained.push(`length ${expected.length} → ${repacked.length}`);
  for (let i = 0; i < Math.min(expected.length, repacked.length); i++) {
    const was = expected[i] as number;
    const now = repacked[i] as number;
    if (was !== now && !isCanonicalised(codec, message, layout, i, was, now))
      unexplained.push(`byte ${i}: ${bytesToHex(Uint8Array.of(was))} → ${bytesToHex(Uint8Array.of(now))}`);
  }
  if (unexplained.length > 0) {
    throw new Error(
      `re-pack differs beyond canonicalisation: ${unexplained.join(', ')}\n` +
        `input    ${bytesToHex(input)}\nrepacked ${bytesToHex(repacked)}`,
    );
  }
}

import type { FieldSpec, FieldValue, Iso8583Message, MessageCodec } from '@payterm/iso8583';

/**
 * The floor of pack + unpack for one message shape in this runtime: the least work any codec that
 * returns this value model (strings, and byte arrays of their own) must do. Pack writes each value at
 * its known offset (prefixes, MTI and bitmap copied as they are); unpack builds each value from its
 * known offset. No bitmap walk, no length prefixes read, no charset, pad or TLV checks, no spans: a
 * codec (hand-written, generated or compiled) can only be slower. It answers whether a throughput
 * target is reachable on the machine at all, not how good the codec is.
 */

type SlotKind = 'nibbles' | 'text' | 'bytes';

interface Slot {
  readonly number: number;
  readonly kind: SlotKind;
  /** Where the value's bytes start and end in the reference bytes. */
  readonly dataStart: number;
  readonly end: number;
  /** Characters of a nibble value (odd: one pad nibble). */
  readonly chars: number;
  readonly alignLeft: boolean;
  readonly padNibble: number;
}

/** Nibble → character code of a digit or track-2 value (`D` is written `=`), per byte half. */
const HIGH_CODES = new Uint16Array(256);
const LOW_CODES = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  HIGH_CODES[byte] = nibbleCode(byte >> 4);
  LOW_CODES[byte] = nibbleCode(byte & 15);
}
function nibbleCode(nibble: number): number {
  return nibble === 0xd ? 0x3d : 0x30 + nibble;
}

function slotKind(spec: FieldSpec): SlotKind {
  if (spec.encoding === 'binary') return 'bytes';
  if (spec.encoding === 'bcd') return 'nibbles';
  return 'text';
}

function readNibbles(bytes: Uint8Array, slot: Slot): string {
  const f = String.fromCharCode;
  let pos = slot.dataStart;
  const odd = (slot.chars & 1) === 1;
  let text = '';
  if (odd && !slot.alignLeft) text = f(LOW_CODES[bytes[pos++] as number] as number);
  const pairsEnd = pos + (slot.chars >> 1);
  for (; pos + 4 <= pairsEnd; pos += 4) {
    const b0 = bytes[pos] as number;
    const b1 = bytes[pos + 1] as number;
    const b2 = bytes[pos + 2] as number;
    const b3 = bytes[pos + 3] as number;
    text += f(
      HIGH_CODES[b0] as number,
      LOW_CODES[b0] as number,
      HIGH_CODES[b1] as number,
      LOW_CODES[b1] as number,
      HIGH_CODES[b2] as number,
      LOW_CODES[b2] as number,
      HIGH_CODES[b3] as number,
      LOW_CODES[b3] as number,
    );
  }
  for (; pos < pairsEnd; pos++) {
    const b = bytes[pos] as number;
    text += f(HIGH_CODES[b] as number, LOW_CODES[b] as number);
  }
  if (odd && slot.alignLeft) text += f(HIGH_CODES[bytes[pos] as number] as number);
  return text;
}

function writeNibbles(value: string, out: Uint8Array, slot: Slot): void {
  let pos = slot.dataStart;
  let i = 0;
  const length = value.length;
  const odd = (length & 1) === 1;
  if (odd && !slot.alignLeft) out[pos++] = (slot.padNibble << 4) | ((value.charCodeAt(i++) - 0x30) & 15);
  for (; i + 1 < length; i += 2) {
    out[pos++] = (((value.charCodeAt(i) - 0x30) & 15) << 4) | ((value.charCodeAt(i + 1) - 0x30) & 15);
  }
  if (odd && slot.alignLeft) out[pos] = (((value.charCodeAt(i) - 0x30) & 15) << 4) | slot.padNibble;
}

function readText(bytes: Uint8Array, start: number, end: number): string {
  const f = String.fromCharCode;
  let text = '';
  let i = start;
  for (; i + 8 <= end; i += 8) {
    text += f(
      bytes[i] as number,
      bytes[i + 1] as number,
      bytes[i + 2] as number,
      bytes[i + 3] as number,
      bytes[i + 4] as number,
      bytes[i + 5] as number,
      bytes[i + 6] as number,
      bytes[i + 7] as number,
    );
  }
  for (; i < end; i++) text += f(bytes[i] as number);
  return text;
}

export interface CodecFloor {
  /** Writes `message` (of the reference's shape) into `out`; returns the end offset. */
  packInto(message: Iso8583Message, out: Uint8Array): number;
  unpack(bytes: Uint8Array): Iso8583Message;
}

/**
 * The floor for messages shaped like `reference` (same fields, same value lengths), built from the
 * codec's own layout of it. Nibble fields are digits or track 2 (`=`); the suite checks both
 * directions against the codec before timing.
 */
export function codecFloor(codec: MessageCodec, reference: Iso8583Message): CodecFloor {
  const { bytes: packed, layout } = codec.packWithLayout(reference);
  const fields = reference.fields as readonly (FieldValue | undefined)[];
  const slots: Slot[] = [];
  const numbers = Object.keys(reference.fields).map(Number);
  for (const number of numbers) {
    const span = layout.field(number);
    const spec = codec.fieldSpec(number);
    const value = fields[number];
    if (span === undefined || spec === undefined || value === undefined) {
      throw new Error(`codec floor: field ${number} has no span or spec`);
    }
    slots.push({
      number,
      kind: slotKind(spec),
      dataStart: span.dataStart,
      end: span.end,
      chars: typeof value === 'string' ? value.length : value.length * 2,
      alignLeft: spec.align !== 'right',
      padNibble: spec.pad === 'F' || spec.pad === 'f' ? 0xf : 0,
    });
  }
  /** Headers, MTI, bitmap and every prefix: the bytes that are not values, copied as they are. */
  const frame = packed.slice();
  const headers = reference.headers ?? {};
  const mtiStart = layout.mtiStart;
  const fieldCount = 1 + Math.max(...numbers);
  const mtiSlot: Slot = {
    number: 0,
    kind: 'nibbles',
    dataStart: mtiStart,
    end: mtiStart + 2,
    chars: 4,
    alignLeft: true,
    padNibble: 0,
  };
  // The header parts are BCD, back to back before the MTI.
  let headerStart = 0;
  const headerSpans = Object.entries(headers).map(([id, value]) => {
    const slot: Slot = {
      ...mtiSlot,
      dataStart: headerStart,
      end: headerStart + value.length / 2,
      chars: value.length,
    };
    headerStart = slot.end;
    return { id, slot };
  });
  const end = layout.end;
  return {
    packInto(message, out) {
      out.set(frame.subarray(0, end));
      const values = message.fields as readonly (FieldValue | undefined)[];
      for (const slot of slots) {
        const value = values[slot.number] as FieldValue;
        if (slot.kind === 'bytes') out.set(value as Uint8Array, slot.dataStart);
        else if (slot.kind === 'nibbles') writeNibbles(value as string, out, slot);
        else {
          const text = value as string;
          for (let i = 0; i < text.length; i++) out[slot.dataStart + i] = text.charCodeAt(i);
        }
      }
      return end;
    },
    unpack(bytes) {
      const values = new Array<FieldValue>(fieldCount);
      for (const slot of slots) {
        values[slot.number] =
          slot.kind === 'bytes'
            ? slot.end - slot.dataStart > 64
              ? bytes.subarray(slot.dataStart, slot.end)
              : bytes.slice(slot.dataStart, slot.end)
            : slot.kind === 'nibbles'
              ? readNibbles(bytes, slot)
              : readText(bytes, slot.dataStart, slot.end);
      }
      const headerValues: Record<string, string> = {};
      for (const { id, slot } of headerSpans) headerValues[id] = readNibbles(bytes, slot);
      return { mti: readNibbles(bytes, mtiSlot), headers: headerValues, fields: values };
    },
  };
}

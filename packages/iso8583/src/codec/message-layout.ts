import { iso8583Error } from '../errors.js';

/** Where one field sits in packed bytes: its prefix starts at `start`, its data at `dataStart`. */
export interface FieldSpan {
  readonly start: number;
  readonly dataStart: number;
  readonly end: number;
}

/** Offsets of the parts of one packed or unpacked message. */
export class MessageLayout {
  readonly mtiStart: number;
  readonly end: number;
  private readonly spans: ReadonlyMap<number, FieldSpan>;

  constructor(mtiStart: number, end: number, spans: ReadonlyMap<number, FieldSpan>) {
    this.mtiStart = mtiStart;
    this.end = end;
    this.spans = spans;
  }

  field(number: number): FieldSpan | undefined {
    return this.spans.get(number);
  }

  /**
   * The MAC input block: from the MTI up to the start of the MAC field (CUP POS: MTI … field 63).
   * Throws ISO8583_INVALID_VALUE when the MAC field is absent: a MAC needs its slot in the message.
   */
  macInput(bytes: Uint8Array, macField = 64): Uint8Array {
    const span = this.spans.get(macField);
    if (span === undefined) {
      throw iso8583Error('ISO8583_INVALID_VALUE', `field ${macField} (the MAC) is not in the message`, {
        field: String(macField),
        phase: 'message',
      });
    }
    return bytes.subarray(this.mtiStart, span.start);
  }
}

/**
 * Spans of the last pack/unpack in reused arrays, filled by the message loops directly (a method
 * call per field measured 6–12 % of a pack or unpack); snapshot() copies them into a MessageLayout.
 * Fields sit back to back, so each ends where the next one starts and the last at `end`.
 */
export class SpanRecorder {
  mtiStart = 0;
  end = 0;
  /** Where each recorded field starts, by field number. */
  readonly starts: Int32Array;
  /** The recorded field numbers in wire order; `count` of them are current. */
  readonly order: Int32Array;
  count = 0;
  private readonly prefixSizes: Uint8Array;

  constructor(prefixSizes: Uint8Array) {
    this.prefixSizes = prefixSizes;
    this.starts = new Int32Array(prefixSizes.length);
    this.order = new Int32Array(prefixSizes.length);
  }

  reset(): void {
    this.count = 0;
    this.mtiStart = 0;
    this.end = 0;
  }

  snapshot(): MessageLayout {
    const spans = new Map<number, FieldSpan>();
    for (let i = 0; i < this.count; i++) {
      const field = this.order[i] as number;
      const start = this.starts[field] as number;
      const end = i + 1 < this.count ? (this.starts[this.order[i + 1] as number] as number) : this.end;
      spans.set(field, { start, dataStart: start + (this.prefixSizes[field] as number), end });
    }
    return new MessageLayout(this.mtiStart, this.end, spans);
  }
}

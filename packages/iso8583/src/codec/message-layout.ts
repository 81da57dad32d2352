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

/** Records spans during pack/unpack into reused arrays; snapshot() copies them into a MessageLayout. */
export class SpanRecorder {
  mtiStart = 0;
  end = 0;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly prefixSizes: Uint8Array;
  /** Field numbers recorded since the last reset, in order; a counter instead of `length = 0`, which is slow. */
  private readonly recorded: Int32Array;
  private recordedCount = 0;

  constructor(prefixSizes: Uint8Array) {
    this.prefixSizes = prefixSizes;
    this.starts = new Int32Array(prefixSizes.length);
    this.ends = new Int32Array(prefixSizes.length);
    this.recorded = new Int32Array(prefixSizes.length);
  }

  reset(): void {
    this.recordedCount = 0;
    this.mtiStart = 0;
    this.end = 0;
  }

  record(field: number, start: number, end: number): void {
    this.starts[field] = start;
    this.ends[field] = end;
    this.recorded[this.recordedCount++] = field;
  }

  snapshot(): MessageLayout {
    const spans = new Map<number, FieldSpan>();
    for (let i = 0; i < this.recordedCount; i++) {
      const field = this.recorded[i] as number;
      const start = this.starts[field] as number;
      spans.set(field, {
        start,
        dataStart: start + (this.prefixSizes[field] as number),
        end: this.ends[field] as number,
      });
    }
    return new MessageLayout(this.mtiStart, this.end, spans);
  }
}

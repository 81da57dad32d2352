import { iso8583Error } from '../errors.js';

/** Where one field sits in packed bytes: its prefix starts at `start`, its data at `dataStart`. */
export interface FieldSpan {
  readonly start: number;
  readonly dataStart: number;
  readonly end: number;
}

const NO_SPANS: ReadonlyMap<number, FieldSpan> = new Map();

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
    const span = this.field(macField);
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
 * A recorded layout kept compact: the field numbers and starts in wire order, one plain array. The
 * host snapshots two layouts per sale and asks each for field 64 only, so a span object (and a Map
 * entry) per field cost more than the lookups; field() builds the one span it is asked for.
 */
class RecordedLayout extends MessageLayout {
  /** Field number and start of each field in wire order, pairwise. */
  private readonly starts: readonly number[];
  private readonly prefixSizes: Uint8Array;

  constructor(mtiStart: number, end: number, starts: readonly number[], prefixSizes: Uint8Array) {
    super(mtiStart, end, NO_SPANS);
    this.starts = starts;
    this.prefixSizes = prefixSizes;
  }

  override field(number: number): FieldSpan | undefined {
    const starts = this.starts;
    for (let i = 0; i < starts.length; i += 2) {
      if (starts[i] !== number) continue;
      const start = starts[i + 1] as number;
      const end = i + 3 < starts.length ? (starts[i + 3] as number) : this.end;
      return { start, dataStart: start + (this.prefixSizes[number] as number), end };
    }
    return undefined;
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
  /** Per field number, the size of its length prefix; fixed for the codec, so layouts share it. */
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
    const count = this.count;
    const order = this.order;
    const starts: number[] = new Array<number>(count * 2);
    for (let i = 0; i < count; i++) {
      const field = order[i] as number;
      starts[2 * i] = field;
      starts[2 * i + 1] = this.starts[field] as number;
    }
    return new RecordedLayout(this.mtiStart, this.end, starts, this.prefixSizes);
  }
}

import { Iso8583Error, iso8583Error } from '../errors.js';
import type { LengthPrefixKind } from '../spec/spec-types.js';
import { FRAME_CAPACITY, framePrefixSize, readFrameLength } from './frame-codec.js';

/**
 * A frame decoder's failure. Frames completed earlier in the same chunk are not lost: they are in
 * `completedFrames` (not part of the JSON form), so a server can still answer them before closing.
 */
export class FrameDecoderError extends Iso8583Error {
  readonly completedFrames: readonly Uint8Array[];

  constructor(failure: Iso8583Error, completedFrames: readonly Uint8Array[]) {
    super(failure.code, failure.message, failure.details);
    Object.defineProperty(this, 'completedFrames', { value: completedFrames, enumerable: false });
    this.completedFrames = completedFrames;
  }
}

export interface FrameDecoderOptions {
  readonly lengthPrefix: LengthPrefixKind;
  /** Largest payload accepted; a longer announcement fails the decoder (the stream cannot be trusted after it). */
  readonly maxLength: number;
}

/**
 * Reassembles frames from arbitrary TCP chunks: one frame split over many chunks, many frames in one
 * chunk. It never holds more than one prefix plus `maxLength` bytes. After an error it stays failed:
 * the connection should be closed, because the next frame boundary is unknown.
 */
export class FrameDecoder {
  private readonly kind: LengthPrefixKind;
  private readonly prefixSize: number;
  private readonly maxLength: number;
  private readonly pending: Uint8Array;
  private filled = 0;
  /** Payload length of the frame being assembled, or -1 while its prefix is incomplete. */
  private expected = -1;
  private failure: Iso8583Error | undefined;
  /** Bytes consumed over the decoder's life, for error offsets. */
  private streamOffset = 0;

  constructor(options: FrameDecoderOptions) {
    const capacity = FRAME_CAPACITY[options.lengthPrefix];
    if (
      capacity === undefined ||
      !Number.isInteger(options.maxLength) ||
      options.maxLength < 0 ||
      options.maxLength > capacity
    ) {
      throw iso8583Error(
        'ISO8583_INVALID_VALUE',
        `a frame decoder needs a known length prefix and a maxLength of 0..${capacity ?? 0xffff}`,
        {
          field: null,
          phase: 'frame',
        },
      );
    }
    this.kind = options.lengthPrefix;
    this.prefixSize = framePrefixSize(options.lengthPrefix);
    this.maxLength = options.maxLength;
    this.pending = new Uint8Array(this.prefixSize + options.maxLength);
  }

  /** Bytes held for an incomplete frame. */
  get buffered(): number {
    return this.filled;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Feeds one chunk; returns the payloads (without prefix) completed by it, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure !== undefined) {
      throw iso8583Error(
        'ISO8583_FRAME_DECODER_FAILED',
        `the decoder failed earlier: ${this.failure.message}`,
        {
          field: null,
          phase: 'frame',
          offset: this.streamOffset,
        },
      );
    }
    const frames: Uint8Array[] = [];
    const prefixSize = this.prefixSize;
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.expected < 0) {
        if (this.filled === 0 && end - pos >= prefixSize) {
          // The prefix lies in this chunk: read it there, without copying it to `pending`.
          this.streamOffset += prefixSize;
          const length = this.checkedLength(chunk, pos);
          pos += prefixSize;
          if (typeof length !== 'number') {
            this.holdPrefix(chunk, pos);
            throw new FrameDecoderError(length, frames);
          }
          if (end - pos >= length) {
            frames.push(chunk.slice(pos, pos + length));
            pos += length;
            this.streamOffset += length;
            continue;
          }
          this.holdPrefix(chunk, pos);
          this.expected = length;
        } else {
          pos = this.fill(chunk, pos, prefixSize);
          if (this.filled < prefixSize) break;
          const length = this.checkedLength(this.pending, 0);
          if (typeof length !== 'number') throw new FrameDecoderError(length, frames);
          this.expected = length;
        }
      }
      const total = prefixSize + this.expected;
      if (this.filled === prefixSize && end - pos >= this.expected) {
        // The whole payload is in this chunk: copy it out directly.
        const stop = pos + this.expected;
        frames.push(chunk.slice(pos, stop));
        pos = stop;
        this.streamOffset += this.expected;
      } else {
        pos = this.fill(chunk, pos, total);
        if (this.filled < total) break;
        frames.push(this.pending.slice(prefixSize, total));
      }
      this.filled = 0;
      this.expected = -1;
    }
    return frames;
  }

  /** Moves the prefix that ends at chunk[pos] into `pending`, as if it had been filled from there. */
  private holdPrefix(chunk: Uint8Array, pos: number): void {
    const prefixSize = this.prefixSize;
    for (let i = 0; i < prefixSize; i++) this.pending[i] = chunk[pos - prefixSize + i] as number;
    this.filled = prefixSize;
  }

  /** Copies chunk bytes into `pending` until it holds `target` bytes; returns the new chunk position. */
  private fill(chunk: Uint8Array, pos: number, target: number): number {
    const take = Math.min(target - this.filled, chunk.length - pos);
    this.pending.set(chunk.subarray(pos, pos + take), this.filled);
    this.filled += take;
    this.streamOffset += take;
    return pos + take;
  }

  /** The announced length, or the failure (also recorded: the decoder stays failed). */
  private checkedLength(bytes: Uint8Array, pos: number): number | Iso8583Error {
    const length = readFrameLength(bytes, pos, this.kind);
    const offset = this.streamOffset - this.prefixSize;
    if (length < 0) {
      this.failure = iso8583Error(
        'ISO8583_INVALID_FRAME_LENGTH',
        'the frame length is not four ASCII digits',
        {
          field: null,
          phase: 'frame',
          offset,
        },
      );
      return this.failure;
    }
    if (length > this.maxLength) {
      this.failure = iso8583Error(
        'ISO8583_FRAME_TOO_LONG',
        `the frame announces ${length} bytes, more than the maximum ${this.maxLength}`,
        {
          field: null,
          phase: 'frame',
          offset,
          need: length,
          have: this.maxLength,
        },
      );
      return this.failure;
    }
    return length;
  }
}

/**
 * Framing: encodeFrame / readFrameLength for the 2-byte binary (CUP) and 4-digit ASCII prefixes, and
 * FrameDecoder reassembling frames from arbitrary TCP chunks without holding more than one frame.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@payterm/kernel';
import {
  FrameDecoder,
  FrameDecoderError,
  bytesToHex,
  encodeFrame,
  framePrefixSize,
  readFrameLength,
  type LengthPrefixKind,
} from '@payterm/iso8583';
import { CUP_POS_DUMPS, dumpBytes, hex } from './support/cup-pos-dumps.js';
import { catchIsoError, expectIsoError } from './support/iso-error-shape.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const payload = (length: number, seed = 1): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) & 0xff);

function feed(decoder: FrameDecoder, chunks: readonly Uint8Array[]): string[] {
  return chunks.flatMap((chunk) => decoder.push(chunk)).map((frame) => bytesToHex(frame));
}

describe('encodeFrame and readFrameLength', () => {
  it('binary-2: big-endian byte count of the payload', () => {
    expect(bytesToHex(encodeFrame(hex('0102'), 'binary-2'))).toBe('00020102');
    expect(bytesToHex(encodeFrame(payload(121), 'binary-2').subarray(0, 2))).toBe('0079');
    expect(bytesToHex(encodeFrame(payload(426), 'binary-2').subarray(0, 2))).toBe('01AA');
    expect(bytesToHex(encodeFrame(payload(65535), 'binary-2').subarray(0, 2))).toBe('FFFF');
    expect(bytesToHex(encodeFrame(new Uint8Array(), 'binary-2'))).toBe('0000');
  });

  it('ascii-4: four decimal digits', () => {
    expect(new TextDecoder().decode(encodeFrame(ascii('0800'), 'ascii-4'))).toBe('00040800');
    expect(new TextDecoder().decode(encodeFrame(payload(121), 'ascii-4').subarray(0, 4))).toBe('0121');
    expect(new TextDecoder().decode(encodeFrame(payload(9999), 'ascii-4').subarray(0, 4))).toBe('9999');
    expect(new TextDecoder().decode(encodeFrame(new Uint8Array(), 'ascii-4'))).toBe('0000');
  });

  it('refuses payloads the prefix cannot count: ISO8583_FRAME_TOO_LONG', () => {
    expectIsoError(() => encodeFrame(new Uint8Array(65536), 'binary-2'), 'ISO8583_FRAME_TOO_LONG', {
      phase: 'frame',
      need: 65536,
      have: 65535,
    });
    expectIsoError(() => encodeFrame(new Uint8Array(10000), 'ascii-4'), 'ISO8583_FRAME_TOO_LONG', {
      need: 10000,
      have: 9999,
    });
  });

  it('readFrameLength reads what encodeFrame wrote, and -1 for a non-digit ASCII length', () => {
    for (const kind of ['binary-2', 'ascii-4'] as const) {
      for (const length of [0, 1, 121, 426, 9999]) {
        expect(readFrameLength(encodeFrame(payload(length), kind), 0, kind)).toBe(length);
      }
    }
    expect(readFrameLength(ascii('xx01A3'), 2, 'ascii-4')).toBe(-1);
    expect(readFrameLength(ascii('00 9'), 0, 'ascii-4')).toBe(-1);
    expect(readFrameLength(hex('AA0102'), 1, 'binary-2')).toBe(0x0102);
    expect([framePrefixSize('binary-2'), framePrefixSize('ascii-4')]).toEqual([2, 4]);
  });

  it('the framed dumps carry their payload size', () => {
    for (const dump of CUP_POS_DUMPS.filter((candidate) => candidate.framed)) {
      const { wire, message } = dumpBytes(dump);
      expect(readFrameLength(wire, 0, 'binary-2')).toBe(message.length);
    }
  });
});

describe.each(['binary-2', 'ascii-4'] as const)('FrameDecoder (%s)', (kind: LengthPrefixKind) => {
  const size = framePrefixSize(kind);
  const frameA = encodeFrame(payload(40, 1), kind);
  const frameB = encodeFrame(payload(7, 2), kind);
  const frameC = encodeFrame(payload(100, 3), kind);
  const expected = [payload(40, 1), payload(7, 2), payload(100, 3)].map((bytes) => bytesToHex(bytes));

  it('one frame split over many chunks, at every possible split', () => {
    for (let cut = 0; cut < frameA.length; cut++) {
      const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
      expect(decoder.push(frameA.subarray(0, cut))).toEqual([]);
      expect(decoder.buffered).toBe(cut);
      expect(feed(decoder, [frameA.subarray(cut)])).toEqual([expected[0]]);
      expect(decoder.buffered).toBe(0);
    }
  });

  it('one frame fed byte by byte', () => {
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    const chunks = Array.from(frameC, (byte) => Uint8Array.of(byte));
    expect(feed(decoder, chunks)).toEqual([expected[2]]);
  });

  it('many frames in one chunk, in order', () => {
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    expect(feed(decoder, [concatBytes(frameA, frameB, frameC)])).toEqual(expected);
    expect(decoder.buffered).toBe(0);
  });

  it('frames straddling chunks, including a prefix split between two chunks', () => {
    const stream = concatBytes(frameA, frameB, frameC);
    const prefixCut = frameA.length + 1; // inside frame B's prefix
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    expect(feed(decoder, [stream.subarray(0, prefixCut)])).toEqual([expected[0]]);
    expect(decoder.buffered).toBe(1);
    expect(feed(decoder, [stream.subarray(prefixCut, prefixCut + size + 3)])).toEqual([]);
    expect(feed(decoder, [stream.subarray(prefixCut + size + 3, stream.length - 1)])).toEqual([expected[1]]);
    expect(feed(decoder, [stream.subarray(stream.length - 1)])).toEqual([expected[2]]);
  });

  it('zero-length frames: alone, between frames, and with the prefix ending a chunk', () => {
    const empty = encodeFrame(new Uint8Array(), kind);
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    expect(feed(decoder, [empty])).toEqual(['']);
    expect(feed(decoder, [concatBytes(frameB, empty, empty, frameB)])).toEqual([
      expected[1],
      '',
      '',
      expected[1],
    ]);
    expect(feed(decoder, [concatBytes(frameB, empty.subarray(0, 1)), empty.subarray(1)])).toEqual([
      expected[1],
      '',
    ]);
    expect(decoder.buffered).toBe(0);
  });

  it('a frame of exactly maxLength is accepted', () => {
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    expect(feed(decoder, [frameC])).toEqual([expected[2]]);
  });

  it('frames are copies: later chunks and reuse of the chunk do not change them', () => {
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 100 });
    const chunk = concatBytes(frameA, frameB.subarray(0, 3));
    const [first] = decoder.push(chunk);
    chunk.fill(0xee);
    const [second] = decoder.push(frameB.subarray(3));
    const [third] = decoder.push(concatBytes(frameC.subarray(0, 5))).concat(decoder.push(frameC.subarray(5)));
    expect([first, second, third].map((frame) => bytesToHex(frame ?? new Uint8Array()))).toEqual(expected);
  });

  it('a refused length read inside one chunk leaves its prefix buffered, as one split over chunks', () => {
    for (const chunks of [[frameC], [frameC.subarray(0, 1), frameC.subarray(1)]]) {
      const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 99 });
      expect(() => chunks.forEach((chunk) => decoder.push(chunk))).toThrow(FrameDecoderError);
      expect(decoder.buffered).toBe(size);
    }
  });

  it('a length over maxLength fails with ISO8583_FRAME_TOO_LONG, then the decoder refuses input', () => {
    const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength: 99 });
    expect(feed(decoder, [frameA])).toEqual([expected[0]]);
    expectIsoError(() => decoder.push(frameC), 'ISO8583_FRAME_TOO_LONG', {
      field: null,
      phase: 'frame',
      offset: frameA.length,
      need: 100,
      have: 99,
    });
    expect(decoder.failed).toBe(true);
    const refused = catchIsoError(() => decoder.push(frameB));
    expect(refused.code).toBe('ISO8583_FRAME_DECODER_FAILED');
    expect(refused.message).toContain('more than the maximum 99');
    expect(catchIsoError(() => decoder.push(new Uint8Array())).code).toBe('ISO8583_FRAME_DECODER_FAILED');
  });

  it('never buffers more than one prefix plus maxLength, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 64 }),
        fc.array(fc.nat({ max: 64 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }),
        (maxLength, lengths, chunkSizes) => {
          const payloads = lengths.map((length, i) => payload(Math.min(length, maxLength), i));
          const stream = concatBytes(...payloads.map((bytes) => encodeFrame(bytes, kind)));
          const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength });
          const frames: string[] = [];
          for (let pos = 0, i = 0; pos < stream.length; i++) {
            const next = Math.min(stream.length, pos + (chunkSizes[i % chunkSizes.length] as number));
            frames.push(...feed(decoder, [stream.subarray(pos, next)]));
            expect(decoder.buffered).toBeLessThanOrEqual(size + maxLength);
            pos = next;
          }
          expect(frames).toEqual(payloads.map((bytes) => bytesToHex(bytes)));
          expect(decoder.buffered).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('FrameDecoder (ascii-4) length errors', () => {
  it('a non-digit ASCII length fails with ISO8583_INVALID_FRAME_LENGTH at its stream offset', () => {
    const decoder = new FrameDecoder({ lengthPrefix: 'ascii-4', maxLength: 100 });
    expect(feed(decoder, [ascii('0003abc00')])).toEqual([bytesToHex(ascii('abc'))]);
    expectIsoError(() => decoder.push(ascii('1x')), 'ISO8583_INVALID_FRAME_LENGTH', {
      field: null,
      phase: 'frame',
      offset: 7,
    });
    expect(catchIsoError(() => decoder.push(ascii('0001a'))).code).toBe('ISO8583_FRAME_DECODER_FAILED');
  });

  it('a chunk with a complete frame and then a bad length throws, carrying the completed frame', () => {
    const decoder = new FrameDecoder({ lengthPrefix: 'ascii-4', maxLength: 100 });
    expectIsoError(() => decoder.push(ascii('0002ok9999')), 'ISO8583_FRAME_TOO_LONG', { offset: 6 });
    const again = new FrameDecoder({ lengthPrefix: 'ascii-4', maxLength: 100 });
    const error = catchIsoError(() => again.push(ascii('0002ok9999')));
    expect(error).toBeInstanceOf(FrameDecoderError);
    expect((error as FrameDecoderError).completedFrames.map((frame) => bytesToHex(frame))).toEqual([
      bytesToHex(ascii('ok')),
    ]);
    expect(JSON.stringify(error)).not.toContain('completedFrames');
  });

  it('rejects options it cannot honour with a typed error', () => {
    for (const options of [
      { lengthPrefix: 'ascii-4', maxLength: -1 },
      { lengthPrefix: 'ascii-4', maxLength: 10_000 },
      { lengthPrefix: 'binary-2', maxLength: 0x10000 },
      { lengthPrefix: 'binary-2', maxLength: 1.5 },
      { lengthPrefix: 'bcd-2', maxLength: 100 },
    ]) {
      expectIsoError(() => new FrameDecoder(options as never), 'ISO8583_INVALID_VALUE', { phase: 'frame' });
    }
  });
});

describe('FrameDecoder with the CUP framing of a real dump', () => {
  it('reassembles TV1 request and response sent back to back in odd chunks', () => {
    const framed = CUP_POS_DUMPS.filter((dump) => dump.framed).map((dump) => dumpBytes(dump));
    const stream = concatBytes(...framed.map((dump) => dump.wire));
    const decoder = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: 8192 });
    const chunks = [1, 2, 3, 50, 33, 7, 1000].reduce<{ pos: number; chunks: Uint8Array[] }>(
      (acc, length) => ({
        pos: acc.pos + length,
        chunks: [...acc.chunks, stream.subarray(acc.pos, acc.pos + length)],
      }),
      { pos: 0, chunks: [] },
    ).chunks;
    expect(feed(decoder, chunks)).toEqual(framed.map((dump) => bytesToHex(dump.message)));
  });
});

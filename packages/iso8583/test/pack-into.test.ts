import { describe, expect, it } from 'vitest';
import { bytesToHex, createCodec, cupPosSpec, encodeFrame } from '@payterm/iso8583';
import { dumpById, dumpBytes } from './support/cup-pos-dumps.js';
import { expectIsoError } from './support/iso-error-shape.js';

const codec = createCodec(cupPosSpec);
// shared/spec/cup-pos-8583-reference.md §10 TV1 sign-in request, without its 2-byte length.
const SIGN_IN = dumpBytes(dumpById('TV1-request')).message;

describe('packInto', () => {
  const message = codec.unpack(SIGN_IN);

  it('writes the same bytes as pack at the offset and returns the end', () => {
    const frame = new Uint8Array(2 + SIGN_IN.length + 3).fill(0xee);
    const end = codec.packInto(message, frame, 2);
    expect(end).toBe(2 + SIGN_IN.length);
    expect(bytesToHex(frame.subarray(2, end))).toBe(bytesToHex(codec.pack(message)));
    expect([frame[0], frame[1], frame[end]]).toEqual([0xee, 0xee, 0xee]);
    frame[0] = SIGN_IN.length >> 8;
    frame[1] = SIGN_IN.length & 0xff;
    expect(bytesToHex(frame.subarray(0, end))).toBe(bytesToHex(encodeFrame(SIGN_IN, 'binary-2')));
  });

  it('refuses a target that is too small, naming what it needs', () => {
    const target = new Uint8Array(SIGN_IN.length + 1);
    expectIsoError(() => codec.packInto(message, target, 2), 'ISO8583_INVALID_VALUE', {
      phase: 'message',
      need: SIGN_IN.length,
      have: SIGN_IN.length - 1,
    });
    expectIsoError(() => codec.packInto(message, target, -1), 'ISO8583_INVALID_VALUE', { phase: 'message' });
  });
});

describe('unpacked binary values', () => {
  it('small values are copies; large ones may share the input', () => {
    const message = codec.unpack(SIGN_IN);
    const keys = message.fields[62] as Uint8Array;
    expect(bytesToHex(keys)).toBe('53657175656E6365204E6F3132333036303939393939393036');
    expect(keys.buffer).not.toBe(SIGN_IN.buffer);
  });
});

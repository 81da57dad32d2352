import { describe, expect, it } from 'vitest';
import { createCodec, cupPosSpec, MessageLayout, type FieldSpan } from '@payterm/iso8583';
import { dumpById, dumpBytes } from './support/cup-pos-dumps.js';
import { expectIsoError } from './support/iso-error-shape.js';

const codec = createCodec(cupPosSpec);
// shared/spec/cup-pos-8583-reference.md §10 TV1 sign-in request, without its 2-byte length.
const SIGN_IN = dumpBytes(dumpById('TV1-request')).message;

// TPDU 5 + header 6, then MTI 2 and bitmap 8 (BCD); 60, 62 and 63 carry a 2-byte BCD length.
const SIGN_IN_SPANS: readonly (readonly [number, FieldSpan])[] = [
  [11, { start: 21, dataStart: 21, end: 24 }],
  [41, { start: 24, dataStart: 24, end: 32 }],
  [42, { start: 32, dataStart: 32, end: 47 }],
  [60, { start: 47, dataStart: 49, end: 55 }],
  [62, { start: 55, dataStart: 57, end: 82 }],
  [63, { start: 82, dataStart: 84, end: 87 }],
];

function spansOf(layout: MessageLayout): (readonly [number, FieldSpan | undefined])[] {
  return SIGN_IN_SPANS.map(([number]) => [number, layout.field(number)] as const);
}

describe('MessageLayout', () => {
  it('reports where each field of an unpacked message sits, and nothing for absent fields', () => {
    const { layout } = codec.unpackWithLayout(SIGN_IN);
    expect(layout.mtiStart).toBe(11);
    expect(layout.end).toBe(SIGN_IN.length);
    expect(spansOf(layout)).toEqual(SIGN_IN_SPANS);
    expect(layout.field(2)).toBeUndefined();
    expect(layout.field(64)).toBeUndefined();
    expectIsoError(() => layout.macInput(SIGN_IN), 'ISO8583_INVALID_VALUE', {
      field: '64',
      phase: 'message',
    });
    expect(Array.from(layout.macInput(SIGN_IN, 63))).toEqual(Array.from(SIGN_IN.subarray(11, 82)));
  });

  it('packWithLayout reports the same spans for the same message', () => {
    const { message } = codec.unpackWithLayout(SIGN_IN);
    const { layout } = codec.packWithLayout(message);
    expect(layout.mtiStart).toBe(11);
    expect(layout.end).toBe(SIGN_IN.length);
    expect(spansOf(layout)).toEqual(SIGN_IN_SPANS);
  });

  it('a layout keeps its offsets after the codec packs and unpacks other messages', () => {
    const { message, layout } = codec.unpackWithLayout(SIGN_IN);
    const packed = codec.packWithLayout({
      ...message,
      fields: { 3: '000000', 11: '000124', 41: '1', 60: '22000001', 64: new Uint8Array(8) },
    });
    codec.unpackWithLayout(packed.bytes);
    expect(spansOf(layout)).toEqual(SIGN_IN_SPANS);
    expect(layout.end).toBe(SIGN_IN.length);
    expect(packed.layout.field(11)).toEqual({ start: 24, dataStart: 24, end: 27 });
    expect(packed.layout.field(64)).toEqual({
      start: packed.bytes.length - 8,
      dataStart: packed.bytes.length - 8,
      end: packed.bytes.length,
    });
    expect(packed.layout.field(63)).toBeUndefined();
  });

  it('a layout made from a map of spans answers from the map', () => {
    const layout = new MessageLayout(11, SIGN_IN.length, new Map(SIGN_IN_SPANS));
    expect(spansOf(layout)).toEqual(SIGN_IN_SPANS);
    expect(layout.field(2)).toBeUndefined();
    expect(Array.from(layout.macInput(SIGN_IN, 62))).toEqual(Array.from(SIGN_IN.subarray(11, 55)));
    expectIsoError(() => layout.macInput(SIGN_IN), 'ISO8583_INVALID_VALUE', {
      field: '64',
      phase: 'message',
    });
  });
});

import { iso8583Error } from '../errors.js';
import type { LengthPrefixKind } from '../spec/spec-types.js';

const PREFIX_SIZE: Readonly<Record<LengthPrefixKind, number>> = { 'binary-2': 2, 'ascii-4': 4 };
export const FRAME_CAPACITY: Readonly<Record<LengthPrefixKind, number>> = {
  'binary-2': 0xffff,
  'ascii-4': 9999,
};

export function framePrefixSize(kind: LengthPrefixKind): number {
  return PREFIX_SIZE[kind];
}

/** Prepends the length prefix: a 2-byte big-endian binary length or four ASCII digits. */
export function encodeFrame(payload: Uint8Array, kind: LengthPrefixKind): Uint8Array {
  const size = PREFIX_SIZE[kind];
  if (payload.length > FRAME_CAPACITY[kind]) {
    throw iso8583Error(
      'ISO8583_FRAME_TOO_LONG',
      `a ${kind} frame holds at most ${FRAME_CAPACITY[kind]} bytes`,
      {
        field: null,
        phase: 'frame',
        need: payload.length,
        have: FRAME_CAPACITY[kind],
      },
    );
  }
  const frame = new Uint8Array(size + payload.length);
  writeFrameLength(payload.length, kind, frame);
  frame.set(payload, size);
  return frame;
}

function writeFrameLength(length: number, kind: LengthPrefixKind, out: Uint8Array): void {
  if (kind === 'binary-2') {
    out[0] = length >> 8;
    out[1] = length & 0xff;
    return;
  }
  for (let i = 3, rest = length; i >= 0; i--, rest = Math.floor(rest / 10)) out[i] = 0x30 + (rest % 10);
}

/** The payload length announced by the prefix at bytes[pos…], or -1 when it is not a number. */
export function readFrameLength(bytes: Uint8Array, pos: number, kind: LengthPrefixKind): number {
  if (kind === 'binary-2') return ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number);
  let length = 0;
  for (let i = 0; i < 4; i++) {
    const code = bytes[pos + i] as number;
    if (code < 0x30 || code > 0x39) return -1;
    length = length * 10 + code - 0x30;
  }
  return length;
}

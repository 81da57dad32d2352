/**
 * Mutations of packed messages for fuzzing: byte flips and overwrites, truncation, extension,
 * insertion and deletion, length prefixes rewritten (off by a little or arbitrary) and bitmap bits
 * toggled. Positions are drawn as plain numbers and folded onto the message, so one arbitrary fits
 * messages of any size.
 */
import fc from 'fast-check';
import type { Iso8583Message, MessageCodec, MessageLayout } from '@payterm/iso8583';

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly mask: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'extend'; readonly bytes: Uint8Array }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | {
      readonly kind: 'prefix';
      readonly which: number;
      readonly delta: number;
      readonly raw: Uint8Array | null;
    }
  | { readonly kind: 'bitmap'; readonly bit: number };

const position = fc.nat({ max: 1 << 16 });
const someBytes = fc.uint8Array({ minLength: 1, maxLength: 16 });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('extend' as const), bytes: someBytes }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: someBytes }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('prefix' as const),
    which: position,
    delta: fc.integer({ min: -3, max: 3 }),
    raw: fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('bitmap' as const), bit: fc.integer({ min: 1, max: 192 }) }),
);

/** A packed message with where its parts are, the thing mutations are applied to. */
export interface PackedSample {
  readonly bytes: Uint8Array;
  readonly layout: MessageLayout;
  readonly message: Iso8583Message;
}

export function packSample(codec: MessageCodec, message: Iso8583Message): PackedSample {
  const { bytes, layout } = codec.packWithLayout(message);
  return { bytes, layout, message };
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function mutatePrefix(sample: PackedSample, out: Uint8Array, m: Mutation & { kind: 'prefix' }): void {
  const spans = Object.keys(sample.message.fields)
    .map((number) => sample.layout.field(Number(number)))
    .filter((span) => span !== undefined && span.dataStart > span.start);
  const span = spans[m.which % Math.max(1, spans.length)];
  if (span === undefined || span.dataStart > out.length) return;
  if (m.raw !== null) {
    for (let i = 0; i < span.dataStart - span.start; i++)
      out[span.start + i] = m.raw[i % m.raw.length] as number;
    return;
  }
  // Nudge the last prefix byte: a count slightly off in whatever encoding the prefix uses.
  const last = span.dataStart - 1;
  out[last] = ((out[last] as number) + m.delta) & 0xff;
}

function toggleBitmapBit(codec: MessageCodec, sample: PackedSample, out: Uint8Array, bit: number): void {
  const start = sample.layout.mtiStart + (codec.spec.mti.encoding === 'bcd' ? 2 : 4);
  const index = bit - 1;
  if (codec.spec.bitmap.encoding === 'binary') {
    const at = start + (index >> 3);
    if (at < out.length) out[at] = (out[at] as number) ^ (0x80 >> (index & 7));
    return;
  }
  const at = start + (index >> 2);
  if (at >= out.length) return;
  const nibble = parseInt(String.fromCharCode(out[at] as number), 16);
  if (Number.isNaN(nibble)) return;
  out[at] = (nibble ^ (0x8 >> (index & 3))).toString(16).toUpperCase().charCodeAt(0);
}

/** Applies the mutations in order to a copy of the sample's bytes. */
export function applyMutations(
  codec: MessageCodec,
  sample: PackedSample,
  mutations: readonly Mutation[],
): Uint8Array {
  let out: Uint8Array = sample.bytes.slice();
  for (const m of mutations) {
    const size = Math.max(1, out.length);
    switch (m.kind) {
      case 'flip':
        if (out.length > 0) out[m.at % size] = (out[m.at % size] as number) ^ m.mask;
        break;
      case 'set':
        if (out.length > 0) out[m.at % size] = m.value;
        break;
      case 'truncate':
        out = out.slice(0, m.at % (out.length + 1));
        break;
      case 'extend':
        out = splice(out, out.length, 0, m.bytes);
        break;
      case 'insert':
        out = splice(out, m.at % (out.length + 1), 0, m.bytes);
        break;
      case 'delete': {
        const at = m.at % size;
        out = splice(
          out,
          Math.min(at, out.length),
          Math.min(m.count, Math.max(0, out.length - at)),
          new Uint8Array(),
        );
        break;
      }
      case 'prefix':
        mutatePrefix(sample, out, m);
        break;
      case 'bitmap':
        toggleBitmapBit(codec, sample, out, m.bit);
        break;
    }
  }
  return out;
}

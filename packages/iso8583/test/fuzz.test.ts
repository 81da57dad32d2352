/**
 * Fuzzing the parsers with random and mutated input. The only thing allowed to escape unpack,
 * FrameDecoder.push and the TLV decoders is an Iso8583Error with a catalogued code and complete
 * details (field string|null, phase, integer offset within the input, need, have) — never a
 * RangeError or TypeError. When unpack accepts mutated bytes, pack must accept the result and
 * reproduce the bytes except where the tolerant reader canonicalises (support/canonical-repack.ts:
 * pad nibble F → 0, lower-case hex → upper case, a bitmap announcing no field dropped).
 *
 * Each test runs a fixed number of cases (CASES below, over 100,000 in total); fast-check picks a new
 * seed every run and prints it with any counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, SeededRandom } from '@payterm/kernel';
import {
  FrameDecoder,
  createCodec,
  cupPosSpec,
  decodeAsciiTlv,
  decodeBerTlv,
  encodeFrame,
  framePrefixSize,
  iso87AsciiSpec,
  type Iso8583Message,
  type LengthPrefixKind,
  type MessageCodec,
  type MessageSpec,
} from '@payterm/iso8583';
import { expectCanonicalRepack } from './support/canonical-repack.js';
import { ebcdicSpec, nibbleSpec, tertiaryHexSpec } from './support/custom-specs.js';
import { messageArbitrary } from './support/field-arbitraries.js';
import { expectWellFormedIsoError, thrownBy } from './support/iso-error-shape.js';
import { applyMutations, mutationArbitrary, packSample, type PackedSample } from './support/mutations.js';

const CASES = {
  randomBytes: 24_000,
  plausibleStarts: 16_000,
  mutatedShipped: 40_000,
  mutatedCustom: 9_000,
  frameStreams: 8_000,
  tlvBytes: 8_000,
} as const;

/**
 * Runs a fuzz loop with stack capture off: every rejected input constructs an Error, and capturing
 * its stack costs more than the unpack itself. Checks inside loops throw plain errors (an `expect`
 * call costs tens of microseconds), which fast-check reports with the counterexample.
 */
function fuzzLoop(run: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function check(ok: boolean, problem: () => string): void {
  if (!ok) throw new Error(problem());
}

/** Random bytes from a seed: much cheaper to generate than fc.uint8Array, which draws byte by byte. */
const randomBytesArbitrary = (maxLength: number): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: maxLength })).map(([seed, length]) => {
    const bytes = new Uint8Array(length);
    new SeededRandom(seed).fillBytes(bytes);
    return bytes;
  });

const cupPos = createCodec(cupPosSpec);
const iso87 = createCodec(iso87AsciiSpec);
const SHIPPED: readonly MessageCodec[] = [cupPos, iso87];

/** Unpacks, allowing only a well-formed Iso8583Error to escape; on success checks the re-pack. */
function fuzzUnpack(codec: MessageCodec, bytes: Uint8Array): Iso8583Message | undefined {
  let message: Iso8583Message;
  try {
    message = codec.unpack(bytes);
  } catch (error) {
    expectWellFormedIsoError(error, bytes.length);
    return undefined;
  }
  expectCanonicalRepack(codec, bytes, message);
  return message;
}

/** Packed messages to mutate, drawn once per spec with a fixed seed. */
function samplePool(codec: MessageCodec, size: number): PackedSample[] {
  return fc
    .sample(messageArbitrary(codec.spec, { maxFields: 8 }), { numRuns: size, seed: 0x8583 })
    .map((message) => packSample(codec, message));
}

describe('fuzz: unpack', () => {
  it(`random bytes never escape as anything but Iso8583Error (${CASES.randomBytes} cases, both specs)`, () => {
    let cases = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(randomBytesArbitrary(300), (bytes) => {
          cases++;
          for (const codec of SHIPPED) fuzzUnpack(codec, bytes);
        }),
        { numRuns: CASES.randomBytes },
      ),
    );
    expect(cases).toBe(CASES.randomBytes);
  });

  it(`random bodies behind a valid start reach the field readers (${CASES.plausibleStarts} cases)`, () => {
    const cupStart = Uint8Array.from([0x60, 0, 3, 0, 0, 0x60, 0x32, 0x10, 0x32, 0, 0x72, 0x02, 0x00]);
    const asciiBody = randomBytesArbitrary(300).map((bytes) => bytes.map((b) => 0x20 + (b % 0x60)));
    const hexBitmap = fc
      .uint8Array({ minLength: 16, maxLength: 32 })
      .map((bytes) => bytes.map((b) => '0123456789ABCDEFabcdef'.charCodeAt(b % 22)));
    let cases = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(
          fc.oneof(
            randomBytesArbitrary(300).map((tail) => ({ codec: cupPos, bytes: concatBytes(cupStart, tail) })),
            fc
              .tuple(hexBitmap, asciiBody)
              .map(([bitmap, tail]) => ({ codec: iso87, bytes: concatBytes(ascii('0200'), bitmap, tail) })),
          ),
          ({ codec, bytes }) => {
            cases++;
            fuzzUnpack(codec, bytes);
          },
        ),
        { numRuns: CASES.plausibleStarts },
      ),
    );
    expect(cases).toBe(CASES.plausibleStarts);
  });

  it(`mutated valid cup-pos and iso87 messages (${CASES.mutatedShipped} cases, fed to both specs)`, () => {
    const pools = SHIPPED.map((codec) => ({ codec, pool: samplePool(codec, 150) }));
    let cases = 0;
    let accepted = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(
          fc.nat(),
          fc.nat(),
          fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
          (which, pick, mutations) => {
            cases++;
            const { codec, pool } = pools[which % pools.length] as (typeof pools)[number];
            const sample = pool[pick % pool.length] as PackedSample;
            const bytes = applyMutations(codec, sample, mutations);
            if (fuzzUnpack(codec, bytes) !== undefined) accepted++;
            for (const other of SHIPPED) if (other !== codec) fuzzUnpack(other, bytes);
            // With trailing bytes allowed, whatever was read must re-pack to the bytes it was read from.
            try {
              const { message, layout } = codec.unpackWithLayout(bytes, { allowTrailingBytes: true });
              expectCanonicalRepack(codec, bytes.subarray(0, layout.end), message);
            } catch (error) {
              expectWellFormedIsoError(error, bytes.length);
            }
          },
        ),
        { numRuns: CASES.mutatedShipped },
      ),
    );
    expect(cases).toBe(CASES.mutatedShipped);
    // The mutations are mild enough that some mutants still parse, so the re-pack oracle is exercised.
    expect(accepted).toBeGreaterThan(CASES.mutatedShipped / 50);
  });

  it(`mutated messages of the custom specs (${CASES.mutatedCustom} cases)`, () => {
    const codecs = [ebcdicSpec, nibbleSpec, tertiaryHexSpec].map((spec: MessageSpec) => createCodec(spec));
    const pools = codecs.map((codec) => ({ codec, pool: samplePool(codec, 60) }));
    let cases = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(
          fc.nat(),
          fc.nat(),
          fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
          (which, pick, mutations) => {
            cases++;
            const { codec, pool } = pools[which % pools.length] as (typeof pools)[number];
            fuzzUnpack(codec, applyMutations(codec, pool[pick % pool.length] as PackedSample, mutations));
          },
        ),
        { numRuns: CASES.mutatedCustom },
      ),
    );
    expect(cases).toBe(CASES.mutatedCustom);
  });
});

describe('fuzz: FrameDecoder', () => {
  /** A stream of frames (and, sometimes, garbage), cut into chunks at random points. */
  const streamArbitrary = fc
    .record({
      kind: fc.constantFrom<LengthPrefixKind>('binary-2', 'ascii-4'),
      maxLength: fc.integer({ min: 0, max: 300 }),
      payloads: fc.array(fc.uint8Array({ maxLength: 320 }), { maxLength: 6 }),
      garbage: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })), { nil: null }),
      cuts: fc.array(fc.nat(), { maxLength: 12 }),
    })
    .map(({ kind, maxLength, payloads, garbage, cuts }) => {
      const frames = payloads.map((payload) => encodeFrame(payload, kind));
      if (garbage !== null) frames.splice(garbage[0] % (frames.length + 1), 0, garbage[1]);
      const stream = concatBytes(...frames);
      const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...points].map((from, i) => stream.subarray(from, [...points, stream.length][i]));
      return { kind, maxLength, stream, chunks };
    });

  it(`never holds more than one frame, emits exactly the reference frames, fails typed (${CASES.frameStreams} streams)`, () => {
    let cases = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(streamArbitrary, ({ kind, maxLength, stream, chunks }) => {
          cases++;
          const reference = referenceFrames(stream, kind, maxLength);
          const decoder = new FrameDecoder({ lengthPrefix: kind, maxLength });
          const emitted: Uint8Array[] = [];
          let consumed = 0;
          let failedAt = -1;
          for (const chunk of chunks) {
            try {
              emitted.push(...decoder.push(chunk));
            } catch (error) {
              const typed = expectWellFormedIsoError(error);
              check(
                typed.code === 'ISO8583_FRAME_TOO_LONG' || typed.code === 'ISO8583_INVALID_FRAME_LENGTH',
                () => `unexpected ${typed.code}`,
              );
              check(
                typed.details.offset === reference.errorAt,
                () => `error at ${typed.details.offset}, not ${reference.errorAt}`,
              );
              failedAt = consumed;
              break;
            }
            consumed += chunk.length;
            check(
              decoder.buffered <= framePrefixSize(kind) + maxLength,
              () => `holds ${decoder.buffered} bytes`,
            );
          }
          if (failedAt < 0) {
            check(reference.errorAt === -1, () => `no error, expected one at ${reference.errorAt}`);
            sameFrames(emitted, reference.frames);
            const pending = stream.length - (reference.frames.at(-1)?.end ?? 0);
            check(decoder.buffered === pending, () => `holds ${decoder.buffered} bytes, expected ${pending}`);
            return;
          }
          // Frames completed in earlier chunks were delivered; the failing chunk delivers nothing.
          sameFrames(
            emitted,
            reference.frames.filter((frame) => frame.end <= failedAt),
          );
          check(decoder.failed, () => 'decoder does not report failure');
          const again = expectWellFormedIsoError(thrownBy(() => decoder.push(Uint8Array.of(0))));
          check(again.code === 'ISO8583_FRAME_DECODER_FAILED', () => `then ${again.code}`);
        }),
        { numRuns: CASES.frameStreams },
      ),
    );
    expect(cases).toBe(CASES.frameStreams);
  });
});

describe('fuzz: TLV decoders', () => {
  it(`decodeBerTlv and decodeAsciiTlv fail typed on random input (${CASES.tlvBytes} cases)`, () => {
    let cases = 0;
    fuzzLoop(() =>
      fc.assert(
        fc.property(randomBytesArbitrary(200), (bytes) => {
          cases++;
          for (const decode of [
            () => decodeBerTlv(bytes, '55'),
            () => decodeAsciiTlv(String.fromCharCode(...bytes), { tagChars: 2, lengthDigits: 3 }, '59'),
          ]) {
            try {
              decode();
            } catch (error) {
              const code = expectWellFormedIsoError(error, bytes.length).code;
              check(code === 'ISO8583_INVALID_TLV', () => `unexpected ${code}`);
            }
          }
        }),
        { numRuns: CASES.tlvBytes },
      ),
    );
    expect(cases).toBe(CASES.tlvBytes);
  });
});

describe('fuzz budget', () => {
  it('runs at least 100,000 cases in total', () => {
    expect(Object.values(CASES).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(100_000);
  });
});

interface ReferenceFrame {
  readonly payload: Uint8Array;
  /** Stream offset just after the frame. */
  readonly end: number;
}

/** A deliberately simple decoder over the whole stream: the frames, and where it must fail (-1: never). */
function referenceFrames(
  stream: Uint8Array,
  kind: LengthPrefixKind,
  maxLength: number,
): { frames: ReferenceFrame[]; errorAt: number } {
  const size = framePrefixSize(kind);
  const frames: ReferenceFrame[] = [];
  let pos = 0;
  while (pos + size <= stream.length) {
    const prefix = stream.subarray(pos, pos + size);
    const length =
      kind === 'binary-2'
        ? ((prefix[0] as number) << 8) | (prefix[1] as number)
        : /^\d{4}$/.test(String.fromCharCode(...prefix))
          ? Number(String.fromCharCode(...prefix))
          : -1;
    if (length < 0 || length > maxLength) return { frames, errorAt: pos };
    if (pos + size + length > stream.length) break;
    frames.push({ payload: stream.subarray(pos + size, pos + size + length), end: pos + size + length });
    pos += size + length;
  }
  return { frames, errorAt: -1 };
}

function sameFrames(emitted: readonly Uint8Array[], expected: readonly ReferenceFrame[]): void {
  const got = emitted.map(hexOf).join(' | ');
  const want = expected.map((frame) => hexOf(frame.payload)).join(' | ');
  check(emitted.length === expected.length && got === want, () => `frames ${got} instead of ${want}`);
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

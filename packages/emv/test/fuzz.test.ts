/**
 * Fuzzing the decoders with random and mutated input. Only an EmvError with a catalogued code and
 * complete details may escape decodeTlv, parseDol, parseQrObjects and parseMpm (validateMpm returns
 * its problems and throws nothing). Whatever is accepted must re-encode to exactly the input:
 * decodeTlv → encodeTlv, parseMpm → buildMpm; isWellFormedTlv must accept exactly what decodeTlv accepts.
 *
 * Each test runs a fixed number of cases (CASES); fast-check picks a new seed every run and prints it
 * with any counterexample.
 */
import fc from 'fast-check';
import { SeededRandom } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import {
  buildMpm,
  bytesToHex,
  decodeTlv,
  encodeTlv,
  hexToBytes,
  isWellFormedTlv,
  parseDol,
  parseMpm,
  parseQrObjects,
  qrCrc,
  validateMpm,
} from '@payterm/emv';
import { check, expectWellFormedEmvError, fuzzLoop } from './support/emv-error-shape.js';
import { MPM_FIXTURES, TLV_FIXTURES } from './support/fixtures.js';

const CASES = {
  tlvRandom: 12_000,
  tlvMutated: 12_000,
  dolRandom: 4_000,
  qrRandom: 8_000,
  qrMutated: 12_000,
} as const;

/** Random bytes from a seed: much cheaper to generate than fc.uint8Array, which draws byte by byte. */
const randomBytes = (maxLength: number): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: maxLength })).map(([seed, length]) => {
    const bytes = new Uint8Array(length);
    new SeededRandom(seed).fillBytes(bytes);
    return bytes;
  });

/** Applies 1–4 edits (overwrite, insert, delete, truncate) at positions folded onto the input. */
function mutate<T>(items: readonly T[], edits: readonly [number, number, T][]): T[] {
  const out = [...items];
  for (const [kind, at, item] of edits) {
    const pos = out.length === 0 ? 0 : at % out.length;
    if (kind === 0 && out.length > 0) out[pos] = item;
    else if (kind === 1) out.splice(pos, 0, item);
    else if (kind === 2) out.splice(pos, 1);
    else out.length = pos;
  }
  return out;
}

const edits = <T>(item: fc.Arbitrary<T>): fc.Arbitrary<[number, number, T][]> =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), item), { minLength: 1, maxLength: 4 });

function fuzzTlv(bytes: Uint8Array): void {
  // The allocation-free check must agree with the decoder on every input.
  const wellFormed = isWellFormedTlv(bytes);
  let nodes;
  try {
    nodes = decodeTlv(bytes);
  } catch (error) {
    expectWellFormedEmvError(error, bytes.length);
    check(!wellFormed, () => `isWellFormedTlv accepts ${bytesToHex(bytes)}, which decodeTlv rejects`);
    return;
  }
  check(wellFormed, () => `isWellFormedTlv rejects ${bytesToHex(bytes)}, which decodeTlv accepts`);
  const again = encodeTlv(nodes);
  check(
    bytesToHex(again) === bytesToHex(bytes),
    () => `re-encodes ${bytesToHex(bytes)} as ${bytesToHex(again)}`,
  );
}

function fuzzQr(payload: string): void {
  const length = Array.from(payload).length;
  for (const parse of [parseQrObjects, parseMpm]) {
    try {
      const parsed = parse(payload);
      if (parse === parseMpm) {
        const rebuilt = buildMpm(parsed as ReturnType<typeof parseMpm>);
        check(rebuilt === payload, () => `rebuilds ${payload} as ${rebuilt}`);
      }
    } catch (error) {
      expectWellFormedEmvError(error, length);
    }
  }
  for (const problem of validateMpm(payload)) expectWellFormedEmvError(problem, length);
}

function run(cases: number, arbitrary: fc.Arbitrary<unknown>, body: (value: never) => void): number {
  let count = 0;
  fuzzLoop(() =>
    fc.assert(
      fc.property(arbitrary, (value) => {
        count++;
        body(value as never);
      }),
      { numRuns: cases },
    ),
  );
  return count;
}

describe('fuzz: BER-TLV and DOL', () => {
  it(`random bytes (${CASES.tlvRandom} cases)`, () => {
    expect(run(CASES.tlvRandom, randomBytes(200), fuzzTlv)).toBe(CASES.tlvRandom);
  });

  it(`mutated field 55 samples (${CASES.tlvMutated} cases)`, () => {
    const samples = TLV_FIXTURES.map((fixture) => Array.from(hexToBytes(fixture.hex) as Uint8Array));
    const arbitrary = fc.tuple(fc.nat(), edits(fc.integer({ min: 0, max: 255 })));
    const count = run(CASES.tlvMutated, arbitrary, ([pick, changes]: [number, [number, number, number][]]) =>
      fuzzTlv(Uint8Array.from(mutate(samples[pick % samples.length] as number[], changes))),
    );
    expect(count).toBe(CASES.tlvMutated);
  });

  it(`parseDol on random bytes (${CASES.dolRandom} cases)`, () => {
    const count = run(CASES.dolRandom, randomBytes(60), (bytes: Uint8Array) => {
      try {
        parseDol(bytes);
      } catch (error) {
        check(
          expectWellFormedEmvError(error, bytes.length).code === 'EMV_DOL_INVALID',
          () => 'not EMV_DOL_INVALID',
        );
      }
    });
    expect(count).toBe(CASES.dolRandom);
  });
});

describe('fuzz: merchant-presented QR', () => {
  const alphabet = [...'0123456789'.repeat(6), ...'ABCZaz .*-', '北', '😀', 'é', '\u0000', '\uD800'];
  const character = fc.constantFrom(...alphabet);

  it(`random digit-heavy strings (${CASES.qrRandom} cases)`, () => {
    const arbitrary = fc.array(character, { maxLength: 120 }).map((chars) => chars.join(''));
    expect(run(CASES.qrRandom, arbitrary, fuzzQr)).toBe(CASES.qrRandom);
  });

  it(`mutated valid payloads, half of them with the CRC recomputed (${CASES.qrMutated} cases)`, () => {
    const bodies = MPM_FIXTURES.map((fixture) => Array.from(fixture.payload.slice(0, -4)));
    const arbitrary = fc.tuple(fc.nat(), fc.boolean(), edits(character));
    let accepted = 0;
    const count = run(
      CASES.qrMutated,
      arbitrary,
      ([pick, fixCrc, changes]: [number, boolean, [number, number, string][]]) => {
        const body = mutate(bodies[pick % bodies.length] as string[], changes).join('');
        const payload = body + (fixCrc ? qrCrc(body) : (MPM_FIXTURES[pick % bodies.length]?.crc ?? ''));
        fuzzQr(payload);
        if (validateMpm(payload).length === 0) accepted++;
      },
    );
    expect(count).toBe(CASES.qrMutated);
    // Value edits under a recomputed CRC keep some payloads valid, so the rebuild oracle is exercised.
    expect(accepted).toBeGreaterThan(CASES.qrMutated / 100);
  });
});

describe('fuzz budget', () => {
  it('runs at least 40,000 cases in total', () => {
    expect(Object.values(CASES).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(40_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError, SeededRandom, systemRandom, uniformIntBelow } from '@payterm/kernel';

describe('SeededRandom', () => {
  it('matches the xoshiro128** reference output for state [1, 2, 3, 4]', () => {
    // First outputs of the reference C implementation (xoshiro128starstar.c) seeded with s = {1, 2, 3, 4}.
    const random = SeededRandom.fromState([1, 2, 3, 4]);
    const outputs = Array.from({ length: 4 }, () => random.nextUint32());
    expect(outputs).toEqual([11520, 0, 5927040, 70819200]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 8 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('yields uint32 values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const random = new SeededRandom(seed);
        for (let index = 0; index < 16; index += 1) {
          const value = random.nextUint32();
          expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
        }
      }),
    );
  });

  it('fills bytes little-endian from the same stream, including odd lengths', () => {
    const words = new SeededRandom(7);
    const first = words.nextUint32();
    const second = words.nextUint32();
    const bytes = new Uint8Array(7);
    new SeededRandom(7).fillBytes(bytes);
    const expected = [0, 8, 16, 24].map((shift) => (first >>> shift) & 0xff);
    expected.push(...[0, 8, 16].map((shift) => (second >>> shift) & 0xff));
    expect([...bytes]).toEqual(expected);
  });

  it('nextInt stays in range and hits every value of a small range', () => {
    const random = new SeededRandom(1);
    const seen = new Set<number>();
    for (let index = 0; index < 1_000; index += 1) {
      const value = random.nextInt(6);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(6);
      seen.add(value);
    }
    expect(seen.size).toBe(6);
    expect(random.nextInt(1)).toBe(0);
  });

  it('rejects invalid seeds, states and bounds', () => {
    expect(() => new SeededRandom(-1)).toThrow(InvariantError);
    expect(() => new SeededRandom(2 ** 32)).toThrow(InvariantError);
    expect(() => new SeededRandom(1.5)).toThrow(InvariantError);
    expect(() => SeededRandom.fromState([0, 0, 0, 0])).toThrow(InvariantError);
    expect(() => new SeededRandom(1).nextInt(0)).toThrow(InvariantError);
    expect(() => new SeededRandom(1).nextInt(2 ** 32 + 1)).toThrow(InvariantError);
  });
});

describe('uniformIntBelow', () => {
  it('redraws values from the incomplete last block instead of folding them (no modulo bias)', () => {
    // 2^32 = 3 × 1431655765 + 1: only 0xFFFFFFFF falls outside the last complete block for max 3.
    const draws = [0xffffffff, 0xfffffffe, 4];
    const next = (): number => draws.shift() ?? expect.unreachable('drew too often');
    expect(uniformIntBelow(next, 3)).toBe(0xfffffffe % 3);
    expect(uniformIntBelow(next, 3)).toBe(1);
  });

  it('accepts the full 2^32 range without redrawing', () => {
    expect(uniformIntBelow(() => 0xffffffff, 2 ** 32)).toBe(0xffffffff);
  });
});

describe('systemRandom', () => {
  it('fills buffers larger than one Web Crypto call', () => {
    const bytes = new Uint8Array(70_000);
    systemRandom.fillBytes(bytes);
    const tail = bytes.subarray(65_536);
    expect(tail.some((byte) => byte !== 0)).toBe(true);
    expect(bytes.subarray(0, 4_096).some((byte) => byte !== 0)).toBe(true);
  });

  it('serves small draws from its pool without repeating bytes across refills', () => {
    const seen = new Set<string>();
    // 80,000 bytes: more than one pool.
    for (let index = 0; index < 5_000; index += 1) {
      const bytes = new Uint8Array(16);
      systemRandom.fillBytes(bytes);
      seen.add(Array.from(bytes).join(','));
    }
    expect(seen.size).toBe(5_000);
    const counts = new Array<number>(256).fill(0);
    const sample = new Uint8Array(200);
    for (let index = 0; index < 500; index += 1) {
      systemRandom.fillBytes(sample);
      for (const byte of sample) counts[byte] = (counts[byte] ?? 0) + 1;
    }
    // 100,000 bytes: every value appears, none wildly more often than 1/256 (expected ≈ 390).
    expect(Math.min(...counts)).toBeGreaterThan(250);
    expect(Math.max(...counts)).toBeLessThan(550);
  });

  it('copies small and larger draws alike from the pool, mixed sizes across refills', () => {
    const counts = new Array<number>(256).fill(0);
    for (let index = 0; index < 3_000; index += 1) {
      // 7 and 32 bytes are copied byte by byte, 33 with one copy and one fill.
      const bytes = new Uint8Array([7, 32, 33][index % 3]!);
      systemRandom.fillBytes(bytes);
      for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
    }
    // 72,000 bytes (expected ≈ 281 each).
    expect(Math.min(...counts)).toBeGreaterThan(170);
    expect(Math.max(...counts)).toBeLessThan(400);
  });

  it('draws uint32s and bounded ints', () => {
    const value = systemRandom.nextUint32();
    expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    for (let index = 0; index < 100; index += 1) expect(systemRandom.nextInt(10)).toBeLessThan(10);
  });
});

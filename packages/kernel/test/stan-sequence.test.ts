import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSourceError, StanSequence } from '@payterm/kernel';

describe('StanSequence', () => {
  it('starts at 000001 when fresh', () => {
    const stan = new StanSequence();
    expect(stan.current).toBeUndefined();
    expect(stan.next()).toBe('000001');
    expect(stan.next()).toBe('000002');
    expect(stan.current).toBe('000002');
    expect(new StanSequence(0).next()).toBe('000001');
    expect(new StanSequence('000000').next()).toBe('000001');
  });

  it('resumes after a persisted value, given as number or string', () => {
    expect(new StanSequence(41).next()).toBe('000042');
    expect(new StanSequence('000041').next()).toBe('000042');
    const stan = new StanSequence(123);
    expect(stan.current).toBe('000123');
  });

  it('wraps from 999999 to 000001, skipping 000000', () => {
    const stan = new StanSequence(999_998);
    expect([stan.next(), stan.next(), stan.next()]).toEqual(['999999', '000001', '000002']);
  });

  it.each([-1, 1_000_000, 1.5, Number.NaN, '12345', '1234567', '00012a', '-00001', ' 00001'])(
    'rejects the starting value %j with STAN_INVALID_START',
    (lastIssued) => {
      expect(() => new StanSequence(lastIssued)).toThrow(IdSourceError);
      try {
        new StanSequence(lastIssued);
      } catch (error) {
        expect((error as IdSourceError).code).toBe('STAN_INVALID_START');
      }
    },
  );

  it('never leaves 000001–999999 and always steps by one modulo the wrap', () => {
    const start = fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 999_000, max: 999_999 }));
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 2_000 }), (lastIssued, steps) => {
        const stan = new StanSequence(lastIssued);
        let previous = lastIssued;
        for (let index = 0; index < steps; index += 1) {
          const value = stan.next();
          const expected = previous === 999_999 ? 1 : previous + 1;
          if (!/^\d{6}$/.test(value) || Number(value) !== expected || stan.current !== value) {
            expect.fail(`after ${previous} got ${value} (current ${stan.current})`);
          }
          previous = expected;
        }
      }),
    );
  });

  it('a resumed sequence continues exactly where the original was', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 50 }), (start, steps) => {
        const original = new StanSequence(start);
        for (let index = 0; index < steps; index += 1) original.next();
        const resumed = new StanSequence(original.current);
        expect(resumed.next()).toBe(original.next());
      }),
    );
  });
});

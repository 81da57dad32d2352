import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_SHIFTS, PERMUTED_CHOICE_1, PERMUTED_CHOICE_2 } from '../src/cipher/des-tables.js';
import { desKeySchedule } from '../src/cipher/des-fast-key.js';

/** FIPS 46-3 key schedule computed bit by bit: the oracle for the table-driven one. */
function referenceKeySchedule(key: Uint8Array, offset: number): Uint8Array {
  const bits = (index: number): number => (key[offset + (index >> 3)]! >> (7 - (index & 7))) & 1;
  const cd = PERMUTED_CHOICE_1.map((bit) => bits(bit - 1));
  const c = cd.slice(0, 28);
  const d = cd.slice(28);
  const schedule = new Uint8Array(128);
  KEY_SHIFTS.forEach((shift, round) => {
    c.push(...c.splice(0, shift));
    d.push(...d.splice(0, shift));
    const joined = [...c, ...d];
    PERMUTED_CHOICE_2.forEach((bit, index) => {
      const slot = round * 8 + Math.floor(index / 6);
      schedule[slot] = schedule[slot]! | (joined[bit - 1]! << (5 - (index % 6)));
    });
  });
  return schedule;
}

describe('DES key schedule', () => {
  it('the table-driven schedule equals the bit-by-bit FIPS 46-3 one for random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (key) => {
        expect([...desKeySchedule(key, 0)]).toEqual([...referenceKeySchedule(key, 0)]);
      }),
      { numRuns: 300 },
    );
  });
});

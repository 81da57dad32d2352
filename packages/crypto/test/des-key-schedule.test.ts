import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_SHIFTS, PERMUTED_CHOICE_1, PERMUTED_CHOICE_2 } from '../src/cipher/des-tables.js';
import { desKeyWordsInto } from '../src/cipher/des-fast-key.js';

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
  it('round-key words are the FIPS 46-3 six-bit groups 1, 3, 5, 7 and 0, 2, 4, 6, in either order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.boolean(), (key, decrypt) => {
        const groups = referenceKeySchedule(key, 0);
        const words = new Int32Array(34);
        desKeyWordsInto(key, 0, words, 1, decrypt);
        const expected = Array.from({ length: 32 }, (_, index) => {
          const g = (decrypt ? 15 - (index >> 1) : index >> 1) * 8 + (index & 1 ? 0 : 1);
          return (groups[g]! << 24) | (groups[g + 2]! << 16) | (groups[g + 4]! << 8) | groups[g + 6]!;
        });
        expect([...words.subarray(1, 33)]).toEqual(expected);
        expect([words[0], words[33]]).toEqual([0, 0]);
      }),
      { numRuns: 300 },
    );
  });
});

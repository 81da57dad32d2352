import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes } from '@payterm/kernel';

describe('concatBytes', () => {
  it('joins parts in order into a new array', () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes(a, new Uint8Array(), Uint8Array.of(3));
    expect([...joined]).toEqual([1, 2, 3]);
    joined[0] = 9;
    expect(a[0]).toBe(1);
    expect(concatBytes().length).toBe(0);
  });

  it('keeps every byte of every part', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (parts) => {
        expect([...concatBytes(...parts)]).toEqual(parts.flatMap((part) => [...part]));
      }),
    );
  });
});

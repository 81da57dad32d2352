import { describe, expect, it } from 'vitest';
import { andThen, withKey } from '../src/hsm/maybe-promise.js';

const resolvedKey = () => ({ key: Uint8Array.of(1, 2, 3, 4) });

describe('HSM maybe-promise chaining', () => {
  it('runs at once on a ready value and later on a promise', async () => {
    expect(andThen(2, (value) => value * 3)).toBe(6);
    const later = andThen(Promise.resolve(2), (value) => value * 3);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(6);
  });

  it('zeroes a ready key after a synchronous action, and after one that throws', () => {
    const first = resolvedKey();
    expect(withKey(first, (key) => key.key[0])).toBe(1);
    expect([...first.key]).toEqual([0, 0, 0, 0]);
    const second = resolvedKey();
    expect(() =>
      withKey(second, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect([...second.key]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the first key until the action waiting for a second one settles, then zeroes both', async () => {
    const first = resolvedKey();
    const second = resolvedKey();
    let release: (value: { key: Uint8Array }) => void = () => undefined;
    const pending = new Promise<{ key: Uint8Array }>((resolve) => (release = resolve));
    const result = withKey(first, (a) => withKey(pending, (b) => a.key[1]! + b.key[2]!));
    expect(result).toBeInstanceOf(Promise);
    expect([...first.key]).toEqual([1, 2, 3, 4]);
    release(second);
    expect(await result).toBe(5);
    expect([...first.key]).toEqual([0, 0, 0, 0]);
    expect([...second.key]).toEqual([0, 0, 0, 0]);
  });

  it('zeroes the first key when the second one fails to come', async () => {
    const first = resolvedKey();
    const result = withKey(first, () => withKey(Promise.reject(new Error('no key')), () => 0));
    await expect(result).rejects.toThrow('no key');
    expect([...first.key]).toEqual([0, 0, 0, 0]);
  });
});

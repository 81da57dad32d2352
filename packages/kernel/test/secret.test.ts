import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Secret } from '@payterm/kernel';

describe('Secret', () => {
  it('prints a mask, with the label when given', () => {
    const pinBlock = new Secret('0412AC89ABCDEF67', 'PIN block');
    expect(String(pinBlock)).toBe('[secret PIN block]');
    expect(`${pinBlock}`).toBe('[secret PIN block]');
    expect(String(new Secret(42))).toBe('[secret]');
    expect(JSON.stringify({ pinBlock })).toBe('{"pinBlock":"[secret PIN block]"}');
    expect(inspect(pinBlock)).toBe('[secret PIN block]');
  });

  it('gives the value back only through reveal()', () => {
    const key = new Uint8Array([1, 2, 3]);
    const secret = new Secret(key, 'key');
    expect(secret.reveal()).toBe(key);
    expect(secret.label).toBe('key');
  });

  it('does not expose the value as a property', () => {
    const secret = new Secret('hunter2');
    expect(Object.keys(secret)).toEqual(['label']);
    expect(Object.values({ ...secret })).not.toContain('hunter2');
    expect(Object.getOwnPropertyNames(secret)).toEqual(['label']);
    expect(structuredClone({ ...secret })).toEqual({ label: undefined });
  });

  it('never leaks its value through String, JSON, concatenation or util.inspect', () => {
    const marker = fc.string({ minLength: 12 }).map((text) => `S3CR3T-${text}`);
    fc.assert(
      fc.property(marker, fc.option(fc.constantFrom('PIN block', 'CVV', 'key')), (value, label) => {
        const secret = label === null ? new Secret(value) : new Secret(value, label);
        const object = new Secret({ nested: value }, 'object');
        const renderings = [
          String(secret),
          `${secret}`,
          secret + '',
          JSON.stringify({ secret, list: [secret], object }),
          inspect(secret),
          inspect({ deep: { deeper: { secret, object } } }, { depth: 10, showHidden: true }),
        ];
        for (const rendering of renderings) expect(rendering).not.toContain('S3CR3T-');
      }),
    );
  });
});

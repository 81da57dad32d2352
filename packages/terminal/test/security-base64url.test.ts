import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@payterm/kernel';
import { base64urlToBytes, bytesToBase64url } from '../src/security/base64url.js';

describe('base64url', () => {
  it('agrees with Node for every length up to 64 bytes, both ways', () => {
    const random = new SeededRandom(42);
    for (let length = 0; length <= 64; length += 1) {
      const bytes = new Uint8Array(length);
      random.fillBytes(bytes);
      const text = Buffer.from(bytes).toString('base64url');
      expect(bytesToBase64url(bytes)).toBe(text);
      expect(base64urlToBytes(text)).toEqual(bytes);
    }
  });

  it('refuses characters outside the alphabet, impossible lengths and non-canonical endings', () => {
    for (const text of ['A', 'AB+C', 'AB/C', 'AB=', 'AB C', 'ABCDE'])
      expect(base64urlToBytes(text)).toBeUndefined();
    // "AB" and "AC" would both decode to 0x00 if the unused low bits were ignored.
    expect(base64urlToBytes('AA')).toEqual(Uint8Array.of(0));
    expect(base64urlToBytes('AB')).toBeUndefined();
    expect(base64urlToBytes('AAB')).toBeUndefined();
  });
});

/** TR-31: wrap then unwrap gives back key and header for random keys; any flipped bit is rejected. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  unwrapTr31KeyBlock,
  wrapTr31KeyBlock,
  type Tr31HeaderFields,
  type Tr31Version,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';

const FIELD_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const field = (length: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...FIELD_CHARS), { minLength: length, maxLength: length })
    .map((chars) => chars.join(''));
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

const header: fc.Arbitrary<Tr31HeaderFields> = fc.record({
  keyUsage: field(2),
  algorithm: field(1),
  modeOfUse: field(1),
  keyVersionNumber: field(2),
  exportability: field(1),
  optionalBlocks: fc.array(fc.record({ id: field(2).filter((id) => id !== 'PB'), data: printable }), {
    maxLength: 3,
  }),
});

const kbpkFor = (version: Tr31Version): fc.Arbitrary<Uint8Array> =>
  fc
    .constantFrom(...(version === 'B' ? [16, 24] : [16, 24, 32]))
    .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }));

const wrapped = fc
  .constantFrom<Tr31Version>('B', 'D')
  .chain((version) =>
    fc.record({
      version: fc.constant(version),
      kbpk: kbpkFor(version),
      header,
      key: fc.uint8Array({ minLength: 1, maxLength: 32 }),
      mask: fc.nat({ max: 32 }),
      seed: fc.nat(),
    }),
  )
  .map((input) => ({
    ...input,
    block: wrapTr31KeyBlock({
      version: input.version,
      kbpk: input.kbpk,
      header: input.header,
      key: input.key,
      maskedKeyLength: input.key.length + input.mask,
      random: new SeededRandom(input.seed),
    }),
  }));

describe('TR-31 key blocks', () => {
  it('wrap then unwrap returns the key and the header', () => {
    fc.assert(
      fc.property(wrapped, ({ version, kbpk, header: fields, key, block }) => {
        const { header: read, key: unwrapped } = unwrapTr31KeyBlock(kbpk, block);
        expect(unwrapped).toEqual(key);
        expect(read).toMatchObject({ ...fields, version, length: block.length });
        expect(read.headerLength % (version === 'B' ? 8 : 16)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('any flipped bit of the encrypted key data or MAC fails the MAC; any flipped bit anywhere is rejected', () => {
    fc.assert(
      fc.property(wrapped, fc.nat(), (input, position) => {
        const { kbpk, block } = input;
        const { headerLength } = unwrapTr31KeyBlock(kbpk, block).header;
        const bit = position % (block.length * 7);
        const index = Math.floor(bit / 7);
        const flipped =
          block.slice(0, index) +
          String.fromCharCode(block.charCodeAt(index) ^ (1 << (bit % 7))) +
          block.slice(index + 1);
        let caught: unknown;
        try {
          unwrapTr31KeyBlock(kbpk, flipped);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(CryptoError);
        const code = (caught as CryptoError).code;
        expect([
          'CRYPTO_KEY_BLOCK_MAC_MISMATCH',
          'CRYPTO_KEY_BLOCK_MALFORMED',
          'CRYPTO_KEY_BLOCK_UNSUPPORTED',
        ]).toContain(code);
        // In the body, flip a bit of the bytes the hex stands for: still hex, so only the MAC can catch it.
        const bodyBit = position % ((block.length - headerLength) * 4);
        const nibbleIndex = headerLength + Math.floor(bodyBit / 4);
        const nibble = Number.parseInt(block[nibbleIndex]!, 16) ^ (1 << (bodyBit % 4));
        const bodyFlipped =
          block.slice(0, nibbleIndex) + nibble.toString(16).toUpperCase() + block.slice(nibbleIndex + 1);
        expect(() => unwrapTr31KeyBlock(kbpk, bodyFlipped)).toThrowError(
          expect.objectContaining({ code: 'CRYPTO_KEY_BLOCK_MAC_MISMATCH' }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

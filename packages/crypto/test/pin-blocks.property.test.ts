/** PIN blocks over random PINs and PANs: round trips in every format and translations keep the PIN. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  CryptoError,
  decodeClearPinBlock,
  decryptPinBlock,
  encryptPinBlock,
  isoPanField,
  translatePinBlock,
  type CipherFactory,
  type PinBlockFormat,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { IMPLEMENTATIONS } from './support/implementations.js';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(''));
const pin = digits(4, 12);
const pan = digits(1, 19);
const format = fc.constantFrom<PinBlockFormat>(0, 1, 3, 4);
const key = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

function cipherFor(createCipher: CipherFactory, blockFormat: PinBlockFormat, bytes: Uint8Array) {
  return blockFormat === 4
    ? createCipher('aes', bytes.subarray(0, 16))
    : createCipher('tdes', bytes.subarray(0, 16));
}

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  it('encrypt → decrypt gives the PIN back, for every format', () => {
    fc.assert(
      fc.property(format, pin, pan, key(16), fc.nat(), (blockFormat, clearPin, cardPan, keyBytes, seed) => {
        const cipher = cipherFor(createCipher, blockFormat, keyBytes);
        const random = new SeededRandom(seed >>> 0);
        const block = encryptPinBlock(cipher, { format: blockFormat, pin: clearPin, pan: cardPan, random });
        expect(block.length).toBe(blockFormat === 4 ? 16 : 8);
        const decoded = decryptPinBlock(cipher, block, { format: blockFormat, pan: cardPan });
        expect(decoded.reveal()).toBe(clearPin);
      }),
      { numRuns: 300 },
    );
  });

  it('translation keeps the PIN across keys and allowed formats', () => {
    const allowed = fc.tuple(format, format).filter(([from, to]) => !(from !== 1 && to === 1));
    fc.assert(
      fc.property(
        allowed,
        pin,
        pan,
        key(16),
        key(16),
        fc.nat(),
        ([from, to], clearPin, cardPan, k1, k2, seed) => {
          const random = new SeededRandom(seed >>> 0);
          const fromCipher = cipherFor(createCipher, from, k1);
          const toCipher = cipherFor(createCipher, to, k2);
          const block = encryptPinBlock(fromCipher, { format: from, pin: clearPin, pan: cardPan, random });
          const out = translatePinBlock(block, {
            from: { cipher: fromCipher, format: from },
            to: { cipher: toCipher, format: to },
            pan: cardPan,
            random,
          });
          expect(decryptPinBlock(toCipher, out, { format: to, pan: cardPan }).reveal()).toBe(clearPin);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('translation between formats 0, 1 and 3', () => {
  const eight = fc.constantFrom<0 | 1 | 3>(0, 1, 3);
  const outcome = (run: () => Uint8Array): string => {
    try {
      return bytesToHex(run());
    } catch (error) {
      return error instanceof CryptoError ? error.code : String(error);
    }
  };

  it('gives the block (or the error) of decrypting the PIN and encrypting it again, with the same draws', () => {
    fc.assert(
      fc.property(
        fc.tuple(eight, eight).filter(([from, to]) => !(from !== 1 && to === 1)),
        pin,
        fc.option(pan, { nil: undefined }),
        key(16),
        key(16),
        fc.option(fc.uint8Array({ minLength: 8, maxLength: 8 }), { nil: undefined, freq: 1 }),
        fc.nat(),
        ([from, to], clearPin, cardPan, k1, k2, arbitrary, seed) => {
          const fromCipher = createCipher('tdes', k1);
          const toCipher = createCipher('tdes', k2);
          const block =
            arbitrary ??
            encryptPinBlock(fromCipher, {
              format: from,
              pin: clearPin,
              pan: cardPan ?? '4',
              random: new SeededRandom(seed),
            });
          const translated = outcome(() =>
            translatePinBlock(block, {
              from: { cipher: fromCipher, format: from },
              to: { cipher: toCipher, format: to },
              ...(cardPan === undefined ? {} : { pan: cardPan }),
              random: new SeededRandom(seed + 1),
            }),
          );
          const reference = outcome(() => {
            const decoded = decryptPinBlock(fromCipher, block, {
              format: from,
              ...(cardPan === undefined ? {} : { pan: cardPan }),
            });
            return encryptPinBlock(toCipher, {
              format: to,
              pin: decoded.reveal(),
              ...(cardPan === undefined ? {} : { pan: cardPan }),
              random: new SeededRandom(seed + 1),
            });
          });
          expect(translated).toBe(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('decoding arbitrary bytes', () => {
  it('either yields a 4–12 digit PIN or throws CRYPTO_PIN_BLOCK_INVALID', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<0 | 1 | 3>(0, 1, 3),
        fc.uint8Array({ minLength: 0, maxLength: 10 }),
        pan,
        (blockFormat, bytes, cardPan) => {
          try {
            expect(decodeClearPinBlock(blockFormat, bytes, cardPan).reveal()).toMatch(/^[0-9]{4,12}$/);
          } catch (error) {
            expect(error).toBeInstanceOf(CryptoError);
            expect((error as CryptoError).code).toBe('CRYPTO_PIN_BLOCK_INVALID');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the format 0/3 PAN field', () => {
  it('is 0000 and the 12 rightmost PAN digits before the check digit, left-padded with 0', () => {
    fc.assert(
      fc.property(pan, (cardPan) => {
        const digits = cardPan.slice(0, -1).slice(-12).padStart(12, '0');
        const hex = Array.from(isoPanField(cardPan), (byte) => byte.toString(16).padStart(2, '0')).join('');
        expect(hex).toBe(`0000${digits}`);
      }),
      { numRuns: 500 },
    );
  });
});

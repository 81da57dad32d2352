/**
 * UnionPay-style sign-in working keys (cup-pos-8583-reference §4): field 62 of the 0810 carries the
 * PIK, MAK and (60.3 = 004) TDK encrypted under the TMK with TDES-ECB, each followed by a 4-byte check
 * value E_key(0^8)[0..4]. The MAK is single length, so its check value is single DES.
 *
 * Tolerance (reference §12 item 4): in the 003 / 004 layouts the 8 bytes after the MAK are zeros; a
 * host that sends a genuine double-length MAK there gets a 16-byte MAK with a TDES check value.
 */
import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher, CipherFactory } from '../cipher/block-cipher.js';
import { createCipher } from '../cipher/create-cipher.js';
import { cryptoError } from '../errors.js';
import { keyCheckValue, verifyKeyCheckValue } from '../kcv.js';
import { adjustKeyParity } from './key-parity.js';

/** 60.3 of the sign-in request: single-length keys, double-length, double-length with a track key. */
export type CupSignInLayout = '001' | '003' | '004';

export interface CupWorkingKeys {
  readonly layout: CupSignInLayout;
  /** 8 bytes (001) or 16. */
  readonly pik: Uint8Array;
  /** 8 bytes (16 when a host sends a double-length MAK). */
  readonly mak: Uint8Array;
  /** 16 bytes, layout 004 only. */
  readonly tdk?: Uint8Array;
}

export interface CupSignInOptions {
  readonly cipherFactory?: CipherFactory;
  /** The 60.3 the terminal sent; the field's length must match it. */
  readonly layout?: CupSignInLayout;
}

const LAYOUT_LENGTH: Readonly<Record<CupSignInLayout, number>> = { '001': 24, '003': 40, '004': 60 };
const CHECK_VALUE_LENGTH = 4;

function tmkCipher(tmk: Uint8Array, factory: CipherFactory): BlockCipher {
  return factory(tmk.length === 8 ? 'des' : 'tdes', tmk);
}

function keyCipher(key: Uint8Array, factory: CipherFactory): BlockCipher {
  return factory(key.length === 8 ? 'des' : 'tdes', key);
}

function layoutOf(length: number, expected: CupSignInLayout | undefined): CupSignInLayout {
  const found = (Object.keys(LAYOUT_LENGTH) as CupSignInLayout[]).find(
    (layout) => LAYOUT_LENGTH[layout] === length,
  );
  if (found === undefined || (expected !== undefined && found !== expected)) {
    const need = expected === undefined ? '24, 40 or 60' : String(LAYOUT_LENGTH[expected]);
    throw cryptoError('CRYPTO_INVALID_DATA_LENGTH', `Sign-in field 62 must be ${need} bytes`, {
      need,
      have: length,
    });
  }
  return found;
}

/** One working key decrypted under the TMK (TDES-ECB; single DES for an 8-byte TMK). */
export function decryptCupWorkingKey(
  tmk: Uint8Array,
  ciphertext: Uint8Array,
  cipherFactory: CipherFactory = createCipher,
): Uint8Array {
  return tmkCipher(tmk, cipherFactory).decryptBlocksEcb(ciphertext);
}

function decryptChecked(
  tmk: BlockCipher,
  ciphertext: Uint8Array,
  checkValue: Uint8Array,
  name: 'PIK' | 'MAK' | 'TDK',
  factory: CipherFactory,
): Uint8Array {
  const key = tmk.decryptBlocksEcb(ciphertext);
  if (!verifyKeyCheckValue(keyCipher(key, factory), checkValue, 'encrypt-zeros')) {
    key.fill(0);
    throw cryptoError('CRYPTO_KCV_MISMATCH', `The ${name} check value does not match`, { key: name });
  }
  return key;
}

/** Terminal side: decrypts every working key of field 62 and verifies every check value. */
export function decryptCupSignInKeys(
  tmk: Uint8Array,
  field62: Uint8Array,
  options: CupSignInOptions = {},
): CupWorkingKeys {
  const factory = options.cipherFactory ?? createCipher;
  const layout = layoutOf(field62.length, options.layout);
  const cipher = tmkCipher(tmk, factory);
  const pikLength = layout === '001' ? 8 : 16;
  const part = (start: number, length: number): Uint8Array => field62.subarray(start, start + length);
  const pik = decryptChecked(cipher, part(0, pikLength), part(pikLength, 4), 'PIK', factory);
  const makStart = pikLength + CHECK_VALUE_LENGTH;
  const doubleMak = layout !== '001' && part(makStart + 8, 8).some((byte) => byte !== 0);
  const mak = decryptChecked(
    cipher,
    part(makStart, doubleMak ? 16 : 8),
    part(makStart + (layout === '001' ? 8 : 16), 4),
    'MAK',
    factory,
  );
  if (layout !== '004') return { layout, pik, mak };
  const tdk = decryptChecked(cipher, part(40, 16), part(56, 4), 'TDK', factory);
  return { layout, pik, mak, tdk };
}

export interface BuildCupSignInInput {
  readonly tmk: Uint8Array;
  readonly layout: CupSignInLayout;
  /** Source of the fresh keys (odd parity is set on them). */
  readonly random: RandomSource;
  readonly cipherFactory?: CipherFactory;
}

/** Host side: fresh PIK, MAK (and TDK for 004), encrypted under the TMK with their check values. */
export function buildCupSignInField62(input: BuildCupSignInInput): {
  field62: Uint8Array;
  keys: CupWorkingKeys;
} {
  const factory = input.cipherFactory ?? createCipher;
  const layout = input.layout;
  if (!Object.hasOwn(LAYOUT_LENGTH, layout)) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Sign-in layout must be 001, 003 or 004', {
      parameter: 'layout',
    });
  }
  const cipher = tmkCipher(input.tmk, factory);
  const fresh = (length: number): Uint8Array => {
    const bytes = new Uint8Array(length);
    input.random.fillBytes(bytes);
    const key = adjustKeyParity(bytes);
    bytes.fill(0);
    return key;
  };
  const pik = fresh(layout === '001' ? 8 : 16);
  const mak = fresh(8);
  const tdk = layout === '004' ? fresh(16) : undefined;
  const field62 = new Uint8Array(LAYOUT_LENGTH[layout]);
  let offset = 0;
  const put = (key: Uint8Array, padding: number): void => {
    field62.set(cipher.encryptBlocksEcb(key), offset);
    offset += key.length + padding;
    field62.set(
      keyCheckValue(keyCipher(key, factory), { method: 'encrypt-zeros', length: CHECK_VALUE_LENGTH }),
      offset,
    );
    offset += CHECK_VALUE_LENGTH;
  };
  put(pik, 0);
  put(mak, layout === '001' ? 0 : 8);
  if (tdk !== undefined) put(tdk, 0);
  return { field62, keys: tdk === undefined ? { layout, pik, mak } : { layout, pik, mak, tdk } };
}

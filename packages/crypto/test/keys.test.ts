/** Key components (K8), key parity, and CUP sign-in working keys (TV1, W1 = TV4, W2) in both directions. */
import { describe, expect, it } from 'vitest';
import {
  adjustKeyParity,
  buildCupSignInField62,
  bytesToHex,
  combineKeyComponents,
  decryptCupSignInKeys,
  decryptCupWorkingKey,
  hasOddKeyParity,
  hexToBytes,
  keyCheckValue,
  splitKeyIntoComponents,
  type CupSignInLayout,
} from '@payterm/crypto';
import { SeededRandom, type RandomSource } from '@payterm/kernel';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { expectCryptoError } from './support/crypto-error-shape.js';

interface ComponentInputs {
  algorithm?: 'tdes';
  components?: string[];
  key?: string;
}
interface CupInputs {
  tmk: string;
  layout?: CupSignInLayout;
  field62?: string;
  makCiphertext?: string;
}
type CupExpected = Partial<
  Record<'pik' | 'pikCheckValue' | 'mak' | 'makCheckValue' | 'wrongMakTdesCheckValue', string>
>;

const COMPONENTS = loadFixtures<ComponentInputs, { key: string; kcv?: string }>('key-components');
const CUP = loadFixtures<CupInputs, CupExpected>('cup-sign-in');

/** Replays `hex` across successive fillBytes calls. */
function replayBytes(hex: string): RandomSource {
  const bytes = hexToBytes(hex);
  let offset = 0;
  return {
    nextUint32: () => 0,
    nextInt: () => 0,
    fillBytes: (target) => {
      target.set(bytes.subarray(offset, offset + target.length));
      offset += target.length;
    },
  };
}

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  it.each(byId(COMPONENTS))('%s', (_id, { inputs, expected }) => {
    if (inputs.components === undefined) {
      const adjusted = adjustKeyParity(hexToBytes(inputs.key!));
      expect(bytesToHex(adjusted)).toBe(expected.key);
      expect(hasOddKeyParity(adjusted)).toBe(true);
      expect(hasOddKeyParity(hexToBytes(inputs.key!))).toBe(false);
      return;
    }
    const components = inputs.components.map((hex) => ({ value: hexToBytes(hex) }));
    const combined = combineKeyComponents({ algorithm: 'tdes', components, cipherFactory: createCipher });
    expect(bytesToHex(combined.key)).toBe(expected.key);
    expect(bytesToHex(combined.kcv)).toBe(expected.kcv);
    const withChecks = components.map((component, index) => ({
      ...component,
      kcv: combined.componentKcvs[index]!,
    }));
    const again = combineKeyComponents({
      algorithm: 'tdes',
      components: withChecks,
      kcv: hexToBytes(expected.kcv!),
      cipherFactory: createCipher,
    });
    expect(again.key).toEqual(combined.key);
    expect(combineKeyComponents({ algorithm: 'tdes', components: components.slice(0, 2) }).key).toEqual(
      combined.key,
    );
  });

  it('rejects a component or key whose check value does not match, naming which', () => {
    const c1 = hexToBytes('E09B073B4007541FAB76B04370451031');
    const c2 = hexToBytes('4CBF5D51EA8525EF045EFED6E386D9D9');
    const wrong = hexToBytes('000000');
    const first = expectCryptoError(
      () =>
        combineKeyComponents({
          algorithm: 'tdes',
          components: [{ value: c1 }, { value: c2, kcv: wrong }],
          cipherFactory: createCipher,
        }),
      'CRYPTO_KCV_MISMATCH',
      ['E09B073B', '4CBF5D51'],
    );
    expect(first.details).toEqual({ component: 2 });
    const combined = expectCryptoError(
      () =>
        combineKeyComponents({ algorithm: 'tdes', components: [{ value: c1 }, { value: c2 }], kcv: wrong }),
      'CRYPTO_KCV_MISMATCH',
    );
    expect(combined.details).toEqual({ key: 'combined' });
    expectCryptoError(
      () => combineKeyComponents({ algorithm: 'tdes', components: [{ value: c1 }] }),
      'CRYPTO_INVALID_ARGUMENT',
    );
    expectCryptoError(
      () =>
        combineKeyComponents({
          algorithm: 'tdes',
          components: [{ value: c1 }, { value: new Uint8Array(24) }],
        }),
      'CRYPTO_INVALID_KEY_LENGTH',
    );
  });

  it('splits a key into components that combine back', () => {
    const key = hexToBytes('AC245A6AAA8271F0AF284E9593C3C9E8');
    for (const count of [2, 3]) {
      const parts = splitKeyIntoComponents(key, count, new SeededRandom(count));
      expect(parts).toHaveLength(count);
      const combined = combineKeyComponents({
        algorithm: 'tdes',
        components: parts.map((value) => ({ value })),
      });
      expect(bytesToHex(combined.kcv)).toBe('40D522');
    }
  });

  it.each(byId(CUP))('%s', (_id, { inputs, expected }) => {
    const tmk = hexToBytes(inputs.tmk);
    if (inputs.field62 === undefined) {
      expect(bytesToHex(decryptCupWorkingKey(tmk, hexToBytes(inputs.makCiphertext!), createCipher))).toBe(
        expected.mak,
      );
      return;
    }
    const field62 = hexToBytes(inputs.field62);
    const keys = decryptCupSignInKeys(tmk, field62, { layout: inputs.layout!, cipherFactory: createCipher });
    expect(keys.layout).toBe(inputs.layout);
    expect(bytesToHex(keys.pik)).toBe(expected.pik);
    expect(bytesToHex(keys.mak)).toBe(expected.mak);
    expect(bytesToHex(keyCheckValue(createCipher('tdes', keys.pik), { length: 4 }))).toBe(
      expected.pikCheckValue,
    );
    expect(bytesToHex(keyCheckValue(createCipher('des', keys.mak), { length: 4 }))).toBe(
      expected.makCheckValue,
    );
    if (expected.wrongMakTdesCheckValue !== undefined) {
      // What a terminal would get by reading MAK ‖ 00×8 as one double-length key: not the published CV.
      const doubled = decryptCupWorkingKey(tmk, field62.subarray(20, 36), createCipher);
      expect(bytesToHex(keyCheckValue(createCipher('tdes', doubled), { length: 4 }))).toBe(
        expected.wrongMakTdesCheckValue,
      );
    }
    // Host side: the same clear keys from the random source give the published field byte for byte.
    const built = buildCupSignInField62({
      tmk,
      layout: inputs.layout!,
      random: replayBytes(expected.pik! + expected.mak!),
      cipherFactory: createCipher,
    });
    expect(bytesToHex(built.field62)).toBe(inputs.field62);
  });

  it('rejects a field 62 with a wrong check value, naming the key, or the wrong length', () => {
    const { inputs } = CUP[0]!;
    const tmk = hexToBytes(inputs.tmk);
    for (const [offset, name] of [
      [16, 'PIK'],
      [36, 'MAK'],
    ] as const) {
      const field62 = hexToBytes(inputs.field62!);
      field62[offset] = field62[offset]! ^ 1;
      const error = expectCryptoError(
        () => decryptCupSignInKeys(tmk, field62, { cipherFactory: createCipher }),
        'CRYPTO_KCV_MISMATCH',
        ['D931648F', 'AB7C577C'],
      );
      expect(error.details).toEqual({ key: name });
    }
    expectCryptoError(() => decryptCupSignInKeys(tmk, new Uint8Array(39)), 'CRYPTO_INVALID_DATA_LENGTH');
    expectCryptoError(
      () => decryptCupSignInKeys(tmk, hexToBytes(inputs.field62!), { layout: '004' }),
      'CRYPTO_INVALID_DATA_LENGTH',
    );
  });

  it.each(['001', '003', '004'] as const)('builds and reads back layout %s', (layout) => {
    const tmk = hexToBytes('258FB0AB70D025CDB99DF2C4D302D646');
    const { field62, keys } = buildCupSignInField62({
      tmk,
      layout,
      random: new SeededRandom(42),
      cipherFactory: createCipher,
    });
    expect(field62).toHaveLength({ '001': 24, '003': 40, '004': 60 }[layout]);
    const read = decryptCupSignInKeys(tmk, field62, { layout, cipherFactory: createCipher });
    expect(read).toEqual(keys);
    expect(hasOddKeyParity(read.pik) && hasOddKeyParity(read.mak)).toBe(true);
    expect(read.tdk === undefined).toBe(layout !== '004');
  });

  it('reads a double-length MAK when the host fills the MAK padding', () => {
    const tmk = createCipher('tdes', hexToBytes('258FB0AB70D025CDB99DF2C4D302D646'));
    const pik = hexToBytes('D931648F3DE313A4A22C15DCA4F4299E');
    const mak = hexToBytes('0123456789ABCDEFFEDCBA9876543210');
    const field62 = new Uint8Array(40);
    field62.set(tmk.encryptBlocksEcb(pik), 0);
    field62.set(keyCheckValue(createCipher('tdes', pik), { length: 4 }), 16);
    field62.set(tmk.encryptBlocksEcb(mak), 20);
    field62.set(keyCheckValue(createCipher('tdes', mak), { length: 4 }), 36);
    expect(decryptCupSignInKeys(hexToBytes('258FB0AB70D025CDB99DF2C4D302D646'), field62).mak).toEqual(mak);
  });
});

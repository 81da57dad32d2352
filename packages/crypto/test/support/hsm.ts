import type { CryptoError } from '@payterm/crypto';
import {
  hexToBytes,
  InMemoryKeyStore,
  SoftwareHsm,
  type CryptoErrorCode,
  type DukptCounterStore,
  type HsmKeyAlgorithm,
  type HsmKeyType,
  type KeyHandle,
  type SoftwareHsmOptions,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { checkCryptoError } from './crypto-error-shape.js';

export const LMK = hexToBytes('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
export const OTHER_LMK = hexToBytes('F0E0D0C0B0A090807060504030201000F0E0D0C0B0A090807060504030201000');

/** A DukptCounterStore that never refuses (tests of the vectors only). */
export const ACCEPT_EVERY_COUNTER: DukptCounterStore = { advance: () => Promise.resolve(true) };

export function newHsm(options: Partial<SoftwareHsmOptions> = {}): {
  hsm: SoftwareHsm;
  store: InMemoryKeyStore;
} {
  const store = options.store instanceof InMemoryKeyStore ? options.store : new InMemoryKeyStore();
  // Published vectors (TR-31 A.7 keys and KBPKs, K8, W1's TMK) ignore DES parity, and importClear's
  // 0x11 components are even: the parity check has its own tests (software-hsm-parity.test.ts).
  // The vector tests reuse the reference KSNs for several calls: replay detection has its own tests
  // (software-hsm-dukpt-replay.test.ts), so the default here accepts every counter.
  const hsm = new SoftwareHsm({
    lmk: LMK,
    random: new SeededRandom(7),
    keyParity: 'any',
    dukptCounters: ACCEPT_EVERY_COUNTER,
    ...options,
    store,
  });
  return { hsm, store };
}

/** Imports a known clear key as two components (the second is key ⊕ 0x11…). */
export function importClear(
  hsm: SoftwareHsm,
  type: HsmKeyType,
  hex: string,
  algorithm: HsmKeyAlgorithm = hex.length === 16 ? 'des' : 'tdes',
  exportable = true,
): Promise<KeyHandle> {
  const key = hexToBytes(hex);
  const first = new Uint8Array(key.length).fill(0x11);
  const second = key.map((byte, index) => byte ^ first[index]!);
  return hsm.importKey({
    kind: 'components',
    type,
    algorithm,
    exportable,
    components: [{ value: first }, { value: second }],
  });
}

/** Awaits `action`, which must reject with a catalogued CryptoError with `code` and none of `secrets`. */
export async function expectHsmError(
  action: Promise<unknown>,
  code: CryptoErrorCode,
  secrets: readonly string[] = [],
): Promise<CryptoError> {
  let thrown: unknown;
  try {
    await action;
  } catch (error) {
    thrown = error;
  }
  return checkCryptoError(thrown, code, secrets);
}

export function zeroPadded(data: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / blockSize) * blockSize);
  out.set(data);
  return out;
}

import { adjustKeyParity, hexToBytes, type Hsm, type HsmKeyType, type KeyHandle } from '@payterm/crypto';
import type { RandomSource } from '@payterm/kernel';

/**
 * Two odd-parity components whose combination is `key` (an odd-parity DES/TDES key): the HSM refuses
 * even components and sets the XOR of two odd ones to odd parity by flipping each byte's low bit, so the
 * second component is `key ⊕ 01… ⊕ first`.
 */
export function oddParityComponents(key: Uint8Array, random: RandomSource): [Uint8Array, Uint8Array] {
  const first = new Uint8Array(key.length);
  random.fillBytes(first);
  const firstOdd = adjustKeyParity(first);
  const second = key.map((byte, index) => byte ^ 0x01 ^ (firstOdd[index] ?? 0));
  return [firstOdd, second];
}

/**
 * Imports a published clear TDES key (the demo terminals' TMK, a test zone key) the way a key ceremony
 * would: as components with the expected check value. For demo data and tests; real keys arrive as
 * components entered by custodians or as TR-31 blocks.
 */
export function importClearTdesKey(
  hsm: Hsm,
  type: HsmKeyType,
  hex: string,
  random: RandomSource,
  kcv?: string,
): Promise<KeyHandle> {
  const components = oddParityComponents(hexToBytes(hex), random).map((value) => ({ value }));
  return hsm.importKey({
    kind: 'components',
    type,
    algorithm: 'tdes',
    components,
    ...(kcv === undefined ? {} : { kcv: hexToBytes(kcv) }),
  });
}

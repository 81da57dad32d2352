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
 * Imports a published clear TDES key (the demo terminals' TMK, the test cards' PIN verification keys, a
 * test zone key) the way a key ceremony would: as components, with the expected check value when given.
 * The three components (01…, 02…, key ⊕ 03…) have odd parity and combine to the key itself, so an HSM
 * that checks or sets parity keeps the very same key. For demo data and tests; real keys arrive as
 * components entered by custodians or as TR-31 blocks.
 */
export async function importClearTdesKey(
  hsm: Hsm,
  type: HsmKeyType,
  key: string | Uint8Array,
  options: { readonly kcv?: string; readonly exportable?: boolean } = {},
): Promise<KeyHandle> {
  const bytes = typeof key === 'string' ? hexToBytes(key) : key;
  const third = bytes.map((byte) => byte ^ 0x03);
  try {
    return await hsm.importKey({
      kind: 'components',
      type,
      algorithm: 'tdes',
      components: [
        { value: new Uint8Array(bytes.length).fill(0x01) },
        { value: new Uint8Array(bytes.length).fill(0x02) },
        { value: third },
      ],
      ...(options.kcv === undefined ? {} : { kcv: hexToBytes(options.kcv) }),
      ...(options.exportable === undefined ? {} : { exportable: options.exportable }),
    });
  } finally {
    third.fill(0);
    if (typeof key === 'string') bytes.fill(0);
  }
}

/**
 * Resolving what an operation works with: a stored key checked for its purpose and direction, or a
 * DUKPT working key derived inside the HSM from a stored BDK. The returned key bytes are the caller's
 * to zero.
 */
import { AesDukptHost, type AesDukptKeyUsage } from '../dukpt/aes-dukpt.js';
import { TdesDukptHost, type TdesDukptKeyUsage } from '../dukpt/tdes-dukpt.js';
import type { CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import type { HsmKeySource } from './hsm.js';
import type { KeyHandle } from './key-handle.js';
import { KEY_PROFILES, MODES_FOR, type HsmKeyPurpose } from './key-profiles.js';
import { keyCipherAlgorithm, type LmkVault } from './lmk-vault.js';

export type Direction = 'forward' | 'reverse';

export interface ResolvedKey {
  readonly key: Uint8Array;
  readonly algorithm: 'des' | 'tdes' | 'aes';
}

/** Throws HSM_KEY_USAGE_VIOLATION unless the stored key may serve `purpose` in `direction`. */
export function checkUsage(
  stored: KeyHandle,
  given: KeyHandle,
  purpose: HsmKeyPurpose,
  direction: Direction,
): void {
  const profile = KEY_PROFILES[stored.type];
  if (
    given.type !== stored.type ||
    profile.purpose !== purpose ||
    !MODES_FOR[direction].includes(stored.modeOfUse)
  ) {
    throw cryptoError('HSM_KEY_USAGE_VIOLATION', `A ${stored.type} key cannot be used for this operation`, {
      id: stored.id,
      type: stored.type,
      purpose,
      modeOfUse: stored.modeOfUse,
    });
  }
}

/** The clear key of a handle, checked; the caller zeroes it. */
export async function openKey(
  vault: LmkVault,
  handle: KeyHandle,
  purpose: HsmKeyPurpose,
  direction: Direction,
): Promise<ResolvedKey & { readonly handle: KeyHandle }> {
  const id = (handle as { id?: unknown } | undefined)?.id;
  return vault.use(String(id), (key, stored) => {
    checkUsage(stored, handle, purpose, direction);
    return { key: key.slice(), algorithm: keyCipherAlgorithm(stored.algorithm, key.length), handle: stored };
  });
}

type DukptPurpose = 'pin' | 'mac' | 'data';

const TDES_USAGE: Readonly<Record<DukptPurpose, readonly [TdesDukptKeyUsage, TdesDukptKeyUsage]>> = {
  pin: ['pin', 'pin'],
  mac: ['mac-request', 'mac-response'],
  data: ['data-request', 'data-response'],
};

/** X9.24-3 Table 2: the terminal's request key and the key of the host's response. */
const AES_USAGE: Readonly<Record<DukptPurpose, readonly [AesDukptKeyUsage, AesDukptKeyUsage]>> = {
  pin: ['pin-encryption', 'pin-encryption'],
  mac: ['mac-generation', 'mac-verification'],
  data: ['data-encryption', 'data-decryption'],
};

/** A stored key for `purpose`, or the DUKPT working key of the KSN for it. */
export async function resolveKeySource(
  vault: LmkVault,
  source: HsmKeySource,
  purpose: DukptPurpose,
  direction: Direction,
  factory: CipherFactory,
): Promise<ResolvedKey> {
  if ('key' in source) return openKey(vault, source.key, purpose, direction);
  const bdk = await openKey(vault, source.bdk, 'dukpt', direction);
  try {
    const role = source.direction === 'response' ? 1 : 0;
    if (bdk.algorithm === 'tdes') {
      return {
        key: new TdesDukptHost(bdk.key).workingKey(source.ksn, TDES_USAGE[purpose][role]),
        algorithm: 'tdes',
      };
    }
    const type = source.aesKeyType ?? 'aes128';
    const key = new AesDukptHost(bdk.key, { cipherFactory: factory }).workingKey(
      source.ksn,
      AES_USAGE[purpose][role],
      type,
    );
    return { key, algorithm: type === '2tdea' || type === '3tdea' ? 'tdes' : 'aes' };
  } finally {
    bdk.key.fill(0);
  }
}

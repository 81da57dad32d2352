/**
 * Resolving what an operation works with: a stored key checked for its purpose and direction, or a
 * DUKPT working key derived inside the HSM from a stored BDK. The returned key bytes are the caller's
 * to zero.
 */
import { AesDukptHost, aesDukptCounter, type AesDukptKeyUsage } from '../dukpt/aes-dukpt.js';
import { TdesDukptHost, tdesDukptCounter, type TdesDukptKeyUsage } from '../dukpt/tdes-dukpt.js';
import type { BlockCipher, CipherAlgorithm, CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { bytesToHex } from '../hex.js';
import type { DukptCounterStore } from './dukpt-counter-store.js';
import type { HsmKeySource } from './hsm.js';
import type { KeyHandle } from './key-handle.js';
import { KEY_PROFILES, MODES_FOR, type HsmKeyPurpose } from './key-profiles.js';
import { keyCipherAlgorithm, type CachedCipher, type CachedKeyView, type LmkVault } from './lmk-vault.js';
import type { MaybePromise } from './maybe-promise.js';

export type Direction = 'forward' | 'reverse';

/** A key with its bytes in clear: the caller zeroes `key`. */
export interface ClearKey {
  readonly key: Uint8Array;
  readonly algorithm: 'des' | 'tdes' | 'aes';
  /** The HSM's cached cipher of exactly this key, when it keeps one. */
  readonly cipher?: CachedCipher;
}

/** A key the HSM keeps in its cache, handed out as its ciphers only: no clear copy, nothing to zero. */
export interface CipherOnlyKey {
  readonly key: undefined;
  readonly keyLength: number;
  readonly algorithm: 'des' | 'tdes' | 'aes';
  readonly cipher: (algorithm: CipherAlgorithm) => BlockCipher;
}

export type ResolvedKey = ClearKey | CipherOnlyKey;

/** A cipher of `resolved`: the cached one when the HSM keeps it, else a new one from `factory`. */
export function cipherOf(resolved: ResolvedKey, factory: CipherFactory): BlockCipher {
  if (resolved.key === undefined) return resolved.cipher(resolved.algorithm);
  return resolved.cipher?.(resolved.algorithm) ?? factory(resolved.algorithm, resolved.key);
}

/** `factory`, except that asking for a cipher of exactly `resolved.key` gives the cached one. */
export function factoryOf(resolved: ClearKey, factory: CipherFactory): CipherFactory {
  const cached = resolved.cipher;
  if (cached === undefined) return factory;
  return (algorithm, key) => (key === resolved.key ? cached(algorithm) : factory(algorithm, key));
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

/** The clear key of a handle, checked (at once when the key is cached); the caller zeroes it. */
export function openKey(
  vault: LmkVault,
  handle: KeyHandle,
  purpose: HsmKeyPurpose,
  direction: Direction,
): MaybePromise<ClearKey & { readonly handle: KeyHandle }> {
  const id = (handle as { id?: unknown } | undefined)?.id;
  return vault.open(String(id), (key, stored, cipher) => {
    checkUsage(stored, handle, purpose, direction);
    const resolved: {
      key: Uint8Array;
      algorithm: ResolvedKey['algorithm'];
      handle: KeyHandle;
      cipher?: CachedCipher;
    } = {
      key,
      algorithm: keyCipherAlgorithm(stored.algorithm, key.length),
      handle: stored,
    };
    if (cipher !== undefined) resolved.cipher = cipher;
    return resolved;
  });
}

/** What openCiphers hands out for a cached key, made once per key: it holds nothing secret. */
const CIPHER_ONLY = new WeakMap<CachedKeyView, CipherOnlyKey>();

/**
 * A stored key for an operation that needs only its ciphers, checked like openKey: the HSM's cached
 * ciphers when it keeps the key (no clear copy is made), else the clear key from openKey.
 */
export function openCiphers(
  vault: LmkVault,
  handle: KeyHandle,
  purpose: HsmKeyPurpose,
  direction: Direction,
): MaybePromise<ResolvedKey> {
  const view = vault.cachedView(String((handle as { id?: unknown } | undefined)?.id));
  if (view === undefined) return openKey(vault, handle, purpose, direction);
  checkUsage(view.handle, handle, purpose, direction);
  let resolved = CIPHER_ONLY.get(view);
  if (resolved === undefined) {
    resolved = {
      key: undefined,
      keyLength: view.keyLength,
      algorithm: keyCipherAlgorithm(view.handle.algorithm, view.keyLength),
      cipher: view.cipher,
    };
    CIPHER_ONLY.set(view, resolved);
  }
  return resolved;
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

/** `BDK id / KSN without its counter / operation`: what a counter must increase within. */
function replayScope(bdkId: string, ksn: Uint8Array, tdes: boolean, operation: string): string {
  const device = ksn.slice(0, 8); // TDES: 59-bit KSI and device id; AES: the initial key ID
  if (tdes) device[7] = device[7]! & 0xe0;
  return `${bdkId}/${bytesToHex(device)}/${operation}`;
}

/**
 * A stored key for `purpose` (its ciphers only, unless `clear`), or the DUKPT working key of the KSN
 * for it. A DUKPT source must carry a counter above the highest `counters` has accepted for its
 * device and `operation` (HSM_DUKPT_REPLAY).
 */
export function resolveKeySource(
  vault: LmkVault,
  source: HsmKeySource,
  purpose: DukptPurpose,
  direction: Direction,
  factory: CipherFactory,
  counters: DukptCounterStore,
  operation: string,
  clear = false,
): MaybePromise<ResolvedKey> {
  // A stored key without an async layer: the common case, several times per transaction.
  if ('key' in source) {
    return clear
      ? openKey(vault, source.key, purpose, direction)
      : openCiphers(vault, source.key, purpose, direction);
  }
  return resolveDukptSource(vault, source, purpose, direction, factory, counters, operation);
}

async function resolveDukptSource(
  vault: LmkVault,
  source: Extract<HsmKeySource, { readonly bdk: KeyHandle }>,
  purpose: DukptPurpose,
  direction: Direction,
  factory: CipherFactory,
  counters: DukptCounterStore,
  operation: string,
): Promise<ClearKey> {
  const bdk = await openKey(vault, source.bdk, 'dukpt', direction);
  let resolved: ClearKey;
  try {
    const role = source.direction === 'response' ? 1 : 0;
    if (bdk.algorithm === 'tdes') {
      resolved = {
        key: new TdesDukptHost(bdk.key).workingKey(source.ksn, TDES_USAGE[purpose][role]),
        algorithm: 'tdes',
      };
    } else {
      const type = source.aesKeyType ?? 'aes128';
      const key = new AesDukptHost(bdk.key, { cipherFactory: factory }).workingKey(
        source.ksn,
        AES_USAGE[purpose][role],
        type,
      );
      resolved = { key, algorithm: type === '2tdea' || type === '3tdea' ? 'tdes' : 'aes' };
    }
  } finally {
    bdk.key.fill(0);
  }
  // The derivation has checked the KSN's length and counter.
  const tdes = bdk.algorithm === 'tdes';
  const counter = tdes ? tdesDukptCounter(source.ksn) : aesDukptCounter(source.ksn);
  const scope = replayScope(bdk.handle.id, source.ksn, tdes, operation);
  let accepted = false;
  try {
    accepted = await counters.advance(scope, counter);
  } finally {
    if (!accepted) resolved.key.fill(0);
  }
  if (!accepted) {
    throw cryptoError('HSM_DUKPT_REPLAY', 'The KSN counter is not above the highest seen for this device', {
      operation,
      counter,
    });
  }
  return resolved;
}

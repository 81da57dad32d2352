/**
 * SIGNING keys (Ed25519, for software packages): the 32-byte RFC 8032 seed is the private key and is
 * kept like every other key, as a TR-31 D blob under the LMK (algorithm `E`, usage S0, mode S), with
 * the public key in the blob's authenticated header. The seed is unwrapped only to sign, then zeroed.
 */
import type { RandomSource } from '@payterm/kernel';
import { constantTimeEqual } from '../constant-time.js';
import { cryptoError } from '../errors.js';
import { hexToBytes } from '../hex.js';
import type { Ed25519Engine } from './ed25519-engine.js';
import type { GenerateKeyRequest, ImportSigningSeed } from './hsm.js';
import type { KeyHandle } from './key-handle.js';
import { KEY_PROFILES } from './key-profiles.js';
import { checkUsage } from './key-source.js';
import type { LmkVault } from './lmk-vault.js';

export const ED25519_SEED_LENGTH = 32;

/** A request names a SIGNING key or the ed25519 algorithm: both must be there. */
export function isSigningRequest(request: { type?: unknown; algorithm?: unknown } | undefined): boolean {
  return request?.type === 'SIGNING' || request?.algorithm === 'ed25519';
}

function checkSigningRequest(type: unknown, algorithm: unknown, length: number): void {
  if (type !== 'SIGNING' || algorithm !== 'ed25519') {
    throw cryptoError(
      'CRYPTO_INVALID_ALGORITHM',
      'A SIGNING key is an ed25519 key, and ed25519 only a SIGNING key',
      {
        algorithm: String(algorithm),
      },
    );
  }
  if (length !== ED25519_SEED_LENGTH) {
    throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', `An ed25519 seed must be ${ED25519_SEED_LENGTH} bytes`, {
      algorithm: 'ed25519',
      length,
    });
  }
}

async function storeSeed(
  vault: LmkVault,
  engine: Ed25519Engine,
  seed: Uint8Array,
  exportable: boolean,
  expectedPublicKey?: Uint8Array,
): Promise<KeyHandle> {
  const publicKey = await engine.publicKeyOf(seed);
  if (expectedPublicKey !== undefined && !constantTimeEqual(publicKey, expectedPublicKey)) {
    throw cryptoError('CRYPTO_KCV_MISMATCH', 'The seed does not give the expected public key', {
      key: 'imported',
    });
  }
  const profile = KEY_PROFILES.SIGNING;
  return vault.store(
    { type: 'SIGNING', algorithm: 'ed25519', usage: profile.usage, modeOfUse: profile.modeOfUse, exportable },
    seed,
    publicKey,
  );
}

export async function generateSigningKey(
  vault: LmkVault,
  random: RandomSource,
  engine: Ed25519Engine,
  request: GenerateKeyRequest,
): Promise<KeyHandle> {
  checkSigningRequest(request.type, request.algorithm ?? 'ed25519', request.length ?? ED25519_SEED_LENGTH);
  const seed = new Uint8Array(ED25519_SEED_LENGTH);
  random.fillBytes(seed);
  try {
    return await storeSeed(vault, engine, seed, request.exportable ?? false);
  } finally {
    seed.fill(0);
  }
}

export function importSigningSeed(
  vault: LmkVault,
  engine: Ed25519Engine,
  request: ImportSigningSeed,
): Promise<KeyHandle> {
  const seed = request.seed;
  checkSigningRequest(request.type, request.algorithm, seed instanceof Uint8Array ? seed.length : -1);
  return storeSeed(vault, engine, seed, request.exportable ?? false, request.publicKey);
}

export async function signWithKey(
  vault: LmkVault,
  engine: Ed25519Engine,
  handle: KeyHandle,
  data: Uint8Array,
): Promise<Uint8Array> {
  if (!(data instanceof Uint8Array)) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'The data to sign must be bytes', { parameter: 'data' });
  }
  const seed = await vault.use(String(handle?.id), (key, stored) => {
    checkUsage(stored, handle, 'sign', 'forward');
    return key.slice();
  });
  try {
    return await engine.sign(seed, data);
  } finally {
    seed.fill(0);
  }
}

export function publicKeyOfKey(vault: LmkVault, handle: KeyHandle): Promise<Uint8Array> {
  return vault.use(String(handle?.id), (_key, stored) => {
    checkUsage(stored, handle, 'sign', 'forward');
    return hexToBytes(stored.publicKey!);
  });
}

/** The check value of an Ed25519 key: the first `length` bytes (2 to 32) of its public key. */
export function publicKeyCheckValue(publicKeyHex: string, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 2 || length > ED25519_SEED_LENGTH) {
    throw cryptoError('CRYPTO_INVALID_KCV_LENGTH', 'A check value of an ed25519 key is 2 to 32 bytes', {
      length,
    });
  }
  return hexToBytes(publicKeyHex).slice(0, length);
}

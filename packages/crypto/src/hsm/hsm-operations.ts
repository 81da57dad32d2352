/**
 * The PIN, MAC and data operations of the software HSM. Each resolves its keys (checked for purpose
 * and direction), does its work and zeroes the clear keys before it returns. With cached keys an
 * operation runs synchronously (maybe-promise.ts); the SoftwareHsm turns every answer into a promise.
 */
import { assertInvariant, type RandomSource } from '@payterm/kernel';
import type { BlockCipher, CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import type { Mac } from '../mac/mac.js';
import { createCbcMac } from '../mac/cbc-mac.js';
import { createCmac } from '../mac/cmac.js';
import { createCupEcbMac, cupEcbMacOf, cupMakAlgorithm } from '../mac/cup-ecb-mac.js';
import { createRetailMac } from '../mac/retail-mac.js';
import { verifyIbm3624Offset, verifyIbm3624OffsetOfField } from '../pin/ibm-3624.js';
import { decryptPinDigitsOf, decryptPinFieldInto } from '../pin/pin-block.js';
import { translatePinBlockOf } from '../pin/translate-pin-block.js';
import { verifyVisaPvv } from '../pin/visa-pvv.js';
import type {
  DataCryptRequest,
  GenerateMacRequest,
  HsmMacAlgorithm,
  TranslatePinRequest,
  VerifyMacRequest,
  VerifyPinRequest,
} from './hsm.js';
import type { DukptCounterStore } from './dukpt-counter-store.js';
import {
  cipherOf,
  factoryOf,
  openCiphers,
  resolveKeySource,
  type CipherOnlyKey,
  type Direction,
  type ResolvedKey,
} from './key-source.js';
import type { KeyHandle } from './key-handle.js';
import type { HsmKeyPurpose } from './key-profiles.js';
import type { LmkVault } from './lmk-vault.js';
import { withKey, type MaybePromise } from './maybe-promise.js';

export interface OperationContext {
  readonly vault: LmkVault;
  readonly random: RandomSource;
  readonly factory: CipherFactory;
  /** Allow-listed IBM 3624 decimalisation tables. */
  readonly tables: readonly string[];
  /** Highest DUKPT counters accepted, per BDK, device and operation. */
  readonly counters: DukptCounterStore;
}

/** A key resolved at once from the cache: only its ciphers, nothing to zero, no promise to wait for. */
function isCipherOnly(key: MaybePromise<ResolvedKey>): key is CipherOnlyKey {
  return !(key instanceof Promise) && key.key === undefined;
}

/**
 * A PIN key (stored or DUKPT) and a second stored key, for the PIN operations. The PIN key's cipher is
 * made before the second key is opened: that may need an await, and by then the first key could have
 * left the cache. `action` is a module function given `request`, so that a call makes no closure.
 */
function withPinKeyAnd<R, T>(
  context: OperationContext,
  source: TranslatePinRequest['from']['key'],
  operation: string,
  second: KeyHandle,
  purpose: HsmKeyPurpose,
  direction: Direction,
  request: R,
  action: (
    context: OperationContext,
    request: R,
    pinCipher: BlockCipher,
    second: ResolvedKey,
  ) => MaybePromise<T>,
): MaybePromise<T> {
  const pinKey = resolveKeySource(
    context.vault,
    source,
    'pin',
    'reverse',
    context.factory,
    context.counters,
    operation,
  );
  if (isCipherOnly(pinKey)) {
    const pinCipher = pinKey.cipher(pinKey.algorithm);
    const key = openCiphers(context.vault, second, purpose, direction);
    if (isCipherOnly(key)) return action(context, request, pinCipher, key);
    return withKey(key, (resolved) => action(context, request, pinCipher, resolved));
  }
  return withKey(pinKey, (resolved) => {
    const pinCipher = cipherOf(resolved, context.factory);
    return withKey(openCiphers(context.vault, second, purpose, direction), (key) =>
      action(context, request, pinCipher, key),
    );
  });
}

function translateWith(
  context: OperationContext,
  request: TranslatePinRequest,
  fromCipher: BlockCipher,
  to: ResolvedKey,
): Uint8Array {
  return translatePinBlockOf(
    request.pinBlock,
    fromCipher,
    request.from.format,
    cipherOf(to, context.factory),
    request.to.format,
    request.pan,
    context.random,
  );
}

/** TPK / ZPK / DUKPT PIN key → ZPK (or TPK), formats per translatePinBlock (no 0/3/4 → 1). */
export function translatePin(
  context: OperationContext,
  request: TranslatePinRequest,
): MaybePromise<Uint8Array> {
  return withPinKeyAnd(
    context,
    request.from.key,
    'translatePin',
    request.to.key,
    'pin',
    'forward',
    request,
    translateWith,
  );
}

const PIN_FIELD = new Uint8Array(8);

function verifyWith(
  context: OperationContext,
  request: VerifyPinRequest,
  pinCipher: BlockCipher,
  pvk: ResolvedKey,
): boolean {
  const verification = request.verification;
  const format = request.pinBlock.format;
  if (verification.method === 'ibm3624' && format !== 4) {
    // The PIN stays in its clear field (a scratch block zeroed here) instead of becoming a string.
    const field = PIN_FIELD;
    try {
      decryptPinFieldInto(pinCipher, request.pinBlock.block, format, request.pan, field);
      return verifyIbm3624OffsetOfField(
        cipherOf(pvk, context.factory),
        verification,
        field,
        verification.offset,
      );
    } finally {
      field.fill(0);
    }
  }
  const pin = decryptPinDigitsOf(pinCipher, request.pinBlock.block, format, request.pan);
  const pvkCipher = cipherOf(pvk, context.factory);
  // The verification carries the validation data and table itself: no parameter object per call.
  if (verification.method === 'ibm3624') {
    return verifyIbm3624Offset(pvkCipher, verification, pin, verification.offset);
  }
  return verifyVisaPvv(pvkCipher, {
    pan: request.pan,
    pvki: verification.pvki,
    pin,
    pvv: verification.pvv,
  });
}

/** Decrypts the PIN block inside the HSM and checks it against an IBM 3624 offset or a Visa PVV. */
export function verifyPin(context: OperationContext, request: VerifyPinRequest): MaybePromise<boolean> {
  const verification = request.verification;
  const method = verification?.method;
  if (method !== 'ibm3624' && method !== 'visa-pvv') {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'PIN verification method must be ibm3624 or visa-pvv', {
      parameter: 'method',
    });
  }
  if (method === 'ibm3624' && !context.tables.includes(verification.decimalizationTable)) {
    throw cryptoError(
      'HSM_DECIMALIZATION_TABLE_REJECTED',
      'The decimalisation table is not on the allow-list',
      {},
    );
  }
  return withPinKeyAnd(
    context,
    request.pinBlock.key,
    'verifyPin',
    request.pvk,
    method,
    'reverse',
    request,
    verifyWith,
  );
}

/**
 * MACs of the HSM's cached ciphers, made once per cipher: a MAC keeps only scratch buffers next to its
 * cipher, and calls run one at a time. They go with the cipher when its key leaves the cache.
 */
const CUP_ECB_MACS = new WeakMap<BlockCipher, Mac>();
const CMACS = new WeakMap<BlockCipher, Mac>();

function macOfCached(
  macs: WeakMap<BlockCipher, Mac>,
  cipher: BlockCipher,
  create: (cipher: BlockCipher) => Mac,
): Mac {
  let mac = macs.get(cipher);
  if (mac === undefined) {
    mac = create(cipher);
    macs.set(cipher, mac);
  }
  return mac;
}

const newCmac = (cipher: BlockCipher): Mac => createCmac(cipher);

function createMac(
  context: OperationContext,
  algorithm: HsmMacAlgorithm,
  key: ResolvedKey,
  macLength: number | undefined,
): Mac {
  if (algorithm === 'cup-ecb') {
    if (key.key === undefined) {
      return macOfCached(CUP_ECB_MACS, key.cipher(cupMakAlgorithm(key.keyLength)), cupEcbMacOf);
    }
    return createCupEcbMac(factoryOf(key, context.factory), key.key);
  }
  const length = macLength === undefined ? {} : { macLength };
  if (algorithm === 'x9.19') {
    assertInvariant(key.key !== undefined, 'An X9.19 MAC key is resolved in clear');
    return createRetailMac(factoryOf(key, context.factory), key.key, length);
  }
  if (algorithm === 'iso9797-1') return createCbcMac(cipherOf(key, context.factory), length);
  if (algorithm === 'cmac') {
    if (key.key === undefined && macLength === undefined) {
      return macOfCached(CMACS, key.cipher(key.algorithm), newCmac);
    }
    return createCmac(cipherOf(key, context.factory), length);
  }
  throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'MAC algorithm must be cup-ecb, iso9797-1, x9.19 or cmac', {
    parameter: 'algorithm',
  });
}

function withMacKey<R extends GenerateMacRequest | VerifyMacRequest, T>(
  context: OperationContext,
  request: R,
  direction: Direction,
  macLength: number | undefined,
  action: (mac: Mac, request: R) => T,
): MaybePromise<T> {
  const key = resolveKeySource(
    context.vault,
    request.key,
    'mac',
    direction,
    context.factory,
    context.counters,
    direction === 'forward' ? 'generateMac' : 'verifyMac',
    request.algorithm === 'x9.19', // K and K' each need a DES cipher of their own
  );
  if (isCipherOnly(key)) return action(createMac(context, request.algorithm, key, macLength), request);
  return withKey(key, (resolved) =>
    action(createMac(context, request.algorithm, resolved, macLength), request),
  );
}

const computeMac = (mac: Mac, request: GenerateMacRequest): Uint8Array => mac.compute(request.data);
const checkMac = (mac: Mac, request: VerifyMacRequest): boolean => mac.verify(request.data, request.mac);

export function generateMac(
  context: OperationContext,
  request: GenerateMacRequest,
): MaybePromise<Uint8Array> {
  return withMacKey(context, request, 'forward', request.macLength, computeMac);
}

/** Compares in constant time; accepts 4 bytes up to the full MAC. */
export function verifyMac(context: OperationContext, request: VerifyMacRequest): MaybePromise<boolean> {
  return withMacKey(context, request, 'reverse', undefined, checkMac);
}

function cryptWith(
  context: OperationContext,
  request: DataCryptRequest,
  direction: Direction,
  resolved: ResolvedKey,
): Uint8Array {
  const cipher = cipherOf(resolved, context.factory);
  const mode = request.mode ?? 'cbc';
  if (mode === 'ecb') {
    return direction === 'forward'
      ? cipher.encryptBlocksEcb(request.data)
      : cipher.decryptBlocksEcb(request.data);
  }
  if (mode !== 'cbc') {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Data mode must be ecb or cbc', { parameter: 'mode' });
  }
  const iv = request.iv ?? new Uint8Array(cipher.blockSize);
  return direction === 'forward' ? cipher.encryptCbc(iv, request.data) : cipher.decryptCbc(iv, request.data);
}

/** ECB or CBC (default, zero IV) under a TDK or a DUKPT data key. */
export function dataCrypt(
  context: OperationContext,
  request: DataCryptRequest,
  direction: Direction,
): MaybePromise<Uint8Array> {
  const key = resolveKeySource(
    context.vault,
    request.key,
    'data',
    direction,
    context.factory,
    context.counters,
    direction === 'forward' ? 'encryptData' : 'decryptData',
  );
  if (isCipherOnly(key)) return cryptWith(context, request, direction, key);
  return withKey(key, (resolved) => cryptWith(context, request, direction, resolved));
}

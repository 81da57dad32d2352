/**
 * A software HSM behind the Hsm port, for development and tests: PCI PIN requires a real SCD for
 * production PIN processing. Keys live only as TR-31 D blobs under the LMK in a KeyStore (see
 * lmk-vault.ts), are unwrapped for one operation and zeroed after it, and serve only their purpose.
 */
import { systemClock, type Clock, type RandomSource } from '@payterm/kernel';
import type { CipherFactory } from '../cipher/block-cipher.js';
import { createCipher } from '../cipher/create-cipher.js';
import { constantTimeEqual } from '../constant-time.js';
import { cryptoError } from '../errors.js';
import { keyCheckValue } from '../kcv.js';
import { combineKeyComponents } from '../keys/key-components.js';
import { adjustKeyParity, hasOddKeyParity } from '../keys/key-parity.js';
import { buildCupSignInField62, type CupSignInLayout } from '../keys/cup-sign-in-keys.js';
import { unwrapTr31KeyBlock, wrapTr31KeyBlock } from '../tr31/tr31-key-block.js';
import type {
  CupSignInKeys,
  DataCryptRequest,
  ExportedKey,
  ExportKeyRequest,
  GenerateKeyRequest,
  GenerateMacRequest,
  Hsm,
  ImportKeyRequest,
  TranslatePinRequest,
  VerifyMacRequest,
  VerifyPinRequest,
} from './hsm.js';
import {
  dataCrypt,
  generateMac,
  translatePin,
  verifyMac,
  verifyPin,
  type OperationContext,
} from './hsm-operations.js';
import type { HsmKeyAlgorithm, HsmKeyType, KeyHandle } from './key-handle.js';
import { defaultTypeForUsage, KEY_PROFILES, isKeyType } from './key-profiles.js';
import { InMemoryKeyStore, type KeyStore } from './key-store.js';
import { InMemoryDukptCounterStore, type DukptCounterStore } from './dukpt-counter-store.js';
import { openKey } from './key-source.js';
import type { MaybePromise } from './maybe-promise.js';
import {
  auditKeys,
  auditSource,
  errorCodeOf,
  lengthOf,
  maskPan,
  type AuditFacts,
  type HsmAuditKey,
  type HsmAuditSink,
  type HsmOperation,
} from './hsm-audit.js';
import { checkLmk, keyCipherAlgorithm, LmkVault } from './lmk-vault.js';
import { webCryptoEd25519, type Ed25519Engine } from './ed25519-engine.js';
import {
  generateSigningKey,
  importSigningSeed,
  isSigningRequest,
  publicKeyCheckValue,
  publicKeyOfKey,
  signWithKey,
} from './signing-keys.js';

/** IBM 3624 decimalisation tables accepted by default (reference §6 rule 4). */
export const DEFAULT_DECIMALIZATION_TABLES: readonly string[] = ['0123456789012345'];

export interface SoftwareHsmOptions {
  /** The local master key: 32 bytes (AES-256). Copied; zero your copy. */
  readonly lmk: Uint8Array;
  readonly random: RandomSource;
  /** Default: a new InMemoryKeyStore. */
  readonly store?: KeyStore;
  readonly cipherFactory?: CipherFactory;
  /** Allow-list of IBM 3624 decimalisation tables. */
  readonly decimalizationTables?: readonly string[];
  /**
   * DES/TDES key parity on import. `odd` (default, as payShield): every byte of an imported key (and
   * of each clear component) has odd parity, else HSM_KEY_PARITY_INVALID; a key formed from components
   * is then set to odd parity (the XOR of two odd components is even). `any`: no check, the key is kept
   * as given (published vectors such as TR-31 A.7 and K8 ignore parity). AES keys have no parity.
   */
  readonly keyParity?: 'odd' | 'any';
  /**
   * Highest DUKPT counter accepted per BDK, device (KSN without its counter) and operation; a KSN
   * at or below it is refused (HSM_DUKPT_REPLAY). Default: a new InMemoryDukptCounterStore. Share one
   * store between instances (and persist it) so that a restart does not reopen old counters.
   */
  readonly dukptCounters?: DukptCounterStore;
  /** Receives one event per call (operation, keys by id/type/KCV, outcome, time); none by default. */
  readonly audit?: HsmAuditSink;
  /** The time of audit events. Default: the kernel's systemClock. */
  readonly clock?: Clock;
  /**
   * How many unwrapped keys the HSM keeps in its private memory (least recently used evicted), so that a
   * busy host does not unwrap a TR-31 block per call. Default 0: every call unwraps.
   */
  readonly keyCacheSize?: number;
  /** Ed25519 for SIGNING keys. Default WebCrypto; `nodeEd25519` of `@payterm/crypto/node` in Node. */
  readonly ed25519?: Ed25519Engine;
}

const MAC_ALGORITHMS: readonly string[] = ['cup-ecb', 'iso9797-1', 'x9.19', 'cmac'];

/** `value` when it is one of `allowed` (audit details carry no free text from the caller). */
function known(value: unknown, allowed: readonly string[]): { detail?: string } {
  return typeof value === 'string' && allowed.includes(value) ? { detail: value } : {};
}

function handleKeys(role: string, value: unknown): HsmAuditKey[] {
  return auditKeys([role, value]);
}

/** Loads the LMK bytes, e.g. `lmkFromEnvironment` / `lmkFromFile` of `@payterm/crypto/node`. */
export type LmkLoader = () => Uint8Array | Promise<Uint8Array>;

function checkParity(algorithm: HsmKeyAlgorithm, key: Uint8Array, source: string): void {
  if (algorithm !== 'aes' && !hasOddKeyParity(key)) {
    throw cryptoError('HSM_KEY_PARITY_INVALID', 'A DES/TDES key does not have odd parity', { source });
  }
}

function panOf(pan: unknown): { pan?: string } {
  const masked = maskPan(pan);
  return masked === undefined ? {} : { pan: masked };
}

const ALGORITHM_BY_TR31: Readonly<Record<string, HsmKeyAlgorithm>> = { D: 'des', T: 'tdes', A: 'aes' };

function checkKeyRequest(type: unknown, algorithm: unknown, length: number): void {
  if (!isKeyType(type)) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Unknown HSM key type', { parameter: 'type' });
  }
  if (type === 'SIGNING' || (algorithm !== 'des' && algorithm !== 'tdes' && algorithm !== 'aes')) {
    throw cryptoError(
      'CRYPTO_INVALID_ALGORITHM',
      'HSM key algorithm must be des, tdes or aes (ed25519: SIGNING)',
      {
        algorithm: String(algorithm),
      },
    );
  }
  const allowed = algorithm === 'des' ? [8] : algorithm === 'tdes' ? [16, 24] : [16, 24, 32];
  if (!allowed.includes(length)) {
    throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', `A ${algorithm} key must be ${allowed.join(', ')} bytes`, {
      algorithm,
      length,
    });
  }
  if (type === 'BDK' && algorithm !== 'aes' && length !== 16) {
    throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', 'A TDES DUKPT BDK must be 16 bytes', {
      algorithm,
      length,
    });
  }
}

function translatePinFacts(request: TranslatePinRequest): AuditFacts {
  const from = auditSource('from', request?.from?.key);
  return {
    ...from,
    keys: [...from.keys, ...handleKeys('to', request?.to?.key)],
    ...panOf(request?.pan),
    ...lengthOf(request?.pinBlock),
  };
}

function verifyPinFacts(request: VerifyPinRequest): AuditFacts {
  const from = auditSource('key', request?.pinBlock?.key);
  return {
    ...from,
    keys: [...from.keys, ...handleKeys('pvk', request?.pvk)],
    ...panOf(request?.pan),
    ...lengthOf(request?.pinBlock?.block),
    ...known(request?.verification?.method, ['ibm3624', 'visa-pvv']),
  };
}

function dataFacts(request: GenerateMacRequest | DataCryptRequest): AuditFacts {
  const algorithm = (request as { algorithm?: unknown } | undefined)?.algorithm;
  return {
    ...auditSource('key', request?.key),
    ...lengthOf(request?.data),
    ...known(algorithm ?? (request as DataCryptRequest | undefined)?.mode ?? 'cbc', [
      ...MAC_ALGORITHMS,
      'ecb',
      'cbc',
    ]),
  };
}

const encryptData = (context: OperationContext, request: DataCryptRequest): MaybePromise<Uint8Array> =>
  dataCrypt(context, request, 'forward');
const decryptData = (context: OperationContext, request: DataCryptRequest): MaybePromise<Uint8Array> =>
  dataCrypt(context, request, 'reverse');

export class SoftwareHsm implements Hsm {
  readonly #vault: LmkVault;
  readonly #random: RandomSource;
  readonly #factory: CipherFactory;
  readonly #tables: readonly string[];
  readonly #oddParity: boolean;
  readonly #counters: DukptCounterStore;
  readonly #audit: HsmAuditSink | undefined;
  readonly #clock: Clock;
  readonly #ed25519: Ed25519Engine;

  constructor(options: SoftwareHsmOptions) {
    checkLmk(options.lmk);
    this.#random = options.random;
    this.#factory = options.cipherFactory ?? createCipher;
    this.#vault = new LmkVault(
      options.lmk,
      options.store ?? new InMemoryKeyStore(),
      options.random,
      this.#factory,
      options.keyCacheSize ?? 0,
    );
    this.#tables = options.decimalizationTables ?? DEFAULT_DECIMALIZATION_TABLES;
    this.#oddParity = (options.keyParity ?? 'odd') === 'odd';
    this.#counters = options.dukptCounters ?? new InMemoryDukptCounterStore();
    this.#audit = options.audit;
    this.#clock = options.clock ?? systemClock;
    this.#ed25519 = options.ed25519 ?? webCryptoEd25519;
  }

  /** Loads the LMK through `loadLmk`, builds the HSM and zeroes the loaded bytes. */
  static async open(
    options: Omit<SoftwareHsmOptions, 'lmk'> & { readonly loadLmk: LmkLoader },
  ): Promise<SoftwareHsm> {
    const lmk = await options.loadLmk();
    try {
      return new SoftwareHsm({ ...options, lmk });
    } finally {
      if (lmk instanceof Uint8Array) lmk.fill(0);
    }
  }

  async #store(
    type: HsmKeyType,
    algorithm: HsmKeyAlgorithm,
    key: Uint8Array,
    options: { exportable?: boolean | undefined; modeOfUse?: string },
  ): Promise<KeyHandle> {
    checkKeyRequest(type, algorithm, key.length);
    const profile = KEY_PROFILES[type];
    return this.#vault.store(
      {
        type,
        algorithm,
        usage: profile.usage,
        modeOfUse: options.modeOfUse ?? profile.modeOfUse,
        exportable: options.exportable ?? true,
      },
      key,
    );
  }

  async #generateKey(request: GenerateKeyRequest): Promise<KeyHandle> {
    if (isSigningRequest(request))
      return generateSigningKey(this.#vault, this.#random, this.#ed25519, request);
    const algorithm = request.algorithm ?? 'tdes';
    const length = request.length ?? (algorithm === 'des' ? 8 : 16);
    checkKeyRequest(request.type, algorithm, length);
    const random = new Uint8Array(length);
    this.#random.fillBytes(random);
    const key = algorithm === 'aes' ? random.slice() : adjustKeyParity(random);
    random.fill(0);
    try {
      return await this.#store(request.type, algorithm, key, { exportable: request.exportable });
    } finally {
      key.fill(0);
    }
  }

  async #importKey(request: ImportKeyRequest): Promise<KeyHandle> {
    if (request.kind === 'tr31') return this.#importTr31(request.kbpk, request.keyBlock, request.type);
    if (request.kind === 'seed') return importSigningSeed(this.#vault, this.#ed25519, request);
    let key: Uint8Array;
    if (request.kind === 'components') {
      const first = request.components[0]?.value;
      checkKeyRequest(request.type, request.algorithm, first instanceof Uint8Array ? first.length : -1);
      const combined = combineKeyComponents({
        algorithm: keyCipherAlgorithm(request.algorithm, first!.length),
        components: request.components,
        ...(request.kcv === undefined ? {} : { kcv: request.kcv }),
        cipherFactory: this.#factory,
      }).key;
      // After combineKeyComponents has checked the components' lengths and check values.
      if (this.#oddParity && request.algorithm !== 'aes') {
        const bad = request.components.findIndex((component) => !hasOddKeyParity(component.value));
        if (bad >= 0) {
          combined.fill(0);
          checkParity(request.algorithm, request.components[bad]!.value, `component ${bad + 1}`);
        }
        // DES ignores the parity bits, so the check value stays the same.
        key = adjustKeyParity(combined);
        combined.fill(0);
      } else {
        key = combined;
      }
    } else if (request.kind === 'cryptogram') {
      const kek = await openKey(this.#vault, request.kek, 'wrap', 'reverse');
      try {
        key = this.#factory(kek.algorithm, kek.key).decryptBlocksEcb(request.cryptogram);
      } finally {
        kek.key.fill(0);
      }
    } else {
      throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Import kind must be components, cryptogram or tr31', {
        parameter: 'kind',
      });
    }
    try {
      checkKeyRequest(request.type, request.algorithm, key.length);
      if (this.#oddParity && request.kind === 'cryptogram') checkParity(request.algorithm, key, 'cryptogram');
      if (request.kcv !== undefined) this.#checkKcv(request.algorithm, key, request.kcv);
      return await this.#store(request.type, request.algorithm, key, { exportable: request.exportable });
    } finally {
      key.fill(0);
    }
  }

  #checkKcv(algorithm: HsmKeyAlgorithm, key: Uint8Array, kcv: Uint8Array): void {
    // keyCheckValue refuses a length outside 2 bytes to one block (CRYPTO_INVALID_KCV_LENGTH).
    const actual = this.#vault.checkValue(algorithm, key, kcv.length);
    if (!constantTimeEqual(actual, kcv)) {
      throw cryptoError('CRYPTO_KCV_MISMATCH', 'The imported key does not match its check value', {
        key: 'imported',
      });
    }
  }

  async #importTr31(
    kbpkHandle: KeyHandle,
    keyBlock: string,
    requested: HsmKeyType | undefined,
  ): Promise<KeyHandle> {
    const kbpk = await openKey(this.#vault, kbpkHandle, 'wrap', 'reverse');
    let unwrapped;
    try {
      unwrapped = unwrapTr31KeyBlock(kbpk.key, keyBlock, { cipherFactory: this.#factory });
    } finally {
      kbpk.key.fill(0);
    }
    const { header, key } = unwrapped;
    try {
      const type = requested ?? defaultTypeForUsage(header.keyUsage);
      const algorithm = ALGORITHM_BY_TR31[header.algorithm];
      if (type === undefined || !KEY_PROFILES[type]?.importUsages.includes(header.keyUsage)) {
        throw cryptoError('HSM_KEY_USAGE_VIOLATION', 'The key block usage does not fit the key type', {
          usage: header.keyUsage,
          type: String(type),
        });
      }
      if (algorithm === undefined) {
        throw cryptoError('CRYPTO_KEY_BLOCK_UNSUPPORTED', 'The key block algorithm is not DES, TDES or AES', {
          algorithm: header.algorithm,
        });
      }
      if (this.#oddParity) checkParity(algorithm, key, 'tr31');
      return await this.#store(type, algorithm, key, {
        exportable: header.exportability !== 'N',
        modeOfUse: header.modeOfUse,
      });
    } finally {
      key.fill(0);
    }
  }

  async #exportKey(request: ExportKeyRequest): Promise<ExportedKey> {
    const kek = await openKey(this.#vault, request.kek, 'wrap', 'forward');
    try {
      if (request.key?.id === request.kek?.id) {
        throw cryptoError('HSM_KEY_USAGE_VIOLATION', 'A key cannot be exported under itself', {
          id: kek.handle.id,
        });
      }
      return await this.#vault.use(String(request.key?.id), (key, stored) => {
        if (request.key.type !== stored.type) {
          throw cryptoError('HSM_KEY_USAGE_VIOLATION', 'The handle does not match the stored key', {
            id: stored.id,
          });
        }
        if (!stored.exportable) {
          throw cryptoError('HSM_KEY_NOT_EXPORTABLE', `This ${stored.type} key is not exportable`, {
            id: stored.id,
          });
        }
        if (request.format === 'cryptogram') {
          return { kcv: stored.kcv, cryptogram: this.#factory(kek.algorithm, kek.key).encryptBlocksEcb(key) };
        }
        if (request.format !== 'tr31') {
          throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Export format must be cryptogram or tr31', {
            parameter: 'format',
          });
        }
        const keyBlock = wrapTr31KeyBlock({
          version: kek.algorithm === 'aes' ? 'D' : 'B',
          kbpk: kek.key,
          header: {
            keyUsage: stored.usage,
            algorithm: { des: 'D', tdes: 'T', aes: 'A', ed25519: 'E' }[stored.algorithm],
            modeOfUse: stored.modeOfUse,
            exportability: 'E',
          },
          key,
          random: this.#random,
          cipherFactory: this.#factory,
        });
        return { kcv: stored.kcv, keyBlock };
      });
    } finally {
      kek.key.fill(0);
    }
  }

  async #keyCheckValue(handle: KeyHandle, length: number): Promise<Uint8Array> {
    return this.#vault.use(String(handle?.id), (key, stored) => {
      if (handle.type !== stored.type) {
        throw cryptoError('HSM_KEY_USAGE_VIOLATION', 'The handle does not match the stored key', {
          id: stored.id,
        });
      }
      if (stored.publicKey !== undefined) return publicKeyCheckValue(stored.publicKey, length);
      return keyCheckValue(this.#factory(keyCipherAlgorithm(stored.algorithm, key.length), key), { length });
    });
  }

  async #generateCupSignInKeys(request: { tmk: KeyHandle; layout: CupSignInLayout }): Promise<CupSignInKeys> {
    const tmk = await openKey(this.#vault, request.tmk, 'wrap', 'forward');
    let built;
    try {
      built = buildCupSignInField62({
        tmk: tmk.key,
        layout: request.layout,
        random: this.#random,
        cipherFactory: this.#factory,
      });
    } finally {
      tmk.key.fill(0);
    }
    const { pik, mak, tdk } = built.keys;
    try {
      const store = (type: HsmKeyType, key: Uint8Array): Promise<KeyHandle> =>
        this.#store(type, key.length === 8 ? 'des' : 'tdes', key, { exportable: false });
      const pikHandle = await store('TPK', pik);
      const makHandle = await store('TAK', mak);
      const field62 = built.field62;
      if (tdk === undefined) return { field62, pik: pikHandle, mak: makHandle };
      return { field62, pik: pikHandle, mak: makHandle, tdk: await store('TDK', tdk) };
    } finally {
      pik.fill(0);
      mak.fill(0);
      tdk?.fill(0);
    }
  }

  generateKey(request: GenerateKeyRequest): Promise<KeyHandle> {
    return this.#audited(
      'generateKey',
      { keys: [], ...known(request?.type, Object.keys(KEY_PROFILES)) },
      () => this.#generateKey(request),
      (handle) => handleKeys('result', handle),
    );
  }

  importKey(request: ImportKeyRequest): Promise<KeyHandle> {
    const kek =
      request?.kind === 'tr31' ? request.kbpk : request?.kind === 'cryptogram' ? request.kek : undefined;
    return this.#audited(
      'importKey',
      { keys: handleKeys('kek', kek), ...known(request?.kind, ['components', 'cryptogram', 'tr31', 'seed']) },
      () => this.#importKey(request),
      (handle) => handleKeys('result', handle),
    );
  }

  exportKey(request: ExportKeyRequest): Promise<ExportedKey> {
    return this.#audited(
      'exportKey',
      {
        keys: auditKeys(['key', request?.key], ['kek', request?.kek]),
        ...known(request?.format, ['cryptogram', 'tr31']),
      },
      () => this.#exportKey(request),
    );
  }

  getKey(id: string): Promise<KeyHandle> {
    return this.#audited(
      'getKey',
      { keys: handleKeys('key', { id }) },
      () => this.#vault.use(id, (_key, stored) => stored),
      (handle) => handleKeys('result', handle),
    );
  }

  keyCheckValue(handle: KeyHandle, length = 3): Promise<Uint8Array> {
    return this.#audited('keyCheckValue', { keys: handleKeys('key', handle) }, () =>
      this.#keyCheckValue(handle, length),
    );
  }

  generateCupSignInKeys(request: { tmk: KeyHandle; layout: CupSignInLayout }): Promise<CupSignInKeys> {
    return this.#audited(
      'generateCupSignInKeys',
      { keys: handleKeys('kek', request?.tmk), ...known(request?.layout, ['001', '003', '004']) },
      () => this.#generateCupSignInKeys(request),
      (keys) => auditKeys(['pik', keys.pik], ['mak', keys.mak], ['tdk', keys.tdk]),
    );
  }

  translatePin(request: TranslatePinRequest): Promise<Uint8Array> {
    return this.#operation('translatePin', translatePinFacts, translatePin, request);
  }

  verifyPin(request: VerifyPinRequest): Promise<boolean> {
    return this.#operation('verifyPin', verifyPinFacts, verifyPin, request);
  }

  generateMac(request: GenerateMacRequest): Promise<Uint8Array> {
    return this.#operation('generateMac', dataFacts, generateMac, request);
  }

  verifyMac(request: VerifyMacRequest): Promise<boolean> {
    return this.#operation('verifyMac', dataFacts, verifyMac, request);
  }

  encryptData(request: DataCryptRequest): Promise<Uint8Array> {
    return this.#operation('encryptData', dataFacts, encryptData, request);
  }

  decryptData(request: DataCryptRequest): Promise<Uint8Array> {
    return this.#operation('decryptData', dataFacts, decryptData, request);
  }

  sign(key: KeyHandle, data: Uint8Array): Promise<Uint8Array> {
    return this.#audited('sign', { keys: handleKeys('key', key), ...lengthOf(data) }, () =>
      signWithKey(this.#vault, this.#ed25519, key, data),
    );
  }

  publicKey(key: KeyHandle): Promise<Uint8Array> {
    return this.#audited('publicKey', { keys: handleKeys('key', key) }, () =>
      publicKeyOfKey(this.#vault, key),
    );
  }

  /**
   * {@link #audited} of a hot operation: module functions of the request instead of closures, so that a
   * call without an audit sink allocates no more than its promise.
   */
  #operation<R, T>(
    operation: HsmOperation,
    facts: (request: R) => AuditFacts,
    action: (context: OperationContext, request: R) => MaybePromise<T>,
    request: R,
  ): Promise<T> {
    if (this.#audit === undefined) {
      try {
        return Promise.resolve(action(this.#context(), request));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.#auditedCall(
      this.#audit,
      operation,
      () => facts(request),
      () => action(this.#context(), request),
    );
  }

  /** Runs `action` and records one audit event for it, ok or failed. */
  /** `facts` may be a thunk: the hot operations only gather them when an audit sink listens. */
  #audited<T>(
    operation: HsmOperation,
    factsOrThunk: AuditFacts | (() => AuditFacts),
    action: () => MaybePromise<T>,
    produced?: (value: T) => HsmAuditKey[],
  ): Promise<T> {
    // Without a sink no extra async layer: the host makes several HSM calls per transaction.
    if (this.#audit === undefined) {
      try {
        return Promise.resolve(action());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.#auditedCall(this.#audit, operation, factsOrThunk, action, produced);
  }

  async #auditedCall<T>(
    sink: HsmAuditSink,
    operation: HsmOperation,
    factsOrThunk: AuditFacts | (() => AuditFacts),
    action: () => MaybePromise<T>,
    produced?: (value: T) => HsmAuditKey[],
  ): Promise<T> {
    const facts = typeof factsOrThunk === 'function' ? factsOrThunk() : factsOrThunk;
    let value: T;
    try {
      value = await action();
    } catch (error) {
      sink.record({ operation, at: this.#now(), outcome: 'error', errorCode: errorCodeOf(error), ...facts });
      throw error;
    }
    const keys = produced === undefined ? facts.keys : [...facts.keys, ...produced(value)];
    sink.record({ operation, at: this.#now(), outcome: 'ok', ...facts, keys });
    return value;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  /** Built once: every operation reads the same fields. */
  #operationContext: OperationContext | undefined;

  #context(): OperationContext {
    this.#operationContext ??= {
      vault: this.#vault,
      random: this.#random,
      factory: this.#factory,
      tables: this.#tables,
      counters: this.#counters,
    };
    return this.#operationContext;
  }

  /** The LMK's check value (AES CMAC, 3 bytes, hex): tells LMKs apart without revealing them. */
  lmkCheckValue(): string {
    return this.#vault.lmkCheckValue();
  }
}

/**
 * Keys at rest: each key is a TR-31 version D key block under the LMK (AES-256 KBPK), so the blob's
 * MAC binds the key to its usage, mode of use, exportability, HSM key type (optional block `01`) and
 * id (optional block `02`): a blob moved to another id, altered, or read under another LMK fails.
 * A clear key exists only inside `use` and is zeroed when the callback ends — unless the vault keeps a
 * key cache: then up to `keyCacheSize` unwrapped keys stay in this object's private memory (as a real
 * HSM keeps working keys in its secure memory), so a busy host does not unwrap a TR-31 block per call.
 * Callers still get a copy that is zeroed when their callback ends.
 */
import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher, CipherAlgorithm, CipherFactory } from '../cipher/block-cipher.js';
import { createCipher } from '../cipher/create-cipher.js';
import { CryptoError, cryptoError } from '../errors.js';
import { bytesToHex } from '../hex.js';
import { keyCheckValue } from '../kcv.js';
import { unwrapTr31KeyBlock, wrapTr31KeyBlock } from '../tr31/tr31-key-block.js';
import { KeyHandle, type HsmKeyAlgorithm, type HsmKeyType } from './key-handle.js';
import { isKeyType } from './key-profiles.js';
import type { MaybePromise } from './maybe-promise.js';
import type { KeyStore } from './key-store.js';

export const LMK_LENGTH = 32;

const ALGORITHM_CODE: Readonly<Record<HsmKeyAlgorithm, string>> = {
  des: 'D',
  tdes: 'T',
  aes: 'A',
  ed25519: 'E',
};

/** Optional blocks of a stored key: its HSM type, its id, and an asymmetric key's public key (hex). */
const TYPE_BLOCK = '01';
const ID_BLOCK = '02';
const PUBLIC_KEY_BLOCK = '03';

export interface StoredKeyAttributes {
  readonly type: HsmKeyType;
  readonly algorithm: HsmKeyAlgorithm;
  readonly usage: string;
  readonly modeOfUse: string;
  readonly exportable: boolean;
}

export function checkLmk(lmk: unknown): asserts lmk is Uint8Array {
  if (!(lmk instanceof Uint8Array) || lmk.length !== LMK_LENGTH) {
    throw cryptoError('HSM_LMK_INVALID', `The LMK must be ${LMK_LENGTH} bytes (AES-256)`, {
      need: LMK_LENGTH,
      have: lmk instanceof Uint8Array ? lmk.length : -1,
    });
  }
}

function blobInvalid(id: string): CryptoError {
  return cryptoError('HSM_KEY_BLOB_INVALID', 'A stored key does not verify under this LMK', { id });
}

/** The block cipher of a symmetric key; an Ed25519 key has none (CRYPTO_INVALID_ALGORITHM). */
export function keyCipherAlgorithm(algorithm: HsmKeyAlgorithm, length: number): 'des' | 'tdes' | 'aes' {
  if (algorithm === 'ed25519') {
    throw cryptoError('CRYPTO_INVALID_ALGORITHM', 'An Ed25519 key is not a block cipher key', { algorithm });
  }
  return algorithm === 'tdes' && length === 8 ? 'des' : algorithm;
}

/** An Ed25519 key's check value: the first 3 bytes of its public key. */
function publicKeyCheckValue(publicKeyHex: string): string {
  return publicKeyHex.slice(0, 6);
}

/** What an operation that needs only ciphers sees of a cached key: never its bytes. */
export interface CachedKeyView {
  readonly handle: KeyHandle;
  readonly keyLength: number;
  readonly cipher: (algorithm: CipherAlgorithm) => BlockCipher;
}

interface CachedKey {
  readonly id: string;
  readonly key: Uint8Array;
  readonly handle: KeyHandle;
  /** Made once per key. */
  readonly view: CachedKeyView;
  /** Ciphers of this key by algorithm: a DES key schedule cost more than the MAC it serves. */
  readonly ciphers: Map<CipherAlgorithm, BlockCipher>;
  /** Built once per key, not per call. */
  readonly cipher: (algorithm: CipherAlgorithm) => BlockCipher;
  /** Neighbours in least-recently-used order (a list, so that a use moves no Map entry). */
  older: CachedKey | undefined;
  newer: CachedKey | undefined;
}

/** A cipher of the key in use, built once and kept with a cached key (undefined: build your own). */
export type CachedCipher = ((algorithm: CipherAlgorithm) => BlockCipher) | undefined;

export class LmkVault {
  readonly #lmk: Uint8Array;
  readonly #store: KeyStore;
  readonly #random: RandomSource;
  readonly #factory: CipherFactory;
  readonly #cacheSize: number;
  readonly #cache = new Map<string, CachedKey>();
  #oldest: CachedKey | undefined;
  #newest: CachedKey | undefined;

  constructor(
    lmk: Uint8Array,
    store: KeyStore,
    random: RandomSource,
    factory: CipherFactory = createCipher,
    keyCacheSize = 0,
  ) {
    checkLmk(lmk);
    if (!Number.isSafeInteger(keyCacheSize) || keyCacheSize < 0) {
      throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'The key cache size must be a non-negative integer', {
        parameter: 'keyCacheSize',
      });
    }
    this.#lmk = lmk.slice();
    this.#store = store;
    this.#random = random;
    this.#factory = factory;
    this.#cacheSize = keyCacheSize;
  }

  /** A fresh id: `key-` and 32 random hex digits. */
  newId(): string {
    const bytes = new Uint8Array(16);
    this.#random.fillBytes(bytes);
    return `key-${bytesToHex(bytes).toLowerCase()}`;
  }

  /** The 3-byte check value of a clear key (encrypt-zeros for DES/TDES, CMAC for AES). */
  checkValue(algorithm: HsmKeyAlgorithm, key: Uint8Array, length = 3): Uint8Array {
    return keyCheckValue(this.#factory(keyCipherAlgorithm(algorithm, key.length), key), { length });
  }

  /** The LMK's check value (AES CMAC of zeros, 3 bytes, hex). */
  lmkCheckValue(): string {
    return bytesToHex(keyCheckValue(this.#factory('aes', this.#lmk)));
  }

  /**
   * Wraps `key` under the LMK, stores it, returns its handle. Does not zero `key`. An asymmetric key
   * (its private part in `key`) keeps its `publicKey` in the blob's authenticated header.
   */
  async store(attributes: StoredKeyAttributes, key: Uint8Array, publicKey?: Uint8Array): Promise<KeyHandle> {
    const id = this.newId();
    const publicKeyHex = publicKey === undefined ? undefined : bytesToHex(publicKey);
    const kcv =
      publicKeyHex === undefined
        ? bytesToHex(this.checkValue(attributes.algorithm, key))
        : publicKeyCheckValue(publicKeyHex);
    const blob = wrapTr31KeyBlock({
      version: 'D',
      kbpk: this.#lmk,
      header: {
        keyUsage: attributes.usage,
        algorithm: ALGORITHM_CODE[attributes.algorithm],
        modeOfUse: attributes.modeOfUse,
        exportability: attributes.exportable ? 'E' : 'N',
        optionalBlocks: [
          { id: TYPE_BLOCK, data: attributes.type },
          { id: ID_BLOCK, data: id },
          ...(publicKeyHex === undefined ? [] : [{ id: PUBLIC_KEY_BLOCK, data: publicKeyHex }]),
        ],
      },
      key,
      maskedKeyLength: 32,
      random: this.#random,
      cipherFactory: this.#factory,
    });
    await this.#store.put(id, blob);
    return new KeyHandle({
      id,
      kcv,
      ...attributes,
      ...(publicKeyHex === undefined ? {} : { publicKey: publicKeyHex }),
    });
  }

  /** Unwraps the key `id` for the duration of `action`, then zeroes it. */
  use<T>(id: string, action: (key: Uint8Array, handle: KeyHandle, cipher: CachedCipher) => T): Promise<T> {
    try {
      return Promise.resolve(
        this.open(id, (key, handle, cipher) => {
          try {
            return action(key, handle, cipher);
          } finally {
            key.fill(0);
          }
        }),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * `use`, except that the key handed to `build` is a copy that becomes the caller's to zero (it is
   * zeroed here only when `build` throws): one copy per call instead of a copy of a copy. A cached key
   * is built synchronously (and a failure thrown); a stored one through a promise.
   */
  open<T>(
    id: string,
    build: (key: Uint8Array, handle: KeyHandle, cipher: CachedCipher) => T,
  ): MaybePromise<T> {
    const cached = this.#cache.get(id);
    if (cached === undefined) {
      return this.#useStored(id, (key, handle, cipher) => this.#handOut(key, handle, cipher, build));
    }
    this.#touch(cached);
    return this.#handOut(cached.key, cached.handle, cached.cipher, build);
  }

  #handOut<T>(
    key: Uint8Array,
    handle: KeyHandle,
    cipher: CachedCipher,
    build: (key: Uint8Array, handle: KeyHandle, cipher: CachedCipher) => T,
  ): T {
    const copy = key.slice();
    try {
      return build(copy, handle, cipher);
    } catch (error) {
      copy.fill(0);
      throw error;
    }
  }

  /**
   * The view of key `id` when the cache holds it (it becomes the most recently used), else undefined:
   * an operation that needs only the key's ciphers gets them without a clear copy of the key.
   */
  cachedView(id: string): CachedKeyView | undefined {
    const cached = this.#cache.get(id);
    if (cached === undefined) return undefined;
    this.#touch(cached);
    return cached.view;
  }

  /** `use` for a key not in the cache: read, unwrap and check its blob (and cache it). */
  async #useStored<T>(
    id: string,
    action: (key: Uint8Array, handle: KeyHandle, cipher: CachedCipher) => T,
  ): Promise<T> {
    const blob = typeof id === 'string' ? await this.#store.get(id) : undefined;
    if (blob === undefined) {
      throw cryptoError('HSM_KEY_NOT_FOUND', 'No key with this id', { id: String(id) });
    }
    let unwrapped;
    try {
      unwrapped = unwrapTr31KeyBlock(this.#lmk, blob, { cipherFactory: this.#factory });
    } catch (error) {
      if (error instanceof CryptoError) throw blobInvalid(id);
      throw error;
    }
    const { header, key } = unwrapped;
    try {
      const block = (blockId: string) => header.optionalBlocks.find((entry) => entry.id === blockId)?.data;
      const type = block(TYPE_BLOCK);
      const publicKey = block(PUBLIC_KEY_BLOCK);
      const algorithm = (Object.keys(ALGORITHM_CODE) as HsmKeyAlgorithm[]).find(
        (name) => ALGORITHM_CODE[name] === header.algorithm,
      );
      if (block(ID_BLOCK) !== id || !isKeyType(type) || algorithm === undefined) throw blobInvalid(id);
      const asymmetric = algorithm === 'ed25519';
      if (asymmetric !== (publicKey !== undefined) || (asymmetric && !/^[0-9A-F]{64}$/.test(publicKey!))) {
        throw blobInvalid(id);
      }
      const handle = new KeyHandle({
        id,
        type,
        algorithm,
        usage: header.keyUsage,
        modeOfUse: header.modeOfUse,
        exportable: header.exportability !== 'N',
        kcv: asymmetric ? publicKeyCheckValue(publicKey!) : bytesToHex(this.checkValue(algorithm, key)),
        ...(asymmetric ? { publicKey: publicKey! } : {}),
      });
      const remembered = this.#remember(id, key, handle);
      return action(key, handle, remembered?.cipher);
    } finally {
      key.fill(0);
    }
  }

  #cipherOf(entry: CachedKey, algorithm: CipherAlgorithm): BlockCipher {
    let cipher = entry.ciphers.get(algorithm);
    if (cipher === undefined) {
      cipher = this.#factory(algorithm, entry.key);
      entry.ciphers.set(algorithm, cipher);
    }
    return cipher;
  }

  #remember(id: string, key: Uint8Array, handle: KeyHandle): CachedKey | undefined {
    if (this.#cacheSize === 0) return undefined;
    // Two calls that missed the same key at once: the first one cached it.
    const existing = this.#cache.get(id);
    if (existing !== undefined) {
      this.#touch(existing);
      return existing;
    }
    const oldest = this.#oldest;
    if (this.#cache.size >= this.#cacheSize && oldest !== undefined) {
      oldest.key.fill(0);
      this.#unlink(oldest);
      this.#cache.delete(oldest.id);
    }
    const cipher = (algorithm: CipherAlgorithm): BlockCipher => this.#cipherOf(entry, algorithm);
    const entry: CachedKey = {
      id,
      key: key.slice(),
      handle,
      view: { handle, keyLength: key.length, cipher },
      ciphers: new Map(),
      cipher,
      older: undefined,
      newer: undefined,
    };
    this.#cache.set(id, entry);
    this.#append(entry);
    return entry;
  }

  /** Makes `entry` the most recently used. */
  #touch(entry: CachedKey): void {
    if (entry === this.#newest) return;
    this.#unlink(entry);
    this.#append(entry);
  }

  #append(entry: CachedKey): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest === undefined) this.#oldest = entry;
    else this.#newest.newer = entry;
    this.#newest = entry;
  }

  #unlink(entry: CachedKey): void {
    if (entry.older === undefined) this.#oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.#newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}

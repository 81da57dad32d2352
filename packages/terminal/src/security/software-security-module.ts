import {
  CryptoError,
  bytesToHex,
  constantTimeEqual,
  createCipher,
  createCupEcbMac,
  decryptCupSignInKeys,
  encryptPinBlock,
  hexToBytes,
  keyCheckValue,
  type BlockCipher,
  type CipherFactory,
  type CupWorkingKeys,
  type Mac,
} from '@payterm/crypto';
import { nodeInspectSymbol, type RandomSource } from '@payterm/kernel';
import type { SignInKeyLayout } from '@payterm/protocol';
import { TerminalError, terminalError, type TerminalErrorCode } from '../errors.js';
import type { TerminalStorage } from '../ports/storage.js';
import { base64urlToBytes, bytesToBase64url } from './base64url.js';
import { DEVICE_KEY_LENGTH } from './device-key-derivation.js';
import { decodeKeySet, encodeKeySet, wipeKeySet, type KeySet } from './key-set.js';
import { SealedBox } from './sealed-box.js';
import type { KeyCheckValues, SecurityModule } from './security-module.js';

export interface SoftwareSecurityModuleOptions {
  readonly storage: TerminalStorage;
  /** 32 bytes: the device's own AES-256 key (a platform keystore in production, a test value in tests). */
  readonly deviceKey: Uint8Array;
  /** IVs of the seals and the fill of PIN blocks. */
  readonly random: RandomSource;
  /** Default: the pure TypeScript ciphers of @payterm/crypto. */
  readonly cipherFactory?: CipherFactory;
}

/** The stored document: one sealed blob (`secure-element` / `keys`), never a key in clear. */
export interface SealedKeysDocument {
  readonly format: 'payterm-secure-element';
  readonly version: 1;
  readonly sealed: string;
}

const COLLECTION = 'secure-element';
const DOCUMENT_KEY = 'keys';
const STATE_CONTEXT = 'payterm/secure-element/keys/1';
const PAN_CONTEXT = 'payterm/journal-pan/1';
const SEALED_PAN_PREFIX = 'v1:';
const MAC_LENGTH = 8;

interface ActiveWorkingKeys {
  readonly mac: Mac;
  readonly pin: BlockCipher;
}

function isSealedKeysDocument(value: unknown): value is SealedKeysDocument {
  if (typeof value !== 'object' || value === null) return false;
  const document = value as Partial<SealedKeysDocument>;
  return (
    document.format === 'payterm-secure-element' &&
    document.version === 1 &&
    typeof document.sealed === 'string'
  );
}

function cipherFor(key: Uint8Array, factory: CipherFactory): BlockCipher {
  return factory(key.length === 8 ? 'des' : 'tdes', key);
}

function checkValueHex(key: Uint8Array, factory: CipherFactory, length: 3 | 4): string {
  return bytesToHex(keyCheckValue(cipherFor(key, factory), { method: 'encrypt-zeros', length }));
}

function storageFailed(operation: string, message: string, cause?: unknown): TerminalError {
  return new TerminalError(
    'TERMINAL_STORAGE_FAILED',
    message,
    { operation },
    cause === undefined ? undefined : { cause },
  );
}

function invalidInput(field: string, message: string, cause?: unknown): TerminalError {
  const code: TerminalErrorCode = 'TERMINAL_INVALID_INPUT';
  return new TerminalError(code, message, { field }, cause === undefined ? undefined : { cause });
}

/**
 * The security module in software: a PIN pad's secure element for the CLI, the browser and tests.
 * Keys live in private fields; every change is sealed under keys derived from the device key and
 * written to storage before the method resolves. Journal PANs are sealed under a separate derived key,
 * so they stay readable across sign-ins and master-key changes.
 */
export class SoftwareSecurityModule implements SecurityModule {
  readonly #storage: TerminalStorage;
  readonly #random: RandomSource;
  readonly #factory: CipherFactory;
  readonly #stateBox: SealedBox;
  readonly #panBox: SealedBox;
  #keys: KeySet = {};
  #active: ActiveWorkingKeys | undefined;
  #checkValues: KeyCheckValues = {};
  /** Key changes run one after another, so memory and storage never disagree. */
  #changes: Promise<unknown> = Promise.resolve();

  private constructor(options: SoftwareSecurityModuleOptions, factory: CipherFactory) {
    this.#storage = options.storage;
    this.#random = options.random;
    this.#factory = factory;
    this.#stateBox = new SealedBox(options.deviceKey, STATE_CONTEXT, factory, options.random);
    this.#panBox = new SealedBox(options.deviceKey, PAN_CONTEXT, factory, options.random);
  }

  /** Opens the module over its stored state (none yet: an empty module). */
  static async open(options: SoftwareSecurityModuleOptions): Promise<SoftwareSecurityModule> {
    if (!(options.deviceKey instanceof Uint8Array) || options.deviceKey.length !== DEVICE_KEY_LENGTH) {
      throw terminalError('TERMINAL_INVALID_INPUT', `the device key must be ${DEVICE_KEY_LENGTH} bytes`, {
        field: 'deviceKey',
      });
    }
    const module = new SoftwareSecurityModule(options, options.cipherFactory ?? createCipher);
    let document: unknown;
    try {
      document = await options.storage.get<unknown>(COLLECTION, DOCUMENT_KEY);
    } catch (error) {
      if (error instanceof TerminalError) throw error;
      throw storageFailed('open', 'the secure element state could not be read', error);
    }
    if (document !== undefined) module.#adopt(module.#unsealState(document));
    return module;
  }

  async loadMasterKey(keyHex: string, expectedKcv?: string): Promise<KeyCheckValues> {
    if (typeof keyHex !== 'string' || !/^([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})$/.test(keyHex)) {
      throw invalidInput('masterKey', 'the master key must be 16 or 32 hex digits');
    }
    if (expectedKcv !== undefined && !/^[0-9A-Fa-f]{6}$/.test(expectedKcv)) {
      throw invalidInput('masterKeyKcv', 'the master key check value must be 6 hex digits');
    }
    const tmk = hexToBytes(keyHex);
    if (expectedKcv !== undefined) {
      const kcv = keyCheckValue(cipherFor(tmk, this.#factory), { method: 'encrypt-zeros', length: 3 });
      if (!constantTimeEqual(kcv, hexToBytes(expectedKcv))) {
        tmk.fill(0);
        throw terminalError('TERMINAL_INVALID_INPUT', 'the master key does not match its check value', {
          field: 'masterKeyKcv',
          expectedKcv: expectedKcv.toUpperCase(),
        });
      }
    }
    // Working keys came under the previous master key: a new one needs a new sign-in.
    await this.#change(() => ({ tmk }));
    return this.#checkValues;
  }

  hasMasterKey(): boolean {
    return this.#keys.tmk !== undefined;
  }

  async installWorkingKeys(layout: SignInKeyLayout, field62: Uint8Array): Promise<KeyCheckValues> {
    await this.#change((current) => {
      const tmk = current.tmk;
      if (tmk === undefined) {
        throw terminalError(
          'TERMINAL_NOT_PROVISIONED',
          'no master key is loaded to decrypt the working keys',
        );
      }
      let working: CupWorkingKeys;
      try {
        working = decryptCupSignInKeys(tmk, field62, { layout, cipherFactory: this.#factory });
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        throw new TerminalError(
          'TERMINAL_SIGN_IN_KEYS_INVALID',
          `the sign-in working keys are not usable: ${error.message}`,
          { reason: error.code, layout },
          { cause: error },
        );
      }
      return { tmk: tmk.slice(), working };
    });
    return this.#checkValues;
  }

  async clearWorkingKeys(): Promise<void> {
    await this.#change((current) => (current.tmk === undefined ? {} : { tmk: current.tmk.slice() }));
  }

  hasWorkingKeys(): boolean {
    return this.#active !== undefined;
  }

  checkValues(): KeyCheckValues {
    return this.#checkValues;
  }

  mac(input: Uint8Array): Uint8Array {
    return this.#requireWorkingKeys('MAC').mac.compute(input);
  }

  verifyMac(input: Uint8Array, presented: Uint8Array): boolean {
    const mac = this.#requireWorkingKeys('MAC').mac;
    return presented.length === MAC_LENGTH && mac.verify(input, presented);
  }

  encryptPin(pin: string, pan: string): Uint8Array {
    const cipher = this.#requireWorkingKeys('PIN block').pin;
    try {
      return encryptPinBlock(cipher, { format: 0, pin, pan, random: this.#random });
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      throw new TerminalError(
        'TERMINAL_INVALID_INPUT',
        `the PIN block cannot be built: ${error.message}`,
        { field: 'pin', reason: error.code },
        { cause: error },
      );
    }
  }

  sealPan(pan: string): string {
    if (typeof pan !== 'string' || !/^\d{12,19}$/.test(pan)) {
      throw invalidInput('pan', 'a PAN must be 12 to 19 digits');
    }
    return SEALED_PAN_PREFIX + bytesToBase64url(this.#panBox.seal(new TextEncoder().encode(pan)));
  }

  unsealPan(sealed: string): string {
    const bytes =
      typeof sealed === 'string' && sealed.startsWith(SEALED_PAN_PREFIX)
        ? base64urlToBytes(sealed.slice(SEALED_PAN_PREFIX.length))
        : undefined;
    const plain = bytes === undefined ? undefined : this.#panBox.open(bytes);
    const pan = plain === undefined ? undefined : new TextDecoder().decode(plain);
    if (pan === undefined || !/^\d{12,19}$/.test(pan)) {
      throw storageFailed('unseal-pan', 'the sealed PAN was altered or sealed by another device');
    }
    return pan;
  }

  toString(): string {
    const values = Object.entries(this.#checkValues).map(([key, kcv]) => `${key} ${String(kcv)}`);
    return `SoftwareSecurityModule(${values.length === 0 ? 'no keys' : `KCV ${values.join(', ')}`})`;
  }

  toJSON(): { module: 'software'; checkValues: KeyCheckValues } {
    return { module: 'software', checkValues: this.#checkValues };
  }

  [nodeInspectSymbol](): string {
    return this.toString();
  }

  #requireWorkingKeys(use: string): ActiveWorkingKeys {
    if (this.#active === undefined) {
      throw terminalError('TERMINAL_NOT_SIGNED_IN', `a ${use} needs working keys: sign in first`, { use });
    }
    return this.#active;
  }

  /** Computes the next key set from the current one, stores it sealed, and only then adopts it. */
  #change(next: (current: KeySet) => KeySet): Promise<void> {
    const run = this.#changes.then(async () => {
      const keys = next(this.#keys);
      try {
        await this.#store(keys);
      } catch (error) {
        wipeKeySet(keys);
        throw error;
      }
      const previous = this.#keys;
      this.#adopt(keys);
      wipeKeySet(previous);
    });
    this.#changes = run.catch(() => undefined);
    return run;
  }

  async #store(keys: KeySet): Promise<void> {
    const plain = encodeKeySet(keys);
    const document: SealedKeysDocument = {
      format: 'payterm-secure-element',
      version: 1,
      sealed: bytesToBase64url(this.#stateBox.seal(plain)),
    };
    plain.fill(0);
    try {
      await this.#storage.write([{ collection: COLLECTION, key: DOCUMENT_KEY, value: document }]);
    } catch (error) {
      if (error instanceof TerminalError) throw error;
      throw storageFailed('write', 'the secure element state could not be written', error);
    }
  }

  #unsealState(document: unknown): KeySet {
    const bytes = isSealedKeysDocument(document) ? base64urlToBytes(document.sealed) : undefined;
    const plain = bytes === undefined ? undefined : this.#stateBox.open(bytes);
    const keys = plain === undefined ? undefined : decodeKeySet(plain);
    plain?.fill(0);
    if (keys === undefined) {
      throw storageFailed('open', 'the secure element state was altered or sealed under another device key');
    }
    return keys;
  }

  #adopt(keys: KeySet): void {
    const factory = this.#factory;
    const working = keys.working;
    this.#keys = keys;
    this.#active =
      working === undefined
        ? undefined
        : { mac: createCupEcbMac(factory, working.mak), pin: cipherFor(working.pik, factory) };
    this.#checkValues = Object.freeze({
      ...(keys.tmk === undefined ? {} : { tmk: checkValueHex(keys.tmk, factory, 3) }),
      ...(working === undefined
        ? {}
        : {
            pik: checkValueHex(working.pik, factory, 4),
            mak: checkValueHex(working.mak, factory, 4),
            ...(working.tdk === undefined ? {} : { tdk: checkValueHex(working.tdk, factory, 4) }),
          }),
    });
  }
}

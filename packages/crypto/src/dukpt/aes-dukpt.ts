/**
 * AES DUKPT, host side (ANSI X9.24-3:2017 §6): the initial key from the BDK and the initial key ID,
 * the transaction key of any KSN (one intermediate derivation per counter bit set, from the MSB), and
 * working keys. Every derivation is AES-ECB of a 16-byte derivation data block under the derivation
 * key; the data block and the output buffers are reused.
 */
import { AesEncryptor } from '../cipher/aes-fast-key.js';
import type { CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { checkKey, checkKsnLength, checkTransactionCounter, outputOf } from './dukpt-counter.js';

/** KSN bytes: initial key ID (BDK ID 4 ‖ derivation ID 4) ‖ 32-bit transaction counter. */
export const AES_DUKPT_KSN_LENGTH = 12;
export const AES_DUKPT_INITIAL_KEY_ID_LENGTH = 8;
export const AES_DUKPT_COUNTER_BITS = 32;
export const AES_DUKPT_MAX_COUNTER_ONES = 16;

/** Key types of X9.24-3 derivation data (HMAC keys are not supported). */
export type AesDukptKeyType = '2tdea' | '3tdea' | 'aes128' | 'aes192' | 'aes256';

/** Working-key usages of X9.24-3 Table 2 (request / response roles are the caller's explicit choice). */
export type AesDukptKeyUsage =
  | 'key-encryption'
  | 'pin-encryption'
  | 'mac-generation'
  | 'mac-verification'
  | 'mac-both'
  | 'data-encryption'
  | 'data-decryption'
  | 'data-both'
  | 'key-derivation';

const USAGE_CODE: Readonly<Record<AesDukptKeyUsage, number>> = {
  'key-encryption': 0x0002,
  'pin-encryption': 0x1000,
  'mac-generation': 0x2000,
  'mac-verification': 0x2001,
  'mac-both': 0x2002,
  'data-encryption': 0x3000,
  'data-decryption': 0x3001,
  'data-both': 0x3002,
  'key-derivation': 0x8000,
};
const INITIAL_KEY_USAGE = 0x8001;
const DERIVATION_KEY_USAGE = 0x8000;

interface KeyTypeSpec {
  readonly code: number;
  readonly bytes: number;
  /** Order of strength: a working key may not be stronger than its derivation key. */
  readonly strength: number;
}

const KEY_TYPES: Readonly<Record<AesDukptKeyType, KeyTypeSpec>> = {
  '2tdea': { code: 0x0000, bytes: 16, strength: 0 },
  '3tdea': { code: 0x0001, bytes: 24, strength: 1 },
  aes128: { code: 0x0002, bytes: 16, strength: 2 },
  aes192: { code: 0x0003, bytes: 24, strength: 3 },
  aes256: { code: 0x0004, bytes: 32, strength: 4 },
};

function aesKeyType(length: number): AesDukptKeyType {
  return length === 16 ? 'aes128' : length === 24 ? 'aes192' : 'aes256';
}

function keyTypeSpec(type: AesDukptKeyType): KeyTypeSpec {
  const spec = Object.hasOwn(KEY_TYPES, type) ? KEY_TYPES[type] : undefined;
  if (spec === undefined) {
    throw cryptoError('CRYPTO_INVALID_ALGORITHM', 'Unknown AES DUKPT key type', { algorithm: String(type) });
  }
  return spec;
}

function usageCode(usage: AesDukptKeyUsage): number {
  const code = Object.hasOwn(USAGE_CODE, usage) ? USAGE_CODE[usage] : undefined;
  if (code === undefined) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Unknown AES DUKPT key usage', {
      parameter: 'usage',
      usage: String(usage),
    });
  }
  return code;
}

/** The 32-bit transaction counter of a 12-byte KSN. */
export function aesDukptCounter(ksn: Uint8Array): number {
  checkKsnLength(ksn, AES_DUKPT_KSN_LENGTH);
  return ((ksn[8]! << 24) | (ksn[9]! << 16) | (ksn[10]! << 8) | ksn[11]!) >>> 0;
}

function checkInitialKeyId(initialKeyId: Uint8Array): void {
  if (!(initialKeyId instanceof Uint8Array) || initialKeyId.length !== AES_DUKPT_INITIAL_KEY_ID_LENGTH) {
    throw cryptoError('CRYPTO_INVALID_KSN', 'An AES DUKPT initial key ID must be 8 bytes', {
      need: AES_DUKPT_INITIAL_KEY_ID_LENGTH,
      have: initialKeyId instanceof Uint8Array ? initialKeyId.length : -1,
    });
  }
}

/**
 * Derivation data and the derive step; one per host or terminal object. Without a cipher factory the
 * derivation keys go into one reused AES key schedule (no allocation per step).
 */
export class AesDukptEngine {
  readonly #factory: CipherFactory | undefined;
  readonly #aes = new AesEncryptor();
  readonly #data = new Uint8Array(16);
  readonly #block = new Uint8Array(16);

  constructor(factory?: CipherFactory) {
    this.#factory = factory;
  }

  /** Writes the derivation data header; bytes 8–15 are set by the caller. */
  #header(usage: number, type: KeyTypeSpec): void {
    const data = this.#data;
    data[0] = 0x01;
    data[2] = usage >>> 8;
    data[3] = usage & 0xff;
    data[4] = type.code >>> 8;
    data[5] = type.code & 0xff;
    data[6] = (type.bytes * 8) >>> 8;
    data[7] = (type.bytes * 8) & 0xff;
  }

  /** key' = AES_key(data with block counter 1) ‖ AES_key(… 2) …, truncated to the key type's length. */
  #derive(key: Uint8Array, type: KeyTypeSpec, out: Uint8Array): void {
    const cipher = this.#factory === undefined ? this.#aes : this.#factory('aes', key);
    if (cipher === this.#aes) this.#aes.setKey(key);
    const data = this.#data;
    for (let offset = 0, counter = 1; offset < type.bytes; offset += 16, counter += 1) {
      data[1] = counter;
      cipher.encryptBlock(data, 0, this.#block, 0);
      out.set(this.#block.subarray(0, Math.min(16, type.bytes - offset)), offset);
    }
    this.#block.fill(0);
    if (cipher === this.#aes) this.#aes.clear();
  }

  initialKey(bdk: Uint8Array, initialKeyId: Uint8Array, out: Uint8Array): void {
    this.#header(INITIAL_KEY_USAGE, KEY_TYPES[aesKeyType(bdk.length)]);
    this.#data.set(initialKeyId, 8);
    this.#derive(bdk, KEY_TYPES[aesKeyType(bdk.length)], out);
  }

  /** The intermediate derivation key of `counter` from the key of its parent counter. */
  child(parent: Uint8Array, derivationId: Uint8Array, counter: number, out: Uint8Array): void {
    const type = KEY_TYPES[aesKeyType(parent.length)];
    this.#header(DERIVATION_KEY_USAGE, type);
    this.#setCounter(derivationId, counter);
    this.#derive(parent, type, out);
  }

  transactionKey(initialKey: Uint8Array, ksn: Uint8Array, out: Uint8Array): void {
    const counter = aesDukptCounter(ksn);
    const derivationId = ksn.subarray(4, 8);
    if (out !== initialKey) out.set(initialKey);
    let running = 0;
    for (let bit = AES_DUKPT_COUNTER_BITS - 1; bit >= 0; bit -= 1) {
      if (((counter >>> bit) & 1) === 0) continue;
      running = (running | (1 << bit)) >>> 0;
      this.child(out, derivationId, running, out);
    }
  }

  working(
    transactionKey: Uint8Array,
    ksn: Uint8Array,
    usage: AesDukptKeyUsage,
    type: AesDukptKeyType,
    out: Uint8Array,
  ): void {
    const spec = keyTypeSpec(type);
    this.#header(usageCode(usage), spec);
    this.#setCounter(ksn.subarray(4, 8), aesDukptCounter(ksn));
    this.#derive(transactionKey, spec, out);
  }

  #setCounter(derivationId: Uint8Array, counter: number): void {
    const data = this.#data;
    data.set(derivationId.subarray(0, 4), 8);
    data[12] = counter >>> 24;
    data[13] = (counter >>> 16) & 0xff;
    data[14] = (counter >>> 8) & 0xff;
    data[15] = counter & 0xff;
  }
}

/** Checks a working key type against its derivation key (never stronger) and returns its length. */
export function checkWorkingKeyType(derivationKeyLength: number, type: AesDukptKeyType): number {
  const spec = keyTypeSpec(type);
  const derivation = KEY_TYPES[aesKeyType(derivationKeyLength)];
  if (spec.strength > derivation.strength) {
    throw cryptoError(
      'CRYPTO_INVALID_ALGORITHM',
      'A working key may not be stronger than its derivation key',
      {
        algorithm: type,
        derivationKeyLength,
      },
    );
  }
  return spec.bytes;
}

function checkTransactionKsn(ksn: Uint8Array): void {
  checkTransactionCounter(aesDukptCounter(ksn), AES_DUKPT_MAX_COUNTER_ONES);
}

export interface AesDukptOptions {
  /** The cipher behind every derivation step. Default: a pure TypeScript AES with one reused key schedule. */
  readonly cipherFactory?: CipherFactory;
}

/** A host holding one AES BDK (16, 24 or 32 bytes; copied) that derives the keys of any KSN. */
export class AesDukptHost {
  readonly #bdk: Uint8Array;
  readonly #engine: AesDukptEngine;
  readonly #key: Uint8Array;

  constructor(bdk: Uint8Array, options: AesDukptOptions = {}) {
    checkKey(bdk, [16, 24, 32], 'AES DUKPT BDK');
    this.#bdk = bdk.slice();
    this.#engine = new AesDukptEngine(options.cipherFactory);
    this.#key = new Uint8Array(bdk.length);
  }

  /** The initial key (IK) of the device with this 8-byte initial key ID. */
  initialKey(initialKeyId: Uint8Array, output?: Uint8Array): Uint8Array {
    checkInitialKeyId(initialKeyId);
    const out = outputOf(this.#bdk.length, output);
    this.#engine.initialKey(this.#bdk, initialKeyId, out);
    return out;
  }

  /** The transaction key (intermediate derivation key) of the KSN. */
  transactionKey(ksn: Uint8Array, output?: Uint8Array): Uint8Array {
    checkTransactionKsn(ksn);
    const out = outputOf(this.#bdk.length, output);
    this.#engine.initialKey(this.#bdk, ksn.subarray(0, 8), out);
    this.#engine.transactionKey(out.subarray(0, this.#bdk.length), ksn, out.subarray(0, this.#bdk.length));
    return out;
  }

  /** The working key for `usage` and `type` under the KSN (length of `type`: 16, 24 or 32 bytes). */
  workingKey(
    ksn: Uint8Array,
    usage: AesDukptKeyUsage,
    type: AesDukptKeyType,
    output?: Uint8Array,
  ): Uint8Array {
    checkTransactionKsn(ksn);
    usageCode(usage);
    const out = outputOf(checkWorkingKeyType(this.#bdk.length, type), output);
    const key = this.#key;
    this.#engine.initialKey(this.#bdk, ksn.subarray(0, 8), key);
    this.#engine.transactionKey(key, ksn, key);
    this.#engine.working(key, ksn, usage, type, out);
    key.fill(0);
    return out;
  }
}

/** The initial key from an AES BDK and an 8-byte initial key ID. */
export function deriveAesDukptInitialKey(bdk: Uint8Array, initialKeyId: Uint8Array): Uint8Array {
  return new AesDukptHost(bdk).initialKey(initialKeyId);
}

/** The transaction key of a 12-byte KSN from the device's initial key. */
export function deriveAesDukptTransactionKey(initialKey: Uint8Array, ksn: Uint8Array): Uint8Array {
  checkKey(initialKey, [16, 24, 32], 'AES DUKPT initial key');
  checkTransactionKsn(ksn);
  const out = new Uint8Array(initialKey.length);
  new AesDukptEngine().transactionKey(initialKey, ksn, out);
  return out;
}

/** A working key from a transaction key and the KSN it belongs to. */
export function aesDukptWorkingKey(
  transactionKey: Uint8Array,
  ksn: Uint8Array,
  usage: AesDukptKeyUsage,
  type: AesDukptKeyType,
): Uint8Array {
  checkKey(transactionKey, [16, 24, 32], 'AES DUKPT transaction key');
  checkKsnLength(ksn, AES_DUKPT_KSN_LENGTH);
  usageCode(usage);
  const out = new Uint8Array(checkWorkingKeyType(transactionKey.length, type));
  new AesDukptEngine().working(transactionKey, ksn, usage, type, out);
  return out;
}

import {
  constantTimeEqual,
  createCmac,
  type BlockCipher,
  type CipherFactory,
  type Mac,
} from '@payterm/crypto';
import type { RandomSource } from '@payterm/kernel';
import { deriveDeviceSubkey } from './device-key-derivation.js';

const BLOCK = 16;
const TAG_LENGTH = 16;

/**
 * Encrypt-then-MAC under keys derived from the device key: AES-256-CBC with a random IV and PKCS#7
 * padding, then AES-256-CMAC over `context ‖ IV ‖ ciphertext`. Sealed bytes are IV ‖ ciphertext ‖ tag.
 * The context (`payterm/secure-element/1` …) names what is sealed, and also selects the derived keys,
 * so one box's output never opens in another.
 */
export class SealedBox {
  readonly #cipher: BlockCipher;
  readonly #mac: Mac;
  readonly #context: Uint8Array;
  readonly #random: RandomSource;

  constructor(deviceKey: Uint8Array, context: string, cipherFactory: CipherFactory, random: RandomSource) {
    const encryptionKey = deriveDeviceSubkey(deviceKey, `${context}/encryption`, cipherFactory);
    const macKey = deriveDeviceSubkey(deviceKey, `${context}/mac`, cipherFactory);
    this.#cipher = cipherFactory('aes', encryptionKey);
    this.#mac = createCmac(cipherFactory('aes', macKey));
    encryptionKey.fill(0);
    macKey.fill(0);
    this.#context = new TextEncoder().encode(context);
    this.#random = random;
  }

  seal(plain: Uint8Array): Uint8Array {
    const padLength = BLOCK - (plain.length % BLOCK);
    const padded = new Uint8Array(plain.length + padLength);
    padded.set(plain);
    padded.fill(padLength, plain.length);
    const sealed = new Uint8Array(BLOCK + padded.length + TAG_LENGTH);
    const iv = sealed.subarray(0, BLOCK);
    this.#random.fillBytes(iv);
    sealed.set(this.#cipher.encryptCbc(iv, padded), BLOCK);
    padded.fill(0);
    sealed.set(this.#tag(sealed.subarray(0, sealed.length - TAG_LENGTH)), sealed.length - TAG_LENGTH);
    return sealed;
  }

  /** The plain bytes, or undefined when the input was not sealed by this box or was altered. */
  open(sealed: Uint8Array): Uint8Array | undefined {
    const bodyLength = sealed.length - BLOCK - TAG_LENGTH;
    if (bodyLength < BLOCK || bodyLength % BLOCK !== 0) return undefined;
    const authenticated = sealed.subarray(0, sealed.length - TAG_LENGTH);
    if (!constantTimeEqual(this.#tag(authenticated), sealed.subarray(sealed.length - TAG_LENGTH))) {
      return undefined;
    }
    const padded = this.#cipher.decryptCbc(
      sealed.subarray(0, BLOCK),
      sealed.subarray(BLOCK, BLOCK + bodyLength),
    );
    const padLength = padded[padded.length - 1]!;
    const valid =
      padLength >= 1 &&
      padLength <= BLOCK &&
      padded.subarray(padded.length - padLength).every((byte) => byte === padLength);
    const plain = valid ? padded.slice(0, padded.length - padLength) : undefined;
    padded.fill(0);
    return plain;
  }

  #tag(authenticated: Uint8Array): Uint8Array {
    const input = new Uint8Array(this.#context.length + authenticated.length);
    input.set(this.#context);
    input.set(authenticated, this.#context.length);
    return this.#mac.compute(input);
  }
}

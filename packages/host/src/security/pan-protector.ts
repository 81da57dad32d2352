import { hexToBytes, type Hsm, type KeyHandle } from '@payterm/crypto';
import { maskPan, type RandomSource } from '@payterm/kernel';

/** How a PAN is kept at rest: encrypted, masked for display, and a keyed hash for look-ups. */
export interface ProtectedPan {
  /** Hex: 16-byte IV ‖ AES-CBC ciphertext of the padded PAN, under the HSM's PAN data key. */
  readonly panEncrypted: string;
  /** First 6, last 4 (kernel maskPan). */
  readonly panMasked: string;
  /** Hex AES-CMAC of the PAN under the HSM's PAN hash key: equal PANs, equal hashes; no PAN from it. */
  readonly panHash: string;
}

export interface PanProtectorKeys {
  /** An AES data key (HSM type TDK, algorithm aes). */
  readonly dataKey: KeyHandle;
  /** An AES MAC key (HSM type ZAK, algorithm aes). */
  readonly hashKey: KeyHandle;
}

const BLOCK = 16;
const ENCODER = new TextEncoder();
/** One length byte and up to 19 digits, padded to two AES blocks so that PAN lengths do not show. */
const PADDED_LENGTH = 2 * BLOCK;

/**
 * Encrypts, masks and hashes PANs through the HSM: the host's keys never leave it. The hash is a
 * CMAC rather than a plain digest because a 16-digit PAN space is small enough to enumerate.
 */
export class PanProtector {
  readonly #hsm: Hsm;
  readonly #random: RandomSource;
  readonly #dataKey: { readonly key: KeyHandle };
  readonly #hashKey: { readonly key: KeyHandle };

  constructor(hsm: Hsm, keys: PanProtectorKeys, random: RandomSource) {
    this.#hsm = hsm;
    this.#random = random;
    this.#dataKey = { key: keys.dataKey };
    this.#hashKey = { key: keys.hashKey };
  }

  async protect(pan: string): Promise<ProtectedPan> {
    const bytes = utf8(pan);
    const [panEncrypted, panHash] = await Promise.all([this.#encrypt(bytes), this.#hash(bytes)]);
    return { panEncrypted, panMasked: maskPan(pan), panHash };
  }

  hash(pan: string): Promise<string> {
    return this.#hash(utf8(pan));
  }

  encrypt(pan: string): Promise<string> {
    return this.#encrypt(utf8(pan));
  }

  async #hash(pan: Uint8Array): Promise<string> {
    return upperHex(await this.#hsm.generateMac({ key: this.#hashKey, algorithm: 'cmac', data: pan }));
  }

  /** IV ‖ ciphertext of the length byte and the first 31 bytes of `pan`, zero-padded to two blocks. */
  async #encrypt(pan: Uint8Array): Promise<string> {
    // One buffer for IV ‖ padded PAN: the ciphertext then overwrites the clear PAN, and one hex call
    // gives the stored form.
    const sealed = new Uint8Array(BLOCK + PADDED_LENGTH);
    const iv = sealed.subarray(0, BLOCK);
    const padded = sealed.subarray(BLOCK);
    padded[0] = pan.length;
    padded.set(pan.subarray(0, PADDED_LENGTH - 1), 1);
    this.#random.fillBytes(iv);
    const ciphertext = await this.#hsm.encryptData({ key: this.#dataKey, data: padded, iv });
    sealed.set(ciphertext, BLOCK);
    return upperHex(sealed);
  }

  /** The clear PAN of `panEncrypted`: for the issuer link and audited look-ups only, never for display. */
  async reveal(panEncrypted: string): Promise<string> {
    const bytes = hexToBytes(panEncrypted);
    const padded = await this.#hsm.decryptData({
      key: this.#dataKey,
      data: bytes.subarray(BLOCK),
      iv: bytes.subarray(0, BLOCK),
    });
    const length = padded[0] ?? 0;
    return new TextDecoder().decode(padded.subarray(1, 1 + Math.min(length, PADDED_LENGTH - 1)));
  }
}

/** UTF-8 of `text`; ASCII (every PAN) without TextEncoder, which costs several times the copy. */
function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return ENCODER.encode(text);
    bytes[index] = code;
  }
  return bytes;
}

const HEX_CODES = Buffer.from('0123456789ABCDEF', 'latin1');
/** Holds the hex digits between their writing and the string's copy, both synchronous. */
const HEX_SCRATCH = Buffer.alloc(2 * (BLOCK + PADDED_LENGTH));

/** Upper-case hex, as crypto's bytesToHex (which builds it one string concatenation per byte). */
function upperHex(bytes: Uint8Array): string {
  const out = 2 * bytes.length <= HEX_SCRATCH.length ? HEX_SCRATCH : Buffer.alloc(2 * bytes.length);
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    out[2 * index] = HEX_CODES[byte >> 4]!;
    out[2 * index + 1] = HEX_CODES[byte & 0x0f]!;
  }
  return out.toString('latin1', 0, 2 * bytes.length);
}

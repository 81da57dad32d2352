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
    const padded = padPan(bytes);
    const iv = this.#iv();
    // The HSM requests themselves, not one async method each: their promises cost more than the copies.
    const [ciphertext, mac] = await Promise.all([
      this.#hsm.encryptData({ key: this.#dataKey, data: padded, iv }),
      this.#hsm.generateMac({ key: this.#hashKey, algorithm: 'cmac', data: bytes }),
    ]);
    padded.fill(0);
    return { panEncrypted: upperHex(iv, ciphertext), panMasked: maskPan(pan), panHash: upperHex(mac) };
  }

  async hash(pan: string): Promise<string> {
    return upperHex(await this.#hsm.generateMac({ key: this.#hashKey, algorithm: 'cmac', data: utf8(pan) }));
  }

  /** IV ‖ ciphertext of the padded PAN. */
  async encrypt(pan: string): Promise<string> {
    const padded = padPan(utf8(pan));
    const iv = this.#iv();
    const ciphertext = await this.#hsm.encryptData({ key: this.#dataKey, data: padded, iv });
    padded.fill(0);
    return upperHex(iv, ciphertext);
  }

  #iv(): Uint8Array {
    const iv = new Uint8Array(BLOCK);
    this.#random.fillBytes(iv);
    return iv;
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

/** The length byte and the first 31 bytes of `pan`, zero-padded to two blocks. */
function padPan(pan: Uint8Array): Uint8Array {
  const padded = new Uint8Array(PADDED_LENGTH);
  padded[0] = pan.length;
  const copied = Math.min(pan.length, PADDED_LENGTH - 1);
  for (let index = 0; index < copied; index += 1) padded[1 + index] = pan[index]!;
  return padded;
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
const NO_BYTES = new Uint8Array(0);
/** Holds the hex digits between their writing and the string's copy, both synchronous. */
const HEX_SCRATCH = Buffer.alloc(2 * (BLOCK + PADDED_LENGTH));

/** Upper-case hex of `first` ‖ `second`, as crypto's bytesToHex (which concatenates a string per byte). */
function upperHex(first: Uint8Array, second: Uint8Array = NO_BYTES): string {
  const length = 2 * (first.length + second.length);
  const out = length <= HEX_SCRATCH.length ? HEX_SCRATCH : Buffer.alloc(length);
  writeHex(out, 0, first);
  writeHex(out, 2 * first.length, second);
  return out.toString('latin1', 0, length);
}

function writeHex(out: Buffer, offset: number, bytes: Uint8Array): void {
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    out[offset + 2 * index] = HEX_CODES[byte >> 4]!;
    out[offset + 2 * index + 1] = HEX_CODES[byte & 0x0f]!;
  }
}

import { bytesToHex, hexToBytes, type Hsm, type KeyHandle } from '@payterm/crypto';
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
  readonly #keys: PanProtectorKeys;
  readonly #random: RandomSource;

  constructor(hsm: Hsm, keys: PanProtectorKeys, random: RandomSource) {
    this.#hsm = hsm;
    this.#keys = keys;
    this.#random = random;
  }

  async protect(pan: string): Promise<ProtectedPan> {
    const [panEncrypted, panHash] = await Promise.all([this.encrypt(pan), this.hash(pan)]);
    return { panEncrypted, panMasked: maskPan(pan), panHash };
  }

  async hash(pan: string): Promise<string> {
    const mac = await this.#hsm.generateMac({
      key: { key: this.#keys.hashKey },
      algorithm: 'cmac',
      data: ENCODER.encode(pan),
    });
    return bytesToHex(mac);
  }

  async encrypt(pan: string): Promise<string> {
    const digits = ENCODER.encode(pan);
    const padded = new Uint8Array(PADDED_LENGTH);
    padded[0] = digits.length;
    padded.set(digits.subarray(0, PADDED_LENGTH - 1), 1);
    const iv = new Uint8Array(BLOCK);
    this.#random.fillBytes(iv);
    const ciphertext = await this.#hsm.encryptData({ key: { key: this.#keys.dataKey }, data: padded, iv });
    return bytesToHex(iv) + bytesToHex(ciphertext);
  }

  /** The clear PAN of `panEncrypted`: for the issuer link and audited look-ups only, never for display. */
  async reveal(panEncrypted: string): Promise<string> {
    const bytes = hexToBytes(panEncrypted);
    const padded = await this.#hsm.decryptData({
      key: { key: this.#keys.dataKey },
      data: bytes.subarray(BLOCK),
      iv: bytes.subarray(0, BLOCK),
    });
    const length = padded[0] ?? 0;
    return new TextDecoder().decode(padded.subarray(1, 1 + Math.min(length, PADDED_LENGTH - 1)));
  }
}

/**
 * TDES DUKPT, host side (ANSI X9.24-1:2009 A.2–A.4; X9.24-3:2017 Annex C): the IPEK from the BDK and
 * the KSN, the transaction key of any KSN by walking its counter bits, and the key variants. All
 * single-DES and TDES steps run on reused key schedules: a derivation into a given output allocates
 * nothing.
 */
import { DesScratch } from '../cipher/des-fast-key.js';
import { cryptoError } from '../errors.js';
import { checkKey, checkKsnLength, checkTransactionCounter, outputOf } from './dukpt-counter.js';

/** KSN bytes: 59-bit initial KSN and a 21-bit transaction counter. */
export const TDES_DUKPT_KSN_LENGTH = 10;
/** Counter bits and the most one-bits a valid counter has (X9.24-1:2009). */
export const TDES_DUKPT_COUNTER_BITS = 21;
export const TDES_DUKPT_MAX_COUNTER_ONES = 10;

/** The variant of the transaction key a purpose uses (X9.24-1:2009 A.6, A.7; the data variants go through the OWF). */
export type TdesDukptKeyUsage = 'pin' | 'mac-request' | 'mac-response' | 'data-request' | 'data-response';

/** Byte of each 8-byte half that the variant XORs with FF. */
const VARIANT_BYTE: Readonly<Record<TdesDukptKeyUsage, number>> = {
  pin: 7,
  'mac-request': 6,
  'mac-response': 4,
  'data-request': 5,
  'data-response': 3,
};

/** The 21-bit transaction counter of a KSN. */
export function tdesDukptCounter(ksn: Uint8Array): number {
  checkKsnLength(ksn, TDES_DUKPT_KSN_LENGTH);
  return ((ksn[7]! & 0x1f) << 16) | (ksn[8]! << 8) | ksn[9]!;
}

function checkUsage(usage: TdesDukptKeyUsage): number {
  const byte = Object.hasOwn(VARIANT_BYTE, usage) ? VARIANT_BYTE[usage] : undefined;
  if (byte === undefined) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'Unknown TDES DUKPT key usage', {
      parameter: 'usage',
      usage: String(usage),
    });
  }
  return byte;
}

/** Scratch buffers and the steps of TDES DUKPT; one per host object, never shared across calls in flight. */
class TdesDukptEngine {
  readonly #des = new DesScratch();
  readonly #register = new Uint8Array(8);
  readonly #half = new Uint8Array(8);
  readonly #variantKey = new Uint8Array(16);

  /** IPEK = E_BDK(R) ‖ E_{BDK ⊕ C0C0C0C000000000C0C0C0C000000000}(R), R = KSN[0..8) with the counter cleared. */
  ipek(bdk: Uint8Array, ksn: Uint8Array, out: Uint8Array): void {
    const register = this.#register;
    register.set(ksn.subarray(0, 8));
    register[7] = register[7]! & 0xe0;
    this.#des.loadTdes(bdk, 0);
    this.#des.tdesEncrypt(register, 0, out, 0);
    const masked = this.#variantKey;
    for (let index = 0; index < 16; index += 1) masked[index] = bdk[index]! ^ ((index & 7) < 4 ? 0xc0 : 0);
    this.#des.loadTdes(masked, 0);
    this.#des.tdesEncrypt(register, 0, out, 8);
    masked.fill(0);
  }

  /** The transaction key: from the IPEK, one NRKGP per counter bit set, from bit 20 down. */
  transactionKey(ipek: Uint8Array, ksn: Uint8Array, out: Uint8Array): void {
    const register = this.#register;
    register.set(ksn.subarray(2, 10));
    register[5] = register[5]! & 0xe0;
    register[6] = 0;
    register[7] = 0;
    if (out !== ipek) out.set(ipek.subarray(0, 16));
    const counter = tdesDukptCounter(ksn);
    for (let bit = TDES_DUKPT_COUNTER_BITS - 1; bit >= 0; bit -= 1) {
      if ((counter & (1 << bit)) === 0) continue;
      register[7 - (bit >> 3)] = register[7 - (bit >> 3)]! | (1 << (bit & 7));
      this.nrkgp(out, register);
    }
    register.fill(0);
  }

  /** Non-reversible key generation process (X9.24-1:2009 A.2) on `key` in place. */
  nrkgp(key: Uint8Array, register: Uint8Array): void {
    const half = this.#half;
    const masked = this.#variantKey;
    for (let index = 0; index < 16; index += 1) {
      masked[index] = key[index]! ^ ((index & 7) < 4 ? 0xc0 : 0);
    }
    // Right half: DES_KL(reg ⊕ KR) ⊕ KR.
    for (let index = 0; index < 8; index += 1) half[index] = register[index]! ^ key[8 + index]!;
    this.#des.desEncrypt(key, 0, half, 0, half, 0);
    for (let index = 0; index < 8; index += 1) key[8 + index] = half[index]! ^ key[8 + index]!;
    // Left half: the same under K ⊕ C0C0C0C0 00000000 C0C0C0C0 00000000.
    for (let index = 0; index < 8; index += 1) half[index] = register[index]! ^ masked[8 + index]!;
    this.#des.desEncrypt(masked, 0, half, 0, half, 0);
    for (let index = 0; index < 8; index += 1) key[index] = half[index]! ^ masked[8 + index]!;
    masked.fill(0);
    half.fill(0);
  }

  /** The variant for `usage`; the data variants then go through the one-way function E_V(V_L) ‖ E_V(V_R). */
  variant(transactionKey: Uint8Array, usage: TdesDukptKeyUsage, out: Uint8Array): void {
    const byte = checkUsage(usage);
    const variant = this.#variantKey;
    variant.set(transactionKey.subarray(0, 16));
    variant[byte] = variant[byte]! ^ 0xff;
    variant[8 + byte] = variant[8 + byte]! ^ 0xff;
    if (usage === 'data-request' || usage === 'data-response') {
      this.#des.loadTdes(variant, 0);
      this.#des.tdesEncrypt(variant, 0, out, 0);
      this.#des.tdesEncrypt(variant, 8, out, 8);
    } else {
      out.set(variant);
    }
    variant.fill(0);
  }
}

function checkTransactionKsn(ksn: Uint8Array): void {
  checkTransactionCounter(tdesDukptCounter(ksn), TDES_DUKPT_MAX_COUNTER_ONES);
}

/**
 * A host holding one BDK (2-key TDES, 16 bytes; copied) that derives the keys of any KSN. Methods write
 * into `output` when given (then allocate nothing) and return it.
 */
export class TdesDukptHost {
  readonly #bdk: Uint8Array;
  readonly #engine = new TdesDukptEngine();
  readonly #key = new Uint8Array(16);

  constructor(bdk: Uint8Array) {
    checkKey(bdk, [16], 'TDES DUKPT BDK');
    this.#bdk = bdk.slice();
  }

  /** The IPEK of the device the KSN names (its counter is ignored). */
  initialKey(ksn: Uint8Array, output?: Uint8Array): Uint8Array {
    checkKsnLength(ksn, TDES_DUKPT_KSN_LENGTH);
    const out = outputOf(16, output);
    this.#engine.ipek(this.#bdk, ksn, out);
    return out;
  }

  /** The transaction key of the KSN (before any variant). */
  transactionKey(ksn: Uint8Array, output?: Uint8Array): Uint8Array {
    checkTransactionKsn(ksn);
    const out = outputOf(16, output);
    this.#engine.ipek(this.#bdk, ksn, out);
    this.#engine.transactionKey(out, ksn, out);
    return out;
  }

  /** The key for `usage` under the KSN: PIN, MAC request / response or data request / response. */
  workingKey(ksn: Uint8Array, usage: TdesDukptKeyUsage, output?: Uint8Array): Uint8Array {
    checkTransactionKsn(ksn);
    checkUsage(usage);
    const out = outputOf(16, output);
    const key = this.#key;
    this.#engine.ipek(this.#bdk, ksn, key);
    this.#engine.transactionKey(key, ksn, key);
    this.#engine.variant(key, usage, out);
    key.fill(0);
    return out;
  }
}

/** The IPEK (initial key) from a 2-key BDK and a KSN. */
export function deriveTdesDukptIpek(bdk: Uint8Array, ksn: Uint8Array): Uint8Array {
  return new TdesDukptHost(bdk).initialKey(ksn);
}

/** The transaction key of a KSN from the device's IPEK. */
export function deriveTdesDukptTransactionKey(ipek: Uint8Array, ksn: Uint8Array): Uint8Array {
  checkKey(ipek, [16], 'TDES DUKPT IPEK');
  checkTransactionKsn(ksn);
  const out = new Uint8Array(16);
  new TdesDukptEngine().transactionKey(ipek, ksn, out);
  return out;
}

/** The working key for `usage` from a transaction key (variant; OWF for the data keys). */
export function tdesDukptWorkingKey(
  transactionKey: Uint8Array,
  usage: TdesDukptKeyUsage,
  output?: Uint8Array,
): Uint8Array {
  checkKey(transactionKey, [16], 'TDES DUKPT transaction key');
  const out = outputOf(16, output);
  new TdesDukptEngine().variant(transactionKey, usage, out);
  return out;
}

/** For the terminal register: the NRKGP step with a counter written into the KSN register. */
export function createTdesChildDerivation(
  ksn: Uint8Array,
): (parent: Uint8Array, counter: number, output: Uint8Array) => void {
  const engine = new TdesDukptEngine();
  const register = new Uint8Array(8);
  return (parent, counter, output) => {
    register.set(ksn.subarray(2, 10));
    register[5] = (register[5]! & 0xe0) | ((counter >>> 16) & 0x1f);
    register[6] = (counter >>> 8) & 0xff;
    register[7] = counter & 0xff;
    output.set(parent.subarray(0, 16));
    engine.nrkgp(output, register);
  };
}

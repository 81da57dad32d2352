import { nodeInspectSymbol } from '@payterm/kernel';

/**
 * What a key is for. Terminal keys (TMK, TPK/PIK, TAK/MAK, TDK), zone keys (ZMK/KEK, ZPK, ZAK), the
 * DUKPT BDK, the PIN verification keys of IBM 3624 and Visa PVV, and `SIGNING` (an Ed25519 key pair
 * that signs software packages).
 */
export type HsmKeyType =
  'TMK' | 'ZMK' | 'TPK' | 'ZPK' | 'TAK' | 'ZAK' | 'TDK' | 'BDK' | 'IBM_PVK' | 'VISA_PVK' | 'SIGNING';

/** `des` only for the single-length CUP sign-in keys of layout 001; `ed25519` only for SIGNING keys. */
export type HsmKeyAlgorithm = 'des' | 'tdes' | 'aes' | 'ed25519';

export interface KeyHandleFields {
  readonly id: string;
  readonly type: HsmKeyType;
  readonly algorithm: HsmKeyAlgorithm;
  /** TR-31 key usage the key is stored with (`K0`, `P0`, `M3`, `D0`, `B0`, `V1`, `V2`). */
  readonly usage: string;
  /** TR-31 mode of use (`B`, `C`, `E`, `D`, `G`, `V`, `X`). */
  readonly modeOfUse: string;
  readonly exportable: boolean;
  /**
   * Key check value, 3 bytes in hex (encrypt-zeros for DES/TDES, CMAC for AES; for an Ed25519 key the
   * first 3 bytes of its public key).
   */
  readonly kcv: string;
  /** An asymmetric key's public key (raw, hex); absent for symmetric keys. */
  readonly publicKey?: string;
}

/**
 * An opaque reference to a key inside an HSM: never key bytes. String, JSON and util.inspect show only
 * the id, the type and the check value. The HSM checks every handle against its own stored key.
 */
export class KeyHandle implements KeyHandleFields {
  readonly id: string;
  readonly type: HsmKeyType;
  readonly algorithm: HsmKeyAlgorithm;
  readonly usage: string;
  readonly modeOfUse: string;
  readonly exportable: boolean;
  readonly kcv: string;
  readonly publicKey?: string;

  constructor(fields: KeyHandleFields) {
    this.id = fields.id;
    this.type = fields.type;
    this.algorithm = fields.algorithm;
    this.usage = fields.usage;
    this.modeOfUse = fields.modeOfUse;
    this.exportable = fields.exportable;
    this.kcv = fields.kcv;
    if (fields.publicKey !== undefined) this.publicKey = fields.publicKey;
    Object.freeze(this);
  }

  toString(): string {
    return `KeyHandle(${this.id} ${this.type} KCV ${this.kcv})`;
  }

  toJSON(): { id: string; type: HsmKeyType; kcv: string } {
    return { id: this.id, type: this.type, kcv: this.kcv };
  }

  [nodeInspectSymbol](): string {
    return this.toString();
  }
}

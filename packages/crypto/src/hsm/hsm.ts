/**
 * The HSM port (payment-crypto-reference §6): callers hold KeyHandles, never key bytes; every method is
 * asynchronous, as a network HSM's would be. Only exportKey returns key material, and only under a KEK.
 */
import type { AesDukptKeyType } from '../dukpt/aes-dukpt.js';
import type { KeyComponent } from '../keys/key-components.js';
import type { CupSignInLayout } from '../keys/cup-sign-in-keys.js';
import type { PinBlockFormat } from '../pin/pin-inputs.js';
import type { HsmKeyAlgorithm, HsmKeyType, KeyHandle } from './key-handle.js';

export interface GenerateKeyRequest {
  readonly type: HsmKeyType;
  /** Default `tdes` (`ed25519` for a SIGNING key, the only algorithm it takes). */
  readonly algorithm?: HsmKeyAlgorithm;
  /** Bytes; default 16 (des: 8, ed25519: 32, the only length it takes). */
  readonly length?: number;
  /** Default true, false for a SIGNING key. A non-exportable key never leaves the HSM. */
  readonly exportable?: boolean;
}

interface ImportCommon {
  readonly type: HsmKeyType;
  readonly algorithm: HsmKeyAlgorithm;
  /** Expected check value of the key (3 bytes or more), verified when present. */
  readonly kcv?: Uint8Array;
  readonly exportable?: boolean;
}

/** Clear components with their check values: key ceremonies and tests only. */
export interface ImportFromComponents extends ImportCommon {
  readonly kind: 'components';
  readonly components: readonly KeyComponent[];
}

/** A key encrypted under a KEK (TDES-ECB; AES-ECB for an AES KEK). */
export interface ImportUnderKek extends ImportCommon {
  readonly kind: 'cryptogram';
  readonly kek: KeyHandle;
  readonly cryptogram: Uint8Array;
}

/** A TR-31 key block under a KBPK the HSM holds; usage, algorithm and exportability come from its header. */
export interface ImportTr31 {
  readonly kind: 'tr31';
  readonly kbpk: KeyHandle;
  readonly keyBlock: string;
  /** Default by header usage: K0/K1 ZMK, P0 ZPK, M* ZAK, D0 TDK, B0 BDK, V1 IBM_PVK, V2 VISA_PVK. */
  readonly type?: HsmKeyType;
}

/** A SIGNING key from its 32-byte Ed25519 seed (RFC 8032 private key): key ceremonies and the demo key. */
export interface ImportSigningSeed {
  readonly kind: 'seed';
  readonly type: 'SIGNING';
  readonly algorithm: 'ed25519';
  readonly seed: Uint8Array;
  /** The public key the seed must give (raw 32 bytes), checked when present (CRYPTO_KCV_MISMATCH). */
  readonly publicKey?: Uint8Array;
  /** Default false. */
  readonly exportable?: boolean;
}

export type ImportKeyRequest = ImportFromComponents | ImportUnderKek | ImportTr31 | ImportSigningSeed;

export interface ExportKeyRequest {
  readonly key: KeyHandle;
  readonly kek: KeyHandle;
  /** `cryptogram`: ECB under the KEK. `tr31`: version B under a TDES KEK, D under an AES one. */
  readonly format: 'cryptogram' | 'tr31';
}

export interface ExportedKey {
  readonly kcv: string;
  readonly cryptogram?: Uint8Array;
  readonly keyBlock?: string;
}

export interface CupSignInKeys {
  /** Field 62 of the 0810, under the terminal's TMK, with the 4-byte check values. */
  readonly field62: Uint8Array;
  readonly pik: KeyHandle;
  readonly mak: KeyHandle;
  /** Layout 004 only. */
  readonly tdk?: KeyHandle;
}

/**
 * A key named by handle, or a DUKPT transaction key derived inside the HSM from a BDK and a KSN
 * (TDES DUKPT for a 16-byte TDES BDK, AES DUKPT for an AES BDK). `direction` picks the request or
 * response MAC / data variant (default request); `aesKeyType` the AES DUKPT working key (default aes128).
 * A KSN whose counter is not above the highest the HSM has accepted for that BDK, device and operation
 * is refused (HSM_DUKPT_REPLAY): answer a retransmitted request from the stored response instead.
 */
export type HsmKeySource =
  | { readonly key: KeyHandle }
  | {
      readonly bdk: KeyHandle;
      readonly ksn: Uint8Array;
      readonly direction?: 'request' | 'response';
      readonly aesKeyType?: AesDukptKeyType;
    };

export interface PinBlockSource {
  readonly key: HsmKeySource;
  readonly format: PinBlockFormat;
}

export interface TranslatePinRequest {
  readonly pinBlock: Uint8Array;
  /** The one PAN of both sides; required unless both formats are 1. */
  readonly pan?: string;
  /** A TPK, ZPK or DUKPT PIN key. */
  readonly from: PinBlockSource;
  /** A ZPK (or TPK). 0/3/4 → 1 is refused. */
  readonly to: { readonly key: KeyHandle; readonly format: PinBlockFormat };
}

export type PinVerificationMethod =
  | {
      readonly method: 'ibm3624';
      /** 16 hex characters (ibm3624ValidationData). */
      readonly validationData: string;
      /** Must be on the HSM's allow-list. */
      readonly decimalizationTable: string;
      readonly offset: string;
    }
  | { readonly method: 'visa-pvv'; readonly pvki: number; readonly pvv: string };

export interface VerifyPinRequest {
  readonly pinBlock: PinBlockSource & { readonly block: Uint8Array };
  readonly pan: string;
  /** An IBM_PVK or VISA_PVK, matching the method. */
  readonly pvk: KeyHandle;
  readonly verification: PinVerificationMethod;
}

/** `cup-ecb` UnionPay POS MAC (8 ASCII bytes), `iso9797-1` CBC-MAC, `x9.19` retail MAC, `cmac`. */
export type HsmMacAlgorithm = 'cup-ecb' | 'iso9797-1' | 'x9.19' | 'cmac';

export interface GenerateMacRequest {
  readonly key: HsmKeySource;
  readonly algorithm: HsmMacAlgorithm;
  readonly data: Uint8Array;
  /** Bytes kept; default the algorithm's full MAC. */
  readonly macLength?: number;
}

export interface VerifyMacRequest extends Omit<GenerateMacRequest, 'macLength'> {
  readonly mac: Uint8Array;
}

export interface DataCryptRequest {
  readonly key: HsmKeySource;
  /** Whole cipher blocks (the caller pads). */
  readonly data: Uint8Array;
  /** Default cbc with a zero IV. */
  readonly mode?: 'ecb' | 'cbc';
  readonly iv?: Uint8Array;
}

export interface Hsm {
  generateKey(request: GenerateKeyRequest): Promise<KeyHandle>;
  importKey(request: ImportKeyRequest): Promise<KeyHandle>;
  exportKey(request: ExportKeyRequest): Promise<ExportedKey>;
  /** The handle of a stored key (after a restart, for instance). */
  getKey(id: string): Promise<KeyHandle>;
  /** Key check value, 2 bytes to one block; default 3 bytes by the key's default method. */
  keyCheckValue(key: KeyHandle, length?: number): Promise<Uint8Array>;
  generateCupSignInKeys(request: { tmk: KeyHandle; layout: CupSignInLayout }): Promise<CupSignInKeys>;
  translatePin(request: TranslatePinRequest): Promise<Uint8Array>;
  verifyPin(request: VerifyPinRequest): Promise<boolean>;
  generateMac(request: GenerateMacRequest): Promise<Uint8Array>;
  verifyMac(request: VerifyMacRequest): Promise<boolean>;
  encryptData(request: DataCryptRequest): Promise<Uint8Array>;
  decryptData(request: DataCryptRequest): Promise<Uint8Array>;
  /** The Ed25519 signature (RFC 8032, 64 bytes) of `data` with a SIGNING key; its private key stays inside. */
  sign(key: KeyHandle, data: Uint8Array): Promise<Uint8Array>;
  /** The raw 32-byte public key of a SIGNING key. */
  publicKey(key: KeyHandle): Promise<Uint8Array>;
}

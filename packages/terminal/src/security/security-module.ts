import type { SignInKeyLayout } from '@payterm/protocol';

/** Key check values (hex, uppercase) of the keys the module holds, for diagnostics and slips. */
export interface KeyCheckValues {
  /** 6 hex digits (3 bytes), as printed on key-loading forms. */
  readonly tmk?: string;
  /** 8 hex digits (4 bytes), as field 62 carries them. */
  readonly pik?: string;
  readonly mak?: string;
  readonly tdk?: string;
}

/**
 * The terminal's security module (the PIN pad's secure element). Keys go in and never come out: the
 * rest of the terminal gets MACs, PIN blocks and sealed PANs. State survives restarts sealed under a
 * device key, in the `secure-element` storage collection, never in the journal.
 */
export interface SecurityModule {
  /** Loads the terminal master key (16 or 32 hex digits); checks `expectedKcv` (6 hex) when given. */
  loadMasterKey(keyHex: string, expectedKcv?: string): Promise<KeyCheckValues>;
  hasMasterKey(): boolean;
  /**
   * Decrypts field 62 of a sign-in response under the TMK, checks each key's check value and keeps
   * the keys. Throws TERMINAL_SIGN_IN_KEYS_INVALID (and keeps the previous keys) when a check fails.
   */
  installWorkingKeys(layout: SignInKeyLayout, field62: Uint8Array): Promise<KeyCheckValues>;
  /** Forgets the working keys (sign-off, key rotation requested). */
  clearWorkingKeys(): Promise<void>;
  hasWorkingKeys(): boolean;
  checkValues(): KeyCheckValues;
  /** Field 64: the POS ECB MAC under the MAK (throws TERMINAL_NOT_SIGNED_IN without keys). */
  mac(input: Uint8Array): Uint8Array;
  /** Constant-time check of a response's field 64. */
  verifyMac(input: Uint8Array, presented: Uint8Array): boolean;
  /** ISO 9564 format 0 block of `pin` for `pan` under the PIK (for the PIN pad only). */
  encryptPin(pin: string, pan: string): Uint8Array;
  /** Encrypts a PAN for the journal (authenticated; the result is printable). */
  sealPan(pan: string): string;
  /** The PAN of `sealPan`; throws TERMINAL_STORAGE_FAILED when the text was altered. */
  unsealPan(sealed: string): string;
}

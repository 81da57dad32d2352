/**
 * Key separation: what each key type may do, and the TR-31 usage and mode of use it is stored with.
 * The HSM checks these against the stored (LMK-authenticated) header on every call, never against
 * what a caller's handle says.
 */
import type { HsmKeyType } from './key-handle.js';

/** `wrap`: a KEK (import, export, sign-in field 62). `pin`: PIN block encryption. `sign`: signatures. */
export type HsmKeyPurpose = 'wrap' | 'pin' | 'mac' | 'data' | 'dukpt' | 'ibm3624' | 'visa-pvv' | 'sign';

export interface KeyProfile {
  readonly purpose: HsmKeyPurpose;
  readonly usage: string;
  readonly modeOfUse: string;
  /** TR-31 usages accepted on import for this type. */
  readonly importUsages: readonly string[];
}

const MAC_USAGES = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M8'];

export const KEY_PROFILES: Readonly<Record<HsmKeyType, KeyProfile>> = {
  TMK: { purpose: 'wrap', usage: 'K0', modeOfUse: 'B', importUsages: ['K0', 'K1'] },
  ZMK: { purpose: 'wrap', usage: 'K0', modeOfUse: 'B', importUsages: ['K0', 'K1'] },
  TPK: { purpose: 'pin', usage: 'P0', modeOfUse: 'B', importUsages: ['P0'] },
  ZPK: { purpose: 'pin', usage: 'P0', modeOfUse: 'B', importUsages: ['P0'] },
  TAK: { purpose: 'mac', usage: 'M0', modeOfUse: 'C', importUsages: MAC_USAGES },
  ZAK: { purpose: 'mac', usage: 'M0', modeOfUse: 'C', importUsages: MAC_USAGES },
  TDK: { purpose: 'data', usage: 'D0', modeOfUse: 'B', importUsages: ['D0'] },
  BDK: { purpose: 'dukpt', usage: 'B0', modeOfUse: 'X', importUsages: ['B0'] },
  IBM_PVK: { purpose: 'ibm3624', usage: 'V1', modeOfUse: 'C', importUsages: ['V1'] },
  VISA_PVK: { purpose: 'visa-pvv', usage: 'V2', modeOfUse: 'C', importUsages: ['V2'] },
  // X9.143: S0 asymmetric key pair for digital signature, mode S (signature only).
  SIGNING: { purpose: 'sign', usage: 'S0', modeOfUse: 'S', importUsages: ['S0'] },
};

/** The default type of an imported TR-31 key by its usage. */
export function defaultTypeForUsage(usage: string): HsmKeyType | undefined {
  if (usage === 'K0' || usage === 'K1') return 'ZMK';
  if (usage === 'P0') return 'ZPK';
  if (MAC_USAGES.includes(usage)) return 'ZAK';
  if (usage === 'D0') return 'TDK';
  if (usage === 'B0') return 'BDK';
  if (usage === 'V1') return 'IBM_PVK';
  if (usage === 'V2') return 'VISA_PVK';
  return undefined;
}

export function isKeyType(value: unknown): value is HsmKeyType {
  return typeof value === 'string' && Object.hasOwn(KEY_PROFILES, value);
}

/**
 * Modes of use that allow each direction (TR-31: B both, C generate+verify, E/G one way, D/V the other;
 * S signature only, which is the forward direction of a signing key).
 */
export const MODES_FOR: Readonly<Record<'forward' | 'reverse', readonly string[]>> = {
  forward: ['B', 'C', 'E', 'G', 'X', 'S'],
  reverse: ['B', 'C', 'D', 'V', 'X'],
};

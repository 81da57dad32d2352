/**
 * Seed records for the test-card catalogue. UnionPay cards (six-digit PINs) get an IBM 3624 offset as
 * long as the PIN; the foreign Visa and Mastercard cards (four-digit PINs) a Visa PVV with PVKI 1. The
 * offsets and PVVs are computed here with the clear test PIN verification keys, which are then imported
 * into the HSM: afterwards only key handles are used.
 */
import {
  createCipher,
  hexToBytes,
  ibm3624Offset,
  ibm3624ValidationData,
  visaPvv,
  adjustKeyParity,
  type CipherFactory,
  type Hsm,
  type KeyHandle,
} from '@payterm/crypto';
import { maskPan } from '@payterm/kernel';
import { importClearTdesKey } from '../security/clear-key-import.js';
import type { IssuerAccountRecord } from './issuer-records.js';
import { DEFAULT_DECIMALIZATION_TABLE, formatPinVerificationValue } from './pin-verification-value.js';
import { TEST_CARDS, type TestCard } from './test-cards.js';

/** Clear PIN verification keys of the test catalogue: published test keys, never for real cards. */
export const TEST_PIN_VERIFICATION_KEYS_HEX = {
  ibmPvk: '3B7A5D9E1F2C4B6A8C0E7C5B3B1F2C4F',
  visaPvk: '7C1F3E5D9B2A4C6E0E8C1A3B5D7F9D2F',
} as const;

export const TEST_CARD_PVKI = 1;

export interface TestPinVerificationKeys {
  /** 16-byte TDES keys; their DES parity is set to odd before use. */
  readonly ibmPvk: Uint8Array;
  readonly visaPvk: Uint8Array;
}

export interface TestCardSeed {
  /** One record per catalogue card, in catalogue order. */
  readonly accounts: readonly IssuerAccountRecord[];
  readonly ibmPvk: KeyHandle;
  readonly visaPvk: KeyHandle;
}

function pinVerificationValue(
  card: TestCard,
  ibmPvk: Uint8Array,
  visaPvk: Uint8Array,
  factory: CipherFactory,
) {
  if (card.brand === 'UnionPay') {
    const params = {
      validationData: ibm3624ValidationData(card.pan),
      decimalizationTable: DEFAULT_DECIMALIZATION_TABLE,
    };
    const offset = ibm3624Offset(factory('tdes', ibmPvk), params, card.pin);
    return formatPinVerificationValue({ method: 'ibm3624', offset });
  }
  const pvv = visaPvv(factory('tdes', visaPvk), { pan: card.pan, pvki: TEST_CARD_PVKI, pin: card.pin });
  return formatPinVerificationValue({ method: 'visa-pvv', pvki: TEST_CARD_PVKI, pvv });
}

export async function testCardAccounts(
  panHash: (pan: string) => string | Promise<string>,
  hsm: Hsm,
  pvks: TestPinVerificationKeys = {
    ibmPvk: hexToBytes(TEST_PIN_VERIFICATION_KEYS_HEX.ibmPvk),
    visaPvk: hexToBytes(TEST_PIN_VERIFICATION_KEYS_HEX.visaPvk),
  },
  cipherFactory: CipherFactory = createCipher,
): Promise<TestCardSeed> {
  const ibmKey = adjustKeyParity(pvks.ibmPvk);
  const visaKey = adjustKeyParity(pvks.visaPvk);
  try {
    const hashes = await Promise.all(TEST_CARDS.map((card) => panHash(card.pan)));
    const accounts = TEST_CARDS.map((card, index): IssuerAccountRecord => ({
      panHash: hashes[index] ?? '',
      panMasked: maskPan(card.pan),
      kind: card.kind,
      currency: 'CNY',
      balanceMinor: card.amountMinor,
      creditLimitMinor: card.kind === 'credit' ? card.amountMinor : 0,
      heldMinor: 0,
      status: card.status,
      pinTryDate: null,
      pinTries: 0,
      pvv: pinVerificationValue(card, ibmKey, visaKey, cipherFactory),
      expiry: card.expiry,
      behaviour: card.behaviour,
    }));
    const ibmPvk = await importClearTdesKey(hsm, 'IBM_PVK', ibmKey, { exportable: false });
    const visaPvk = await importClearTdesKey(hsm, 'VISA_PVK', visaKey, { exportable: false });
    return { accounts, ibmPvk, visaPvk };
  } finally {
    ibmKey.fill(0);
    visaKey.fill(0);
  }
}

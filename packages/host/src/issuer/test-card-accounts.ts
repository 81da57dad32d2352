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
  type HsmKeyType,
  type KeyHandle,
} from '@payterm/crypto';
import { maskPan } from '@payterm/kernel';
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

/**
 * Imports a known clear key as three odd-parity components (0x01…, 0x02…, key ⊕ 0x03…): their XOR is
 * the key with its odd parity intact, so an HSM that checks or adjusts parity keeps the very same key.
 */
async function importClearKey(hsm: Hsm, type: HsmKeyType, key: Uint8Array): Promise<KeyHandle> {
  const first = new Uint8Array(key.length).fill(0x01);
  const second = new Uint8Array(key.length).fill(0x02);
  const third = key.map((byte) => byte ^ 0x03);
  try {
    return await hsm.importKey({
      kind: 'components',
      type,
      algorithm: 'tdes',
      exportable: false,
      components: [{ value: first }, { value: second }, { value: third }],
    });
  } finally {
    third.fill(0);
  }
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
    const ibmPvk = await importClearKey(hsm, 'IBM_PVK', ibmKey);
    const visaPvk = await importClearKey(hsm, 'VISA_PVK', visaKey);
    return { accounts, ibmPvk, visaPvk };
  } finally {
    ibmKey.fill(0);
    visaKey.fill(0);
  }
}

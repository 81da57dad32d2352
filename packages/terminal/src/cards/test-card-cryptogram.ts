import { adjustKeyParity, createRetailMac, hexToBytes, type CipherFactory } from '@payterm/crypto';

/**
 * The issuer master key for application cryptograms (IMK-AC) of every simulated test card. Published
 * test data, like the demo TMK: an issuer simulator that checks ARQCs derives each card's key from it.
 */
export const TEST_ISSUER_MASTER_KEY_HEX = '56807BD40AA22F34E2CF250B2B688C05';

/**
 * The card data the ARQC covers, in order: EMV Book 2 Annex A1.2's recommended minimum set (amount,
 * other amount, country, TVR, currency, date, type, unpredictable number, AIP, ATC), the usual CDOL1.
 */
export const ARQC_DATA_TAGS = [
  '9F02',
  '9F03',
  '9F1A',
  '95',
  '5F2A',
  '9A',
  '9C',
  '9F37',
  '82',
  '9F36',
] as const;

/**
 * The card's own key (ICC master key) by EMV Book 2 Annex A1.4.1 option A: Y = the rightmost 16
 * digits of PAN ‖ PAN sequence number (2 digits); key = TDES_IMK(Y) ‖ TDES_IMK(Y ⊕ FF…FF), odd parity.
 */
export function deriveTestCardKey(
  issuerMasterKey: Uint8Array,
  pan: string,
  panSequence: string,
  cipherFactory: CipherFactory,
): Uint8Array {
  const y = hexToBytes(`${pan}${panSequence}`.padStart(16, '0').slice(-16));
  const imk = cipherFactory('tdes', issuerMasterKey);
  const left = imk.encryptBlocksEcb(y);
  const right = imk.encryptBlocksEcb(y.map((byte) => byte ^ 0xff));
  const key = new Uint8Array(16);
  key.set(left);
  key.set(right, 8);
  const odd = adjustKeyParity(key);
  key.fill(0);
  return odd;
}

/** The 8-byte ARQC: ISO 9797-1 MAC algorithm 3 (retail MAC) with padding method 2 under the card key. */
export function computeTestArqc(
  cardKey: Uint8Array,
  data: Uint8Array,
  cipherFactory: CipherFactory,
): Uint8Array {
  return createRetailMac(cipherFactory, cardKey, { padding: 2 }).compute(data);
}

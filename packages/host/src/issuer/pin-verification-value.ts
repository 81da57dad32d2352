/**
 * The `pvv` column of an account: which PIN verification method the card uses and its reference value,
 * as text. Visa PVV covers only the first four PIN digits, so six-digit PINs use an IBM 3624 offset as
 * long as the PIN (a wrong fifth digit fails); four-digit PINs may use either.
 *
 * `PVV:<pvki>:<4 digits>` — Visa PVV with key index 0–9 · `IBM:<offset>` — IBM 3624, 4–12 digits.
 */
import {
  CryptoError,
  ibm3624ValidationData,
  type Hsm,
  type KeyHandle,
  type PinVerificationMethod,
} from '@payterm/crypto';
import { issuerError } from './issuer-error.js';
import type { IssuerPinBlock } from './issuer-port.js';

export type PinVerificationData =
  | { readonly method: 'visa-pvv'; readonly pvki: number; readonly pvv: string }
  | { readonly method: 'ibm3624'; readonly offset: string };

/** The HSM keys the issuer verifies PINs with (handles only) and its IBM 3624 parameters. */
export interface PinVerificationKeys {
  /** The issuer's zone PIN key: the host translates every PIN block to it. */
  readonly zpk: KeyHandle;
  readonly visaPvk?: KeyHandle;
  readonly ibmPvk?: KeyHandle;
  /** Default `0123456789012345` (on the software HSM's allow-list). */
  readonly decimalizationTable?: string;
}

export const DEFAULT_DECIMALIZATION_TABLE = '0123456789012345';

const PVV_TEXT = /^PVV:([0-9]):([0-9]{4})$/;
const IBM_TEXT = /^IBM:([0-9]{4,12})$/;

export function formatPinVerificationValue(data: PinVerificationData): string {
  return data.method === 'visa-pvv' ? `PVV:${data.pvki}:${data.pvv}` : `IBM:${data.offset}`;
}

export function parsePinVerificationValue(text: string): PinVerificationData {
  const pvv = PVV_TEXT.exec(text);
  if (pvv !== null) return { method: 'visa-pvv', pvki: Number(pvv[1]), pvv: pvv[2]! };
  const ibm = IBM_TEXT.exec(text);
  if (ibm !== null) return { method: 'ibm3624', offset: ibm[1]! };
  throw issuerError('ISSUER_INVALID_RECORD', 'An account pvv is not PVV:<pvki>:<pvv> or IBM:<offset>', {
    field: 'pvv',
    length: text.length,
  });
}

export type PinCheck = 'correct' | 'incorrect' | 'invalid-block';

/**
 * Verifies the PIN block inside the HSM. A block that does not decode under the ZPK (wrong key,
 * wrong PAN, damaged) is `invalid-block`: a security failure, not a wrong PIN. Other HSM errors
 * (missing key, usage violation) are configuration faults and propagate.
 */
export async function checkPin(
  hsm: Hsm,
  keys: PinVerificationKeys,
  pan: string,
  pvvText: string,
  pinBlock: IssuerPinBlock,
): Promise<PinCheck> {
  const data = parsePinVerificationValue(pvvText);
  const pvk = data.method === 'visa-pvv' ? keys.visaPvk : keys.ibmPvk;
  if (pvk === undefined) {
    throw issuerError('ISSUER_INVALID_RECORD', `No ${data.method} PIN verification key is configured`, {
      method: data.method,
    });
  }
  const verification: PinVerificationMethod =
    data.method === 'visa-pvv'
      ? data
      : {
          method: 'ibm3624',
          validationData: ibm3624ValidationData(pan),
          decimalizationTable: keys.decimalizationTable ?? DEFAULT_DECIMALIZATION_TABLE,
          offset: data.offset,
        };
  try {
    const matches = await hsm.verifyPin({
      pinBlock: { key: { key: keys.zpk }, format: pinBlock.format, block: pinBlock.block },
      pan,
      pvk,
      verification,
    });
    return matches ? 'correct' : 'incorrect';
  } catch (error) {
    if (error instanceof CryptoError && error.code === 'CRYPTO_PIN_BLOCK_INVALID') return 'invalid-block';
    throw error;
  }
}

import type { RandomSource } from '@payterm/kernel';
import type { Approved, DeclineReason, Declined } from './issuer-port.js';
import type { IssuerAccountRecord } from './issuer-records.js';

export function decline(responseCode: string, reason: DeclineReason): Declined {
  return { approved: false, responseCode, reason };
}

/** Six random digits (field 38). */
export function newAuthCode(random: RandomSource): string {
  return String(random.nextInt(1_000_000)).padStart(6, '0');
}

export function availableMinor(account: IssuerAccountRecord): number {
  return account.balanceMinor - account.heldMinor;
}

export function approval(
  account: IssuerAccountRecord,
  random: RandomSource,
  pinVerified: boolean,
  holdId?: string,
): Approved {
  return {
    approved: true,
    authCode: newAuthCode(random),
    balanceMinor: availableMinor(account),
    currency: account.currency,
    pinVerified,
    ...(holdId === undefined ? {} : { holdId }),
  };
}

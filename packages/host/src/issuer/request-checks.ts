/** Contract checks on issuer requests: a malformed request is the caller's bug, not a decline. */
import { issuerError } from './issuer-error.js';

export function checkAmount(amountMinor: number, field: string, allowZero = false): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < (allowZero ? 0 : 1)) {
    throw issuerError(
      'ISSUER_INVALID_REQUEST',
      `${field} must be a safe integer of minor units above ${allowZero ? -1 : 0}`,
      { field },
    );
  }
}

export function checkId(id: string, field: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw issuerError('ISSUER_INVALID_REQUEST', `${field} must be 1 to 64 characters`, { field });
  }
}

export function checkCurrency(currency: string): void {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw issuerError('ISSUER_INVALID_REQUEST', 'currency must be an ISO 4217 alphabetic code', {
      field: 'currency',
    });
  }
}

/** Digits only, 12 to 19; the text is never echoed (it may be a PAN). */
export function checkPanText(pan: string): void {
  if (typeof pan !== 'string' || !/^[0-9]{12,19}$/.test(pan)) {
    throw issuerError('ISSUER_INVALID_REQUEST', 'pan must be 12 to 19 digits', {
      field: 'pan',
      length: typeof pan === 'string' ? pan.length : -1,
    });
  }
}

export function checkExpiry(expiry: string | undefined): void {
  if (expiry !== undefined && !/^[0-9]{2}(0[1-9]|1[0-2])$/.test(expiry)) {
    throw issuerError('ISSUER_INVALID_REQUEST', 'expiry must be YYMM', { field: 'expiry' });
  }
}

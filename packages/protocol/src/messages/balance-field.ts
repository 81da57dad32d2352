import { protocolError } from '../errors.js';
import type { PosBalance } from './pos-response.js';

const BALANCE = /^(.{2})(.{2})(\d{3})([CD])(\d{12})/s;

/** The first balance of field 54. Throws PROTOCOL_INVALID_FIELD. */
export function parseBalance(text: string): PosBalance {
  const match = BALANCE.exec(text);
  if (match === null) {
    throw protocolError(
      'PROTOCOL_INVALID_FIELD',
      'field 54 must be type an2, amount type an2, n3, C/D, n12',
      '54',
    );
  }
  const [, accountType = '', amountType = '', currency = '', sign, digits = ''] = match;
  const amount = Number(digits);
  return { accountType, amountType, currency, amountMinor: sign === 'D' && amount !== 0 ? -amount : amount };
}

export function formatBalance(balance: PosBalance): string {
  const magnitude = Math.abs(balance.amountMinor);
  if (
    balance.accountType.length !== 2 ||
    balance.amountType.length !== 2 ||
    !/^\d{3}$/.test(balance.currency) ||
    !Number.isSafeInteger(balance.amountMinor) ||
    magnitude > 999_999_999_999
  ) {
    throw protocolError(
      'PROTOCOL_INVALID_VALUE',
      'a balance needs an2, an2, n3 and an amount that fits n12',
      '54',
    );
  }
  return (
    balance.accountType +
    balance.amountType +
    balance.currency +
    (balance.amountMinor < 0 ? 'D' : 'C') +
    String(magnitude).padStart(12, '0')
  );
}

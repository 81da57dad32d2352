/** Amounts as the wallet shows them; money stays integer minor units (fen) until the last moment. */

function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `500000` → `5,000.00`; a negative amount keeps its sign in front. */
export function formatMinor(amountMinor: number): string {
  if (!Number.isSafeInteger(amountMinor)) throw new Error(`not an amount in minor units: ${amountMinor}`);
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = Math.abs(amountMinor);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}${grouped(Math.trunc(absolute / 100))}.${cents}`;
}

/** The currency symbol or code shown before an amount: `¥` for CNY (`156` or `CNY`). */
export function currencyLabel(currency: string): string {
  return currency === '156' || currency === 'CNY' ? '¥' : `${currency} `;
}

/** `¥5,000.00` */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${currencyLabel(currency)}${formatMinor(amountMinor)}`;
}

/**
 * Amount triggers of shared/spec/test-cards.md: the last four digits of the minor-unit amount force an
 * outcome on any approving card. One table for the host and the issuer: the issuer acts on
 * `issuer-malfunction` (96) and `issuer-unavailable` (91); the host acts on the other three.
 */
export type AmountTrigger =
  'issuer-malfunction' | 'issuer-unavailable' | 'no-response' | 'late-response' | 'duplicate-response';

export const AMOUNT_TRIGGERS: Readonly<Record<string, AmountTrigger>> = {
  '9196': 'issuer-malfunction',
  '9191': 'issuer-unavailable',
  '9198': 'no-response',
  '9168': 'late-response',
  '9194': 'duplicate-response',
};

/** The trigger the amount's last four minor-unit digits name, or undefined. */
export function amountTrigger(amountMinor: number): AmountTrigger | undefined {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) return undefined;
  const lastFour = String(amountMinor % 10_000).padStart(4, '0');
  return Object.hasOwn(AMOUNT_TRIGGERS, lastFour) ? AMOUNT_TRIGGERS[lastFour] : undefined;
}

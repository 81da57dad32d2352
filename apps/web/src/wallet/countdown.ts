/** Whole seconds left until `expiresAt` (ISO) at `nowMs`, rounded up, never below 0. */
export function secondsLeft(expiresAt: string, nowMs: number): number {
  const expiresMs = Date.parse(expiresAt);
  if (Number.isNaN(expiresMs)) return 0;
  return Math.max(0, Math.ceil((expiresMs - nowMs) / 1000));
}

/** The pay code's digits in groups of four, as wallets print them: `6212 3456 7890 1234 567`. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

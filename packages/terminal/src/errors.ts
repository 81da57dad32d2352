import { isBranded, PaytermError } from '@payterm/kernel';

/** Stable codes: documented in packages/terminal/ERRORS.md (a test keeps the two in step). */
export const TERMINAL_ERROR_CODES = {
  TERMINAL_INVALID_INPUT: 'an amount, voucher, RRN, date, password or option the operator gave is malformed',
  TERMINAL_NOT_PROVISIONED: 'the terminal has no TID/MID profile or no master key loaded yet',
  TERMINAL_LOGIN_REQUIRED: 'no operator is logged in, or the one logged in may not do this',
  TERMINAL_PASSWORD_WRONG: 'the operator number or password is wrong (tries left in details)',
  TERMINAL_PASSWORD_CHANGE_REQUIRED: 'the operator still has a default password and must change it first',
  TERMINAL_OPERATOR_LOCKED: 'the operator is locked after three wrong passwords (until in details)',
  TERMINAL_OPERATOR_EXISTS: 'an operator with that number exists already',
  TERMINAL_OPERATOR_UNKNOWN: 'no operator has that number',
  TERMINAL_PERMISSION_DENIED: 'the role may not do this (a supervisor or administrator must)',
  TERMINAL_LOCKED: 'the terminal is locked; an operator must log in to unlock it',
  TERMINAL_NOT_SIGNED_IN: 'a card transaction needs a sign-in first (or again after 77/A0/sign-off)',
  TERMINAL_SIGN_IN_KEYS_INVALID: 'the working keys of the sign-in response failed their check values',
  TERMINAL_REVERSAL_PENDING: 'a reversal must reach the host before the next transaction or settlement',
  TERMINAL_HOST_UNREACHABLE: 'the host could not be reached within the connect timeout',
  TERMINAL_RESPONSE_TIMEOUT: 'the host did not answer within the response timeout (a reversal is queued)',
  TERMINAL_RESPONSE_INVALID: 'the response does not unpack, does not answer the request or fails its MAC',
  TERMINAL_TRANSACTION_UNKNOWN: 'no transaction in the journal matches the voucher or reference given',
  TERMINAL_TRANSACTION_NOT_ALLOWED:
    'the original cannot be voided, refunded or completed (state, batch, amount)',
  TERMINAL_CANCELLED: 'the operator or customer cancelled (card, PIN or confirmation)',
  TERMINAL_SETTLEMENT_REQUIRED: 'the batch is full or the host asked to settle before further sales',
  TERMINAL_STORAGE_FAILED: 'the journal could not be read or written',
  TERMINAL_APPLICATION_INCOMPATIBLE: 'the application module does not offer the interface this firmware runs',
  TERMINAL_PARAMETERS_INVALID:
    'the parameters the host sent (360) do not make a valid profile: nothing was applied',
  UPGRADE_BATTERY_LOW: 'the battery is below 30 % and the device is not on mains: charge it first',
  UPGRADE_STORAGE_LOW: 'less free storage than twice the package size',
  UPGRADE_STORAGE_FULL: 'the storage refused a chunk of the download (full): the download was deleted',
  UPGRADE_SETTLE_FIRST: 'the batch has transactions or a reversal is pending: settle first',
  UPGRADE_NO_TRUSTED_KEY: 'the terminal trusts no software signing key, so it cannot verify any package',
  UPGRADE_NO_OFFER: 'the host offers no software version above the one running',
  UPGRADE_OFFER_MISMATCH: 'the signed manifest does not describe the package the host offered',
  UPGRADE_HOST_REFUSED: 'the host refused a software chunk (39 25 unknown package, 12 not offered)',
  UPGRADE_CHUNK_INVALID: 'a software chunk was empty, too long or beyond the package',
  UPGRADE_INTERRUPTED: 'the download stopped (host unreachable, no answer): it resumes where it stopped',
  UPGRADE_NOT_DOWNLOADING: 'no software download is under way',
  UPGRADE_NOT_VERIFIED: 'no slot holds a verified package to install',
  UPGRADE_NO_TRIAL: 'no trial version is running to confirm or roll back',
  UPGRADE_SLOT_CORRUPT: 'a slot does not hold the whole package its manifest describes',
  UPGRADE_SELF_TEST_FAILED: 'the self-test of a trial version failed: it was rolled back',
  UPGRADE_TRIAL_UNCONFIRMED:
    'a trial version was found unconfirmed at boot (power cut during the trial): rolled back',
} as const;

export type TerminalErrorCode = keyof typeof TERMINAL_ERROR_CODES;

export type TerminalErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

const TERMINAL_ERROR_BRAND = Symbol.for('payterm.terminal-error');

/**
 * Every expected failure of the terminal core; details never hold a PAN, PIN, key or password.
 * Branded: the firmware's drivers and an application loaded from a software package each have their
 * own copy of this class, and each must recognise the other's errors.
 */
export class TerminalError extends PaytermError<TerminalErrorCode, TerminalErrorDetails> {
  constructor(
    code: TerminalErrorCode,
    message: string,
    details: TerminalErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
    Object.defineProperty(this, TERMINAL_ERROR_BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === TerminalError && isBranded(value, TERMINAL_ERROR_BRAND);
  }
}

export function terminalError(
  code: TerminalErrorCode,
  message: string,
  details: TerminalErrorDetails = {},
): TerminalError {
  return new TerminalError(code, message, details);
}

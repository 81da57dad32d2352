import { PaytermError, type ErrorDetails } from '@payterm/kernel';
import type { PosRequest, PosResponse } from '@payterm/protocol';

/** Stable codes of the test terminal: documented in src/testing/README.md (a test keeps the two in step). */
export const TERMINAL_ERROR_CODES = {
  TERMINAL_INVALID_OPTION: 'an option or argument is malformed, or an original lacks what the request needs',
  TERMINAL_NOT_SIGNED_IN: 'a request needs working keys (MAC or PIN) and the terminal has none',
  TERMINAL_SIGN_IN_KEYS_INVALID:
    'an approved sign-in response has no usable field 62 (length or a check value does not match)',
  TERMINAL_STAN_IN_FLIGHT: 'a request with the same STAN and response MTI is already waiting for its answer',
  TERMINAL_RESPONSE_TIMEOUT: 'no response with the request STAN and response MTI arrived in time',
  TERMINAL_RESPONSE_MAC_INVALID: 'an approved response that must carry a MAC has none or a wrong one',
  TERMINAL_RESPONSE_INVALID: 'the matched response does not decode as the answer to the request',
  TERMINAL_CONNECTION_CLOSED: 'the link closed while the request was waiting, or before it was sent',
} as const;

export type TerminalErrorCode = keyof typeof TERMINAL_ERROR_CODES;

/**
 * Every expected failure of the test terminal. `request` (and `response` when one was decoded) are
 * attached as non-enumerable properties so a test can reverse the request; they hold card data and
 * never appear in the message, the details, JSON or an inspected error.
 */
export class TerminalError extends PaytermError<TerminalErrorCode> {
  declare readonly request?: PosRequest;
  declare readonly response?: PosResponse;
}

export interface TerminalErrorContext {
  readonly request?: PosRequest;
  readonly response?: PosResponse;
  readonly cause?: unknown;
}

export function terminalError(
  code: TerminalErrorCode,
  message: string,
  details: ErrorDetails = {},
  context: TerminalErrorContext = {},
): TerminalError {
  const error = new TerminalError(
    code,
    message,
    details,
    context.cause === undefined ? undefined : { cause: context.cause },
  );
  if (context.request !== undefined) {
    Object.defineProperty(error, 'request', { value: context.request, enumerable: false });
  }
  if (context.response !== undefined) {
    Object.defineProperty(error, 'response', { value: context.response, enumerable: false });
  }
  return error;
}

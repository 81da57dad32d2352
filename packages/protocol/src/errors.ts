import { PaytermError } from '@payterm/kernel';

/** Stable codes: documented in packages/protocol/ERRORS.md (a test keeps the two in step). */
export const PROTOCOL_ERROR_CODES = {
  PROTOCOL_MISSING_FIELD: 'a field the transaction needs is absent',
  PROTOCOL_INVALID_FIELD: 'a field is present but its content does not fit the transaction',
  PROTOCOL_UNSUPPORTED_TRANSACTION:
    'the MTI, processing code, 60.1 and 60.3 name no transaction of the dialect',
  PROTOCOL_INVALID_MTI: 'the MTI is not a request (or not the response) the dialect expects',
  PROTOCOL_INVALID_VALUE: 'a value given to an encoder or helper is out of range or malformed',
  PROTOCOL_RESPONSE_MISMATCH: 'a response does not answer its request (MTI, STAN, terminal or kind)',
  PROTOCOL_MAC_MISSING: 'a message that needs a MAC has no field 64',
  PROTOCOL_MAC_MISMATCH: 'field 64 does not verify over the MAC input',
  PROTOCOL_MAC_INVALID_LENGTH: 'the injected MAC function returned something other than 8 bytes',
} as const;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERROR_CODES;

export type ProtocolErrorDetails = Readonly<{
  /** The field (`4`, `60.3`, `59.A3`) that was wrong, or null when the message as a whole was. */
  field: string | null;
  /** The ISO 8583 response code (field 39) a host answers this failure with. */
  responseCode: string;
  [key: string]: string | number | boolean | null;
}>;

/** Every expected failure of the dialect; details never hold a clear PAN, track, PIN block or key. */
export class ProtocolError extends PaytermError<ProtocolErrorCode, ProtocolErrorDetails> {
  get field(): string | null {
    return this.details.field;
  }

  get responseCode(): string {
    return this.details.responseCode;
  }
}

/** The response code each failure maps to by default: format errors 30, MAC errors A0. */
const DEFAULT_RESPONSE_CODES: Readonly<Record<ProtocolErrorCode, string>> = {
  PROTOCOL_MISSING_FIELD: '30',
  PROTOCOL_INVALID_FIELD: '30',
  PROTOCOL_UNSUPPORTED_TRANSACTION: '40',
  PROTOCOL_INVALID_MTI: '12',
  PROTOCOL_INVALID_VALUE: '30',
  PROTOCOL_RESPONSE_MISMATCH: '20',
  PROTOCOL_MAC_MISSING: 'A0',
  PROTOCOL_MAC_MISMATCH: 'A0',
  PROTOCOL_MAC_INVALID_LENGTH: '96',
};

export function protocolError(
  code: ProtocolErrorCode,
  message: string,
  field: string | null,
  extra: Readonly<Record<string, string | number | boolean | null>> = {},
): ProtocolError {
  return new ProtocolError(code, message, {
    ...extra,
    field,
    responseCode: DEFAULT_RESPONSE_CODES[code],
  });
}

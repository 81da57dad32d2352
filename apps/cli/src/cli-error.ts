import { PaytermError, type ErrorDetails } from '@payterm/kernel';

export const CLI_ERROR_CODES = {
  CLI_USAGE: 'the command line is not valid (unknown command or option, missing argument)',
  CLI_INVALID_HEX: 'hex input has a character that is not a hex digit, or an odd number of digits',
  CLI_INVALID_JSON: 'JSON input does not parse',
  CLI_UNKNOWN_SPEC: 'no built-in spec has that id',
  CLI_INPUT_UNREADABLE: 'an input file cannot be read',
  CLI_INVALID_FRAME: 'framed input does not hold exactly one complete frame',
  CLI_INVALID_OPTION: 'options that do not go together, or an option value of the wrong form',
  CLI_INVALID_FIELDS: 'JSON input does not have the shape the command expects',
  CLI_QR_INVALID: 'a QR payload breaks one or more EMVCo MPM rules (all listed on stdout)',
  CLI_SIGNING_KEY_MISSING:
    'the host has no package-signing key (or no HSM master key) yet: run payterm tms keygen',
  CLI_API_REFUSED:
    "the host's HTTP API refused the call (details: status and hostCode, the host's error code)",
  CLI_API_UNREACHABLE: "the host's HTTP API did not answer (wrong --url, host not running)",
  CLI_OUTPUT_UNWRITABLE: 'an output file cannot be written',
} as const;

export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

/** Bad input on the command line; the CLI prints it as JSON on stderr and exits with code 2. */
export class CliError extends PaytermError<CliErrorCode> {
  constructor(code: CliErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}

import { protocolError } from '../errors.js';
import { SOFTWARE_VERSION_PATTERN } from './tms-values.js';

/**
 * Header digit 6, set by the host in a response: `0` none, `3` sign in again, `6` download parameters,
 * other digits as in reference §1.3 (newer-spec meanings).
 */
export type ProcessingRequirement = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

const PROCESSING_INDEX = 5;
const DIGIT = /^[0-9]$/;
const HEADER = /^[0-9A-Fa-f]{12}$/;
const TPDU = /^[0-9A-Fa-f]{10}$/;

/** The processing-requirement digit of a 12-digit header, or undefined when it is not a digit. */
export function processingRequirement(header: string): ProcessingRequirement | undefined {
  const digit = header.charAt(PROCESSING_INDEX);
  return DIGIT.test(digit) ? (digit as ProcessingRequirement) : undefined;
}

/** The header with its processing-requirement digit replaced. Throws PROTOCOL_INVALID_VALUE. */
export function withProcessingRequirement(header: string, digit: ProcessingRequirement): string {
  if (!HEADER.test(header)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a message header is 12 hex digits', 'header');
  }
  if (!DIGIT.test(digit)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'the processing requirement is one digit', 'header');
  }
  return header.slice(0, PROCESSING_INDEX) + digit + header.slice(PROCESSING_INDEX + 1);
}

/** The response TPDU: destination and source swapped (the terminal does not check it). */
export function swapTpdu(tpdu: string): string {
  if (!TPDU.test(tpdu)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a TPDU is 10 hex digits', 'tpdu');
  }
  return tpdu.slice(0, 2) + tpdu.slice(6, 10) + tpdu.slice(2, 6);
}

const SUB_VERSION_INDEX = 6;

/**
 * The terminal application version in a header's sub-version digits 7–12 (`010203` → `1.2.3`,
 * docs/TMS.md §1), or undefined when they are not six digits (`000000` reads as `0.0.0`).
 */
export function softwareVersionOfHeader(header: string): string | undefined {
  const digits = header.slice(SUB_VERSION_INDEX, SUB_VERSION_INDEX + 6);
  if (!/^\d{6}$/.test(digits)) return undefined;
  return [0, 2, 4].map((at) => String(Number(digits.slice(at, at + 2)))).join('.');
}

/** The header with its sub-version set to `version` (`1.2.3` → `010203`). Throws PROTOCOL_INVALID_VALUE. */
export function withSoftwareVersion(header: string, version: string): string {
  if (!HEADER.test(header)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a message header is 12 hex digits', 'header');
  }
  const parts = SOFTWARE_VERSION_PATTERN.exec(version);
  if (parts === null) {
    throw protocolError(
      'PROTOCOL_INVALID_VALUE',
      'a software version is MAJOR.MINOR.PATCH, each 0–99',
      'header',
    );
  }
  return (
    header.slice(0, SUB_VERSION_INDEX) +
    parts
      .slice(1)
      .map((part) => part.padStart(2, '0'))
      .join('')
  );
}

import { PaytermError } from '@payterm/kernel';

/** Stable codes: documented in packages/emv/ERRORS.md (a test keeps the two in step). */
export const EMV_ERROR_CODES = {
  EMV_TLV_TRUNCATED: 'BER-TLV content ends inside a tag, a length or a value',
  EMV_TLV_INVALID_TAG: 'a BER tag is longer than 4 bytes, not hex, or not exactly one tag',
  EMV_TLV_INVALID_LENGTH: 'a BER length uses the indefinite form or more than 4 length bytes',
  EMV_TLV_TOO_DEEP: 'constructed BER-TLV objects nest deeper than the limit',
  EMV_TLV_INVALID_NODE: 'a node to encode is inconsistent (children on a primitive tag)',
  EMV_DOL_INVALID: 'a data object list is malformed',
  EMV_QR_TRUNCATED: 'a QR data object is cut off: its value runs past the end of the payload or template',
  EMV_QR_INVALID_ID: 'a QR data object ID is not two digits',
  EMV_QR_INVALID_LENGTH: 'a QR length is not two digits, or a value breaks the length rule of its object',
  EMV_QR_INVALID_VALUE: 'a QR value breaks the format rule of its object',
  EMV_QR_INVALID_CRC: 'the QR CRC is not four upper-case hex digits or does not match the payload',
  EMV_QR_MISSING_OBJECT: 'a mandatory QR data object is absent',
  EMV_QR_MISPLACED_OBJECT: 'a QR data object is out of place (00 not first, 63 not last)',
  EMV_QR_DUPLICATE_OBJECT: 'a QR data object ID occurs twice at the same level',
} as const;

export type EmvErrorCode = keyof typeof EMV_ERROR_CODES;

/** Where the problem sits: a BER tag / QR ID, a length, a value, the CRC, or the payload as a whole. */
export type EmvPhase = 'tag' | 'length' | 'value' | 'crc' | 'payload';

export interface EmvErrorDetails {
  readonly [key: string]: string | number | boolean | null;
  /** Tag path (`71.86`, `9F26`), QR ID path (`62.05`), or null when no object is concerned. */
  readonly path: string | null;
  readonly phase: EmvPhase;
  /** BER-TLV and DOL: byte offset in the input; QR: character (code point) offset in the payload; -1 when none. */
  readonly offset: number;
  /** Bytes / characters needed and available, when a count is the problem; otherwise -1. */
  readonly need: number;
  readonly have: number;
}

export class EmvError extends PaytermError<EmvErrorCode, EmvErrorDetails> {}

export interface EmvErrorSite {
  path?: string | null;
  phase: EmvPhase;
  offset?: number;
  need?: number;
  have?: number;
}

export function emvError(code: EmvErrorCode, reason: string, site: EmvErrorSite): EmvError {
  const details: EmvErrorDetails = {
    path: site.path ?? null,
    phase: site.phase,
    offset: site.offset ?? -1,
    need: site.need ?? -1,
    have: site.have ?? -1,
  };
  const where = [
    details.path === null ? null : `at ${details.path}`,
    details.phase,
    details.offset >= 0 ? `offset ${details.offset}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return new EmvError(code, `${reason} (${where})`, details);
}

/** `parent.child`, or `child` at the top level. */
export function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

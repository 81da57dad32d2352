import { PaytermError } from '@payterm/kernel';

/** Stable codes: documented in docs/ERRORS.md (a test keeps the two in step). */
export const ISO8583_ERROR_CODES = {
  ISO8583_TRUNCATED: 'the message ends before an item is complete',
  ISO8583_INVALID_LENGTH: 'a length prefix is not a number or exceeds the maximum',
  ISO8583_INVALID_CHARACTER: 'a byte or character is not allowed by the charset of its field',
  ISO8583_INVALID_PAD: 'a pad nibble is neither 0 nor F',
  ISO8583_UNKNOWN_FIELD: 'a field is present that the spec does not define',
  ISO8583_INVALID_BITMAP: 'a bitmap announces a bitmap the spec does not allow',
  ISO8583_TRAILING_BYTES: 'bytes remain after the last field',
  ISO8583_INVALID_TLV: 'TLV content is malformed',
  ISO8583_INVALID_VALUE: 'a value has the wrong type or length for its field',
  ISO8583_INVALID_SPEC: 'a message spec is inconsistent',
  ISO8583_FRAME_TOO_LONG: 'a frame announces more bytes than the configured maximum',
  ISO8583_INVALID_FRAME_LENGTH: 'a frame length prefix is not a number',
  ISO8583_FRAME_DECODER_FAILED: 'a frame decoder is used after it has failed',
} as const;

export type Iso8583ErrorCode = keyof typeof ISO8583_ERROR_CODES;

/** Where in the message the problem sits. */
export type Iso8583Phase = 'frame' | 'bitmap' | 'length' | 'data' | 'tag' | 'message' | 'spec';

export interface Iso8583ErrorDetails {
  readonly [key: string]: string | number | boolean | null;
  /** `35`, `60.3`, `55.9F26`, `mti`, `tpdu`; null when the problem is not inside one field. */
  readonly field: string | null;
  readonly phase: Iso8583Phase;
  /** Absolute byte offset in the unpacked buffer (pack: offset in the output being written), or -1. */
  readonly offset: number;
  /** Bytes / characters / items needed and available, when a count is the problem; otherwise -1. */
  readonly need: number;
  readonly have: number;
}

export class Iso8583Error extends PaytermError<Iso8583ErrorCode, Iso8583ErrorDetails> {}

export interface ErrorSite {
  field?: string | null;
  phase: Iso8583Phase;
  offset?: number;
  need?: number;
  have?: number;
}

export function iso8583Error(
  code: Iso8583ErrorCode,
  reason: string,
  site: ErrorSite,
  options?: { cause?: unknown },
): Iso8583Error {
  const details: Iso8583ErrorDetails = {
    field: site.field ?? null,
    phase: site.phase,
    offset: site.offset ?? -1,
    need: site.need ?? -1,
    have: site.have ?? -1,
  };
  const where = [
    details.field === null ? null : `field ${details.field}`,
    details.phase,
    details.offset >= 0 ? `at byte ${details.offset}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return new Iso8583Error(code, `${reason} (${where})`, details, options);
}

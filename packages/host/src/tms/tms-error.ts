import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/** Stable codes of the terminal management system (listed in packages/host/ERRORS.md). */
export const TMS_ERROR_CODES = {
  TMS_PACKAGE_REJECTED:
    'an uploaded package does not verify (details: softwareCode, the SOFTWARE_* reason) or is not a terminal application',
  TMS_VERSION_PUBLISHED: 'a package with this version or payload SHA-256 is published already',
  TMS_PACKAGE_UNKNOWN: 'no published package has this id',
  TMS_ROLLOUT_UNKNOWN: 'no rollout has this id',
  TMS_ROLLOUT_STATE: 'the rollout cannot change so from its state (a cancelled one never resumes)',
  TMS_TARGET_INVALID: 'a rollout target or window is malformed, or names an unknown merchant or terminal',
  TMS_PARAMETERS_INVALID: 'a parameter set has an unknown key, a malformed value, or an unknown scope id',
} as const;

export type TmsErrorCode = keyof typeof TMS_ERROR_CODES;

export class TmsError extends PaytermError<TmsErrorCode> {}

export function tmsError(
  code: TmsErrorCode,
  message: string,
  details: ErrorDetails = {},
  options?: { cause?: unknown },
): TmsError {
  return new TmsError(code, message, details, options);
}

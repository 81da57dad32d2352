import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/**
 * Stable codes of the host: documented in packages/host/ERRORS.md (a test keeps the two in step).
 * Each component of the host adds its codes here, grouped by prefix.
 */
export const HOST_ERROR_CODES = {
  STORAGE_URL_INVALID: 'a database URL is not sqlite:PATH, sqlite::memory: or postgres://…',
  STORAGE_OPEN_FAILED: 'the database could not be opened, configured or reached',
  STORAGE_MIGRATION_FAILED: 'a schema migration failed; the database is left at the last good version',
  STORAGE_INTEGER_UNSAFE: 'a 64-bit integer read from the database is outside the safe integer range',
  STORAGE_CURSOR_INVALID: 'a search cursor is malformed (not one this host produced)',
  STORAGE_COMMIT_FAILED: 'a group commit failed; none of the changes in that group are known to have landed',
  STORAGE_COMMIT_QUEUE_CLOSED: 'a change was submitted to a commit queue that was closed',
  HOST_CONFIG_INVALID: 'a host setting (flag or environment variable) is malformed',
} as const;

export type HostErrorCode = keyof typeof HOST_ERROR_CODES;

/** Every expected failure of the host; message and details never hold a clear PAN, track, PIN block or key. */
export class HostError extends PaytermError<HostErrorCode> {}

export function hostError(
  code: HostErrorCode,
  message: string,
  details: ErrorDetails = {},
  options?: { cause?: unknown },
): HostError {
  return new HostError(code, message, details, options);
}

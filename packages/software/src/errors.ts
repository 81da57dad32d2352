import { PaytermError } from '@payterm/kernel';

/** Stable codes of docs/TMS.md §1: documented in packages/software/ERRORS.md (a test keeps them in step). */
export const SOFTWARE_ERROR_CODES = {
  SOFTWARE_BAD_SIGNATURE:
    'the Ed25519 signature does not verify over the manifest bytes with the key it names',
  SOFTWARE_UNKNOWN_KEY: 'the manifest names a signing key the verifier does not trust',
  SOFTWARE_BAD_HASH: 'the payload SHA-256 differs from the manifest',
  SOFTWARE_DOWNGRADE: 'the version is not strictly above every version installed or refused',
  SOFTWARE_INCOMPATIBLE: 'another application, another ABI, or a running version below minVersion',
  SOFTWARE_TRUNCATED: 'the package ends before a part it announces (header, manifest, signature, payload)',
  SOFTWARE_MALFORMED: 'a part is not in the package format: magic, format version, lengths, manifest fields',
  SOFTWARE_BUILD_FAILED:
    'the application bundle does not build, imports a Node.js module or lacks TERMINAL_APP_ABI',
} as const;

export type SoftwareErrorCode = keyof typeof SOFTWARE_ERROR_CODES;

/** Which part of a package the problem sits in. */
export type PackagePart = 'header' | 'manifest' | 'signature' | 'payload' | 'build';

export interface SoftwareErrorDetails {
  readonly [key: string]: string | number | boolean | null;
  readonly part: PackagePart;
  /** Byte offset in the package where the part (or the problem) starts; -1 when none applies. */
  readonly offset: number;
}

/** Every failure of reading, verifying or building a package; details never hold key bytes. */
export class SoftwareError extends PaytermError<SoftwareErrorCode, SoftwareErrorDetails> {}

export function softwareError(
  code: SoftwareErrorCode,
  message: string,
  details: SoftwareErrorDetails,
  cause?: unknown,
): SoftwareError {
  return new SoftwareError(code, message, details, cause === undefined ? undefined : { cause });
}

import type { SoftwareOffer } from '@payterm/protocol';
import {
  SoftwareError,
  verifyPackage,
  verifyPrefix,
  type SoftwareManifest,
  type VerifyOptions,
} from '@payterm/software';

/** What a check of downloaded package bytes found. */
export type PackageVerdict =
  | { readonly ok: true; readonly manifest: SoftwareManifest }
  | {
      readonly ok: false;
      /** `refused`: not for this terminal (version, minVersion, ABI); `failed`: damaged or forged. */
      readonly state: 'refused' | 'failed';
      readonly code: string;
      readonly reason: string;
    };

function rejected(error: unknown): PackageVerdict {
  if (!(error instanceof SoftwareError)) throw error;
  const refused = error.code === 'SOFTWARE_INCOMPATIBLE' || error.code === 'SOFTWARE_DOWNGRADE';
  return { ok: false, state: refused ? 'refused' : 'failed', code: error.code, reason: error.message };
}

/**
 * The signed prefix (header, manifest, signature) before a byte of the payload is trusted: the
 * verification order of docs/TMS.md §1, then the signed manifest must describe what the host offered.
 */
export function checkOfferedPrefix(
  prefix: Uint8Array,
  offer: SoftwareOffer,
  options: VerifyOptions,
): PackageVerdict {
  let verified;
  try {
    verified = verifyPrefix(prefix, options);
  } catch (error) {
    return rejected(error);
  }
  const manifest = verified.manifest;
  const mismatch =
    manifest.version !== offer.version
      ? 'version'
      : manifest.sha256 !== offer.sha256
        ? 'sha256'
        : manifest.size !== offer.sizeBytes
          ? 'size'
          : verified.payloadOffset !== offer.prefixBytes
            ? 'prefix'
            : undefined;
  if (mismatch === undefined) return { ok: true, manifest };
  return {
    ok: false,
    state: 'failed',
    code: 'UPGRADE_OFFER_MISMATCH',
    reason: `The signed manifest differs from the offer: ${mismatch}`,
  };
}

/** The whole file: everything the prefix check did, then the payload's size and SHA-256. */
export function checkWholePackage(file: Uint8Array, options: VerifyOptions): PackageVerdict {
  try {
    return { ok: true, manifest: verifyPackage(file, options).manifest };
  } catch (error) {
    return rejected(error);
  }
}

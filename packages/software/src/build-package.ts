/**
 * Making a signed package from a payload: the manifest is filled in from the payload and the public
 * key, signed by the caller's signer (the HSM, or the demo key), and checked against the public key
 * before it is returned, so a signer that does not hold that key cannot produce a package.
 */
import { systemClock, type Clock } from '@payterm/kernel';
import { keyIdOf, sha256Hex } from './digest.js';
import {
  canonicalManifestBytes,
  PACKAGE_FORMAT,
  TERMINAL_APP_ID,
  type ReleaseNotes,
  type SoftwareManifest,
} from './manifest.js';
import { encodePackage } from './package-format.js';
import { verifySignedManifest } from './verify-package.js';
import { parseVersion } from './version.js';

/** The application interface of today's terminal application (TERMINAL_APP_ABI of @payterm/terminal). */
export const DEFAULT_APP_ABI = 1;

export interface BuildPackageInput {
  readonly version: string;
  /** Default `0.0.0`: any installed version may upgrade. */
  readonly minVersion?: string;
  readonly releaseNotes: ReleaseNotes;
  /** The application module (JavaScript ES module). */
  readonly payload: Uint8Array;
  /** Signs the exact manifest bytes with the private key of `publicKey` (Ed25519, 64 bytes). */
  readonly sign: (manifestBytes: Uint8Array) => Promise<Uint8Array>;
  /** Raw 32-byte Ed25519 public key of the signer. */
  readonly publicKey: Uint8Array;
  /** Default DEFAULT_APP_ABI. */
  readonly abi?: number;
  /** Default `payterm.terminal`. */
  readonly appId?: string;
  /** Build time source; default the system clock. */
  readonly clock?: Clock;
}

export interface BuiltPackage {
  readonly bytes: Uint8Array;
  readonly manifest: SoftwareManifest;
  readonly keyId: string;
}

export async function buildPackage(input: BuildPackageInput): Promise<BuiltPackage> {
  parseVersion(input.version, 'manifest');
  const minVersion = input.minVersion ?? '0.0.0';
  parseVersion(minVersion, 'manifest');
  const keyId = keyIdOf(input.publicKey);
  const manifest: SoftwareManifest = {
    format: PACKAGE_FORMAT,
    appId: input.appId ?? TERMINAL_APP_ID,
    version: input.version,
    minVersion,
    abi: input.abi ?? DEFAULT_APP_ABI,
    buildTime: (input.clock ?? systemClock).now().toISOString(),
    size: input.payload.length,
    sha256: sha256Hex(input.payload),
    keyId,
    releaseNotes: { zh: input.releaseNotes.zh, en: input.releaseNotes.en },
  };
  const manifestBytes = canonicalManifestBytes(manifest);
  const signature = await input.sign(manifestBytes);
  const bytes = encodePackage({ manifestBytes, signature, payload: input.payload });
  verifySignedManifest(bytes, [input.publicKey]);
  return { bytes, manifest, keyId };
}

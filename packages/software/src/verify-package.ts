/**
 * Verification in the order of docs/TMS.md §1 (payment-crypto-reference §8): the signature over the
 * exact manifest bytes with the trusted key the manifest names → only then the manifest is parsed →
 * appId and ABI → no downgrade or replay → minVersion → payload size and SHA-256. Nothing but a
 * SoftwareError escapes.
 */
import { keyIdOf, sha256Hex } from './digest.js';
import { softwareError } from './errors.js';
import { parseManifestBytes, TERMINAL_APP_ID, type SoftwareManifest } from './manifest.js';
import { HEADER_LENGTH, readPackage } from './package-format.js';
import { verifyEd25519 } from './signature.js';
import { compareVersions, highestVersion } from './version.js';

/** A raw 32-byte Ed25519 public key the terminal was provisioned with. */
export type TrustedKey = Uint8Array;

export interface VerifyOptions {
  readonly trustedKeys: readonly TrustedKey[];
  /** Every version installed or refused on this terminal: the package must be above each of them. */
  readonly installedVersions?: readonly string[];
  /** Or the highest of them, when that is what the terminal keeps (both may be given). */
  readonly highestVersion?: string;
  /** The version running now: it must be at least the manifest's minVersion. */
  readonly runningVersion: string;
  /** The application interface this firmware offers. */
  readonly abi: number;
  /** Default `payterm.terminal`. */
  readonly appId?: string;
}

export interface VerifiedPrefix {
  readonly manifest: SoftwareManifest;
  readonly manifestBytes: Uint8Array;
  readonly signature: Uint8Array;
  /** keyId of the trusted key that verified the signature. */
  readonly keyId: string;
  /** Bytes before the payload. */
  readonly payloadOffset: number;
}

export interface VerifiedPackage extends VerifiedPrefix {
  readonly payload: Uint8Array;
}

/**
 * The keyId the manifest claims, found without parsing it: in canonical JSON a `"` inside a string is
 * always escaped, so `{"keyId":"…"` or `,"keyId":"…"` can only be the top-level field. Only a hint
 * for choosing the trusted key: the signature decides, and the parsed manifest must agree after.
 */
function claimedKeyId(manifestBytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8').decode(manifestBytes);
  return /[{,]"keyId":"([0-9a-f]{16})"[,}]/.exec(text)?.[1];
}

/** Checks the signature and parses the manifest; the payload is not needed (header ‖ manifest ‖ signature). */
export function verifySignedManifest(bytes: Uint8Array, trustedKeys: readonly TrustedKey[]): VerifiedPrefix {
  const parts = readPackage(bytes);
  const claimed = claimedKeyId(parts.manifestBytes);
  const key = trustedKeys.find((candidate) => candidate.length === 32 && keyIdOf(candidate) === claimed);
  if (key === undefined) {
    throw softwareError(
      'SOFTWARE_UNKNOWN_KEY',
      'The package names a signing key this terminal does not trust',
      {
        part: 'manifest',
        offset: HEADER_LENGTH,
        keyId: claimed ?? null,
      },
    );
  }
  const signatureOffset = parts.payloadOffset - parts.signature.length;
  if (!verifyEd25519(parts.signature, parts.manifestBytes, key)) {
    throw softwareError('SOFTWARE_BAD_SIGNATURE', 'The package signature does not verify', {
      part: 'signature',
      offset: signatureOffset,
      keyId: keyIdOf(key),
    });
  }
  const manifest = parseManifestBytes(parts.manifestBytes, HEADER_LENGTH);
  const keyId = keyIdOf(key);
  if (manifest.keyId !== keyId) {
    throw softwareError('SOFTWARE_MALFORMED', 'The manifest keyId is not the key that signed it', {
      part: 'manifest',
      offset: HEADER_LENGTH,
      field: 'keyId',
    });
  }
  return {
    manifest,
    manifestBytes: parts.manifestBytes,
    signature: parts.signature,
    keyId,
    payloadOffset: parts.payloadOffset,
  };
}

function checkPolicy(manifest: SoftwareManifest, options: VerifyOptions): void {
  const incompatible = (message: string, field: string): never => {
    throw softwareError('SOFTWARE_INCOMPATIBLE', message, { part: 'manifest', offset: HEADER_LENGTH, field });
  };
  if (manifest.appId !== (options.appId ?? TERMINAL_APP_ID)) {
    incompatible('The package is for another application', 'appId');
  }
  if (manifest.abi !== options.abi)
    incompatible(`The package needs application interface ${manifest.abi}`, 'abi');
  const seen = [
    ...(options.installedVersions ?? []),
    ...(options.highestVersion === undefined ? [] : [options.highestVersion]),
  ];
  const highest = highestVersion(seen);
  if (highest !== undefined && compareVersions(manifest.version, highest) <= 0) {
    throw softwareError('SOFTWARE_DOWNGRADE', `Version ${manifest.version} is not above ${highest}`, {
      part: 'manifest',
      offset: HEADER_LENGTH,
      version: manifest.version,
      highest,
    });
  }
  if (compareVersions(options.runningVersion, manifest.minVersion) < 0) {
    incompatible(`The running version must be ${manifest.minVersion} or later`, 'minVersion');
  }
}

/**
 * Everything that can be checked before the payload: a terminal downloads the prefix first (TMS tag
 * `95` bytes) and stops there when the package is not for it. Extra bytes after the prefix are ignored.
 */
export function verifyPrefix(prefixBytes: Uint8Array, options: VerifyOptions): VerifiedPrefix {
  const verified = verifySignedManifest(prefixBytes, options.trustedKeys);
  checkPolicy(verified.manifest, options);
  return verified;
}

/**
 * The payload after a verified prefix: exactly `manifest.size` bytes (SOFTWARE_TRUNCATED when fewer,
 * SOFTWARE_MALFORMED when more) with the manifest's SHA-256 (SOFTWARE_BAD_HASH).
 */
export function verifyPayload(bytes: Uint8Array, verified: VerifiedPrefix): Uint8Array {
  const payload = bytes.subarray(verified.payloadOffset);
  const { size, sha256 } = verified.manifest;
  if (payload.length < size) {
    throw softwareError('SOFTWARE_TRUNCATED', 'The package ends inside its payload', {
      part: 'payload',
      offset: verified.payloadOffset,
      need: verified.payloadOffset + size,
      have: bytes.length,
    });
  }
  if (payload.length > size) {
    throw softwareError('SOFTWARE_MALFORMED', 'The package has bytes after its payload', {
      part: 'payload',
      offset: verified.payloadOffset + size,
      need: verified.payloadOffset + size,
      have: bytes.length,
    });
  }
  if (sha256Hex(payload) !== sha256) {
    throw softwareError('SOFTWARE_BAD_HASH', 'The payload SHA-256 does not match the manifest', {
      part: 'payload',
      offset: verified.payloadOffset,
    });
  }
  return payload;
}

/** The whole package: the prefix checks, then payload size and SHA-256. Returns the manifest and payload. */
export function verifyPackage(bytes: Uint8Array, options: VerifyOptions): VerifiedPackage {
  const verified = verifyPrefix(bytes, options);
  return { ...verified, payload: verifyPayload(bytes, verified) };
}

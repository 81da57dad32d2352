/**
 * The `.ptpkg` container (docs/TMS.md §1):
 * `PTPK` ‖ format 01 ‖ manifest length (4, big-endian) ‖ manifest ‖ signature length (2) ‖ signature ‖ payload.
 */
import { softwareError, type PackagePart } from './errors.js';

export const PACKAGE_MAGIC = new Uint8Array([0x50, 0x54, 0x50, 0x4b]); // "PTPK"
export const PACKAGE_FORMAT_VERSION = 1;
export const SIGNATURE_LENGTH = 64;
/** Magic, format version and manifest length. */
export const HEADER_LENGTH = 9;
/** A manifest is a few hundred bytes; the bound keeps a forged length from asking for gigabytes. */
export const MAX_MANIFEST_LENGTH = 64 * 1024;

export interface PackageParts {
  readonly manifestBytes: Uint8Array;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export interface ReadPackage extends PackageParts {
  /** Where the manifest starts (always HEADER_LENGTH). */
  readonly manifestOffset: number;
  /** Where the payload starts: header, manifest and signature come before it. */
  readonly payloadOffset: number;
}

export function encodePackage(parts: PackageParts): Uint8Array {
  const { manifestBytes, signature, payload } = parts;
  if (manifestBytes.length === 0 || manifestBytes.length > MAX_MANIFEST_LENGTH) {
    throw softwareError('SOFTWARE_MALFORMED', `A manifest is 1 to ${MAX_MANIFEST_LENGTH} bytes`, {
      part: 'manifest',
      offset: HEADER_LENGTH,
      have: manifestBytes.length,
    });
  }
  if (signature.length !== SIGNATURE_LENGTH) {
    throw softwareError('SOFTWARE_MALFORMED', `An Ed25519 signature is ${SIGNATURE_LENGTH} bytes`, {
      part: 'signature',
      offset: HEADER_LENGTH + manifestBytes.length,
      have: signature.length,
    });
  }
  const payloadOffset = HEADER_LENGTH + manifestBytes.length + 2 + signature.length;
  const out = new Uint8Array(payloadOffset + payload.length);
  const view = new DataView(out.buffer);
  out.set(PACKAGE_MAGIC, 0);
  out[4] = PACKAGE_FORMAT_VERSION;
  view.setUint32(5, manifestBytes.length);
  out.set(manifestBytes, HEADER_LENGTH);
  view.setUint16(HEADER_LENGTH + manifestBytes.length, signature.length);
  out.set(signature, HEADER_LENGTH + manifestBytes.length + 2);
  out.set(payload, payloadOffset);
  return out;
}

function need(bytes: Uint8Array, end: number, part: PackagePart, offset: number): void {
  if (bytes.length < end) {
    throw softwareError('SOFTWARE_TRUNCATED', `The package ends inside its ${part}`, {
      part,
      offset,
      need: end,
      have: bytes.length,
    });
  }
}

/** The header's manifest length, after checking magic and format version. */
function readHeader(bytes: Uint8Array): number {
  for (let index = 0; index < PACKAGE_MAGIC.length; index += 1) {
    need(bytes, index + 1, 'header', 0);
    if (bytes[index] !== PACKAGE_MAGIC[index]) {
      throw softwareError('SOFTWARE_MALFORMED', 'Not a PayTerm package (magic PTPK)', {
        part: 'header',
        offset: index,
      });
    }
  }
  need(bytes, 5, 'header', 4);
  if (bytes[4] !== PACKAGE_FORMAT_VERSION) {
    throw softwareError('SOFTWARE_MALFORMED', `Unknown package format version`, {
      part: 'header',
      offset: 4,
      have: bytes[4]!,
    });
  }
  need(bytes, HEADER_LENGTH, 'header', 5);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5);
  if (length === 0 || length > MAX_MANIFEST_LENGTH) {
    throw softwareError('SOFTWARE_MALFORMED', `The manifest length must be 1 to ${MAX_MANIFEST_LENGTH}`, {
      part: 'header',
      offset: 5,
      have: length,
    });
  }
  return length;
}

/**
 * How many bytes come before the payload (header, manifest, signature), from the first 9 bytes: what a
 * terminal downloads first to check the signature (TMS tag `95`).
 */
export function packagePrefixLength(headerBytes: Uint8Array): number {
  return HEADER_LENGTH + readHeader(headerBytes) + 2 + SIGNATURE_LENGTH;
}

/** Splits header, manifest, signature; `payload` is what follows (a view, possibly empty or partial). */
export function readPackage(bytes: Uint8Array): ReadPackage {
  const manifestLength = readHeader(bytes);
  const signatureAt = HEADER_LENGTH + manifestLength;
  need(bytes, signatureAt, 'manifest', HEADER_LENGTH);
  need(bytes, signatureAt + 2, 'signature', signatureAt);
  const signatureLength = (bytes[signatureAt]! << 8) | bytes[signatureAt + 1]!;
  if (signatureLength !== SIGNATURE_LENGTH) {
    throw softwareError('SOFTWARE_MALFORMED', `An Ed25519 signature is ${SIGNATURE_LENGTH} bytes`, {
      part: 'signature',
      offset: signatureAt,
      have: signatureLength,
    });
  }
  const payloadOffset = signatureAt + 2 + SIGNATURE_LENGTH;
  need(bytes, payloadOffset, 'signature', signatureAt + 2);
  return {
    manifestBytes: bytes.subarray(HEADER_LENGTH, signatureAt),
    signature: bytes.subarray(signatureAt + 2, payloadOffset),
    payload: bytes.subarray(payloadOffset),
    manifestOffset: HEADER_LENGTH,
    payloadOffset,
  };
}

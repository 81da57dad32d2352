import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * Ed25519 verification (RFC 8032): strict encodings as node:crypto / OpenSSL check them, not the more
 * lenient ZIP-215 rules. False, never an exception, for any malformed key or signature.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

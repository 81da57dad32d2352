/**
 * DEMO ONLY — the published PayTerm demo software-signing key. Its seed is in this public source file,
 * so anyone can sign a package with it: demo terminals trust it for tests and demonstrations; a
 * production terminal must never be provisioned with DEMO_SOFTWARE_PUBLIC_KEY.
 * The seed is SHA-256 of "PayTerm demo software signing key (demo only, never for production)".
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';

/** DEMO ONLY: the 32-byte Ed25519 seed (private key) of the demo signing key, hex. */
export const DEMO_SOFTWARE_SIGNING_SEED_HEX =
  'd17bfa5b303f8d0733a7f7262c20d608706cf66a2f3af031b8a981fa6634d09e';

/** DEMO ONLY: the demo signing key's public key, hex. */
export const DEMO_SOFTWARE_PUBLIC_KEY_HEX =
  '57f1cf6eddc8ba27d5440f972b2ac92e8cb8f2227270e0e46cdbc4a0ed512c53';

/** DEMO ONLY: the demo signing key's public key (32 bytes), trusted by demo terminals. */
export const DEMO_SOFTWARE_PUBLIC_KEY: Uint8Array = hexToBytes(DEMO_SOFTWARE_PUBLIC_KEY_HEX);

/** DEMO ONLY: keyIdOf(DEMO_SOFTWARE_PUBLIC_KEY). */
export const DEMO_SOFTWARE_KEY_ID = 'a7e9bb7c5f701f02';

/** DEMO ONLY: signs with the published demo seed (tests and demos; production signs inside the HSM). */
export function signWithDemoKey(data: Uint8Array): Promise<Uint8Array> {
  return Promise.resolve(ed25519.sign(data, hexToBytes(DEMO_SOFTWARE_SIGNING_SEED_HEX)));
}

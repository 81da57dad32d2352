import { bytesToHex, type Hsm, type KeyHandle } from '@payterm/crypto';
import type { HostRuntime } from '@payterm/host';
import { keyIdOf } from '@payterm/software';

/** The host setting that holds the HSM key id of the package-signing key (docs/TMS.md §1). */
export const PACKAGE_SIGNING_KEY_SETTING = 'tms.package-signing-key';

type Settings = HostRuntime['repositories']['settings'];

export interface PackageSigningKey {
  readonly handle: KeyHandle;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly keyId: string;
}

async function describeKey(hsm: Hsm, handle: KeyHandle): Promise<PackageSigningKey> {
  const publicKey = await hsm.publicKey(handle);
  return { handle, publicKey, keyId: keyIdOf(publicKey) };
}

/** The host's package-signing key, or undefined before `payterm tms keygen`. */
export async function findPackageSigningKey(
  hsm: Hsm,
  settings: Settings,
): Promise<PackageSigningKey | undefined> {
  const id = await settings.get(PACKAGE_SIGNING_KEY_SETTING);
  return id === undefined ? undefined : describeKey(hsm, await hsm.getKey(id));
}

/** The existing key, or a new non-exportable Ed25519 key generated inside the HSM and recorded. */
export async function ensurePackageSigningKey(
  hsm: Hsm,
  settings: Settings,
): Promise<{ readonly key: PackageSigningKey; readonly created: boolean }> {
  const existing = await findPackageSigningKey(hsm, settings);
  if (existing !== undefined) return { key: existing, created: false };
  const handle = await hsm.generateKey({ type: 'SIGNING', algorithm: 'ed25519', exportable: false });
  await settings.put(PACKAGE_SIGNING_KEY_SETTING, handle.id);
  return { key: await describeKey(hsm, handle), created: true };
}

/** What `keygen` and `package` print about a key. */
export function signingKeyJson(key: PackageSigningKey): Record<string, string> {
  return {
    keyId: key.keyId,
    publicKey: bytesToHex(key.publicKey).toLowerCase(),
    hsmKeyId: key.handle.id,
    kcv: key.handle.kcv,
  };
}

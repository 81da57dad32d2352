import type { Hsm } from '@payterm/crypto';
import type { TrustedKey } from '@payterm/software';
import type { SettingsRepository } from '../storage/repositories/settings-repository.js';

/** Host settings naming the HSM SIGNING keys the TMS trusts (key ids, comma-separated). */
export const SIGNING_KEY_SETTINGS = {
  /** The key `payterm tms keygen` makes (one id). */
  packageSigning: 'tms.package-signing-key',
  /** More keys trusted for publishing (a key ceremony, a key rotation). */
  production: 'tms.signing-keys',
  /** The published demo key, imported by the demo data and trusted only while demo data is on. */
  demo: 'tms.demo-signing-key',
} as const;

function idsOf(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((id) => id !== '');
}

/** Adds an HSM SIGNING key to the keys the TMS trusts for `payterm tms publish` (idempotent). */
export async function trustSigningKey(settings: SettingsRepository, keyId: string): Promise<void> {
  const ids = idsOf(await settings.get(SIGNING_KEY_SETTINGS.production));
  if (!ids.includes(keyId)) await settings.put(SIGNING_KEY_SETTINGS.production, [...ids, keyId].join(','));
}

/**
 * The public keys a published package may be signed with: the HSM's trusted SIGNING keys, and the
 * demo key when `withDemoKey`. Read at each publish, so a key made while the host runs counts at once.
 */
export function trustedSigningKeys(
  hsm: Hsm,
  settings: SettingsRepository,
  withDemoKey: boolean,
): () => Promise<readonly TrustedKey[]> {
  return async () => {
    const ids = [
      ...idsOf(await settings.get(SIGNING_KEY_SETTINGS.packageSigning)),
      ...idsOf(await settings.get(SIGNING_KEY_SETTINGS.production)),
    ];
    if (withDemoKey) ids.push(...idsOf(await settings.get(SIGNING_KEY_SETTINGS.demo)));
    return Promise.all(ids.map(async (id) => hsm.publicKey(await hsm.getKey(id))));
  };
}

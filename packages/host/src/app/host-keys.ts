import type { Hsm, KeyHandle } from '@payterm/crypto';

/** Where the host keeps the ids of its own HSM keys (the keys themselves are HSM blobs). */
export interface SettingsStore {
  get(name: string): Promise<string | undefined>;
  put(name: string, value: string): Promise<void>;
}

/** The host's own keys: PAN encryption and hashing, and the issuer's zone PIN key. */
export interface HostKeys {
  readonly panData: KeyHandle;
  readonly panHash: KeyHandle;
  readonly issuerZpk: KeyHandle;
}

const HOST_KEY_SPECS = {
  panData: { setting: 'hsm.pan-data-key', type: 'TDK', algorithm: 'aes', length: 32 },
  panHash: { setting: 'hsm.pan-hash-key', type: 'ZAK', algorithm: 'aes', length: 32 },
  issuerZpk: { setting: 'hsm.issuer-zpk', type: 'ZPK', algorithm: 'tdes', length: 16 },
} as const;

/**
 * The host's keys, generated inside the HSM (never exportable) at first start and found again by id
 * afterwards. A host started with another LMK cannot open them: HSM_KEY_BLOB_INVALID, on purpose.
 */
export async function ensureHostKeys(hsm: Hsm, settings: SettingsStore): Promise<HostKeys> {
  const entries = await Promise.all(
    Object.entries(HOST_KEY_SPECS).map(async ([name, spec]) => {
      const id = await settings.get(spec.setting);
      if (id !== undefined) return [name, await hsm.getKey(id)] as const;
      const key = await hsm.generateKey({
        type: spec.type,
        algorithm: spec.algorithm,
        length: spec.length,
        exportable: false,
      });
      await settings.put(spec.setting, key.id);
      return [name, key] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as HostKeys;
}

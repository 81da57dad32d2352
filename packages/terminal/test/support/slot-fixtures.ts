import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SlotStore } from '../../src/upgrade/slot-store.js';
import type { SlotName, SlotState } from '../../src/upgrade/slot-types.js';

export const FIXTURE_AT = '2026-01-02T03:04:05.000Z';

/** A module's bytes for a version: distinct per version, so a test can tell which slot was loaded. */
export function moduleBytes(version: string): Uint8Array {
  return new TextEncoder().encode(`export const VERSION = '${version}';\n`);
}

/**
 * Puts a package for `version` into `slot` through the store's own download path (a stand-in prefix of
 * 16 bytes before the module), then sets the slot's state: what a verified download leaves behind.
 */
export async function fillSlot(
  store: SlotStore,
  slot: SlotName,
  version: string,
  state: SlotState,
  payload: Uint8Array = moduleBytes(version),
): Promise<void> {
  const prefix = new Uint8Array(16).fill(0x50);
  const hash = bytesToHex(sha256(payload));
  await store.beginDownload(
    {
      slot,
      version,
      rolloutId: `r-${version}`,
      sha256: hash,
      payloadBytes: payload.length,
      prefixBytes: prefix.length,
      bytesReceived: 0,
      startedAt: FIXTURE_AT,
    },
    { state: 'downloading', version, updatedAt: FIXTURE_AT },
  );
  await store.appendChunk(prefix);
  await store.appendChunk(payload);
  const { download: _done, ...rest } = store.state;
  await store.save({
    ...rest,
    slots: {
      ...rest.slots,
      [slot]: {
        state,
        version,
        rolloutId: `r-${version}`,
        prefixBytes: prefix.length,
        packageBytes: prefix.length + payload.length,
        manifest: {
          format: 1,
          appId: 'payterm.terminal',
          version,
          minVersion: '0.1.0',
          abi: 1,
          buildTime: FIXTURE_AT,
          size: payload.length,
          sha256: hash,
          keyId: '0123456789abcdef',
          releaseNotes: { zh: '测试', en: 'test' },
        },
        updatedAt: FIXTURE_AT,
      },
    },
    ...(state === 'confirmed' ? { active: slot } : {}),
  });
}

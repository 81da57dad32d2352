import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '@payterm/software';
import { TEST_DIALECTS } from '../../../packages/host/test/support/database.js';
import { openTestRuntime } from '../../../packages/host/test/support/runtime.js';
import {
  ensurePackageSigningKey,
  findPackageSigningKey,
  PACKAGE_SIGNING_KEY_SETTING,
} from '../src/commands/tms/signing-key.js';

describe.each(TEST_DIALECTS)('the package-signing key in the host HSM [%s]', (dialect) => {
  it('is generated once inside the HSM, recorded, found after a restart, and signs', async () => {
    const test = await openTestRuntime(dialect);
    try {
      const { hsm, repositories } = test.runtime;
      expect(await findPackageSigningKey(hsm, repositories.settings)).toBeUndefined();
      const { key, created } = await ensurePackageSigningKey(hsm, repositories.settings);
      expect(created).toBe(true);
      expect(key.handle).toMatchObject({ type: 'SIGNING', algorithm: 'ed25519', exportable: false });
      expect(await repositories.settings.get(PACKAGE_SIGNING_KEY_SETTING)).toBe(key.handle.id);

      const restarted = await test.restart();
      const again = await ensurePackageSigningKey(restarted.hsm, restarted.repositories.settings);
      expect(again.created).toBe(false);
      expect(again.key.keyId).toBe(key.keyId);
      const data = new TextEncoder().encode('{"version":"1.0.0"}');
      expect(verifyEd25519(await restarted.hsm.sign(again.key.handle, data), data, key.publicKey)).toBe(true);
    } finally {
      await test.cleanup();
    }
  });
});

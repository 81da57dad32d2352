import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { buildPackage } from '@payterm/software';
import { DEMO, DEMO_PARAMETERS } from '../../src/app/demo-data.js';
import { pilotBucket, targetOf } from '../../src/tms/rollout-target.js';
import { SIGNING_KEY_SETTINGS, trustSigningKey } from '../../src/tms/signing-keys.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { demoPackage } from '../support/software-packages.js';

for (const dialect of TEST_DIALECTS) {
  describe(`terminal management service [${dialect}]`, () => {
    let host: TestRuntime;
    const tms = () => host.runtime.services.tms;

    beforeAll(async () => {
      host = await openTestRuntime(dialect);
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('seeds the demo merchant’s parameter set once', async () => {
      expect(tms().parameterSets()).toMatchObject([
        { version: 1, scope: 'merchant', scopeId: DEMO.mid, values: DEMO_PARAMETERS, createdBy: 'demo-data' },
      ]);
      await host.restart();
      expect(tms().parameterSets()).toHaveLength(1);
    });

    it('publishes a package signed with a trusted key and refuses the same version or payload again', async () => {
      const file = await demoPackage('2.0.0');
      const published = await tms().publish(file, 'api:test');
      expect(published).toMatchObject({
        id: 1,
        version: '2.0.0',
        appId: 'payterm.terminal',
        sizeBytes: 2_000,
      });
      expect(await host.runtime.repositories.softwarePackages.packageBytes(published.id)).toEqual(file);
      await expect(tms().publish(file, 'api:test')).rejects.toMatchObject({ code: 'TMS_VERSION_PUBLISHED' });
    });

    it('refuses a tampered payload, a wrong signature and an unknown key with the software code', async () => {
      const file = await demoPackage('2.1.0');
      const tamperedPayload = file.slice();
      tamperedPayload[tamperedPayload.length - 1]! ^= 1;
      await expect(tms().publish(tamperedPayload, 'test')).rejects.toMatchObject({
        code: 'TMS_PACKAGE_REJECTED',
        details: { softwareCode: 'SOFTWARE_BAD_HASH' },
      });
      const badSignature = file.slice();
      const signatureEnd = file.length - 2_000;
      badSignature[signatureEnd - 1]! ^= 1;
      await expect(tms().publish(badSignature, 'test')).rejects.toMatchObject({
        details: { softwareCode: 'SOFTWARE_BAD_SIGNATURE' },
      });
      await expect(tms().publish(file.slice(0, 40), 'test')).rejects.toMatchObject({
        code: 'TMS_PACKAGE_REJECTED',
      });
      const stranger = ed25519.utils.randomSecretKey();
      const foreign = await buildPackage({
        version: '2.2.0',
        releaseNotes: { zh: '外', en: 'foreign' },
        payload: new Uint8Array(10),
        sign: (bytes) => Promise.resolve(ed25519.sign(bytes, stranger)),
        publicKey: ed25519.getPublicKey(stranger),
      });
      await expect(tms().publish(foreign.bytes, 'test')).rejects.toMatchObject({
        details: { softwareCode: 'SOFTWARE_UNKNOWN_KEY' },
      });
      expect(
        tms()
          .packages()
          .map((summary) => summary.version),
      ).toEqual(['2.0.0']);
    });

    it('trusts a package signed by an HSM signing key once the key is registered', async () => {
      const { hsm, repositories } = host.runtime;
      const key = await hsm.generateKey({ type: 'SIGNING', algorithm: 'ed25519' });
      const built = await buildPackage({
        version: '2.3.0',
        releaseNotes: { zh: '签名', en: 'HSM signed' },
        payload: new Uint8Array(100).fill(0x2f),
        sign: (bytes) => hsm.sign(key, bytes),
        publicKey: await hsm.publicKey(key),
      });
      await expect(tms().publish(built.bytes, 'test')).rejects.toMatchObject({
        details: { softwareCode: 'SOFTWARE_UNKNOWN_KEY' },
      });
      await trustSigningKey(repositories.settings, key.id);
      expect((await tms().publish(built.bytes, 'test')).keyId).toBe(built.keyId);
      // The key `payterm tms keygen` records is trusted too.
      const keygen = await hsm.generateKey({ type: 'SIGNING', algorithm: 'ed25519' });
      await repositories.settings.put(SIGNING_KEY_SETTINGS.packageSigning, keygen.id);
      const fromKeygen = await buildPackage({
        version: '2.4.0',
        releaseNotes: { zh: '签名', en: 'keygen' },
        payload: new Uint8Array(100).fill(0x3b),
        sign: (bytes) => hsm.sign(keygen, bytes),
        publicKey: await hsm.publicKey(keygen),
      });
      expect((await tms().publish(fromKeygen.bytes, 'test')).version).toBe('2.4.0');
    });

    it('the demo key is not trusted without demo data', async () => {
      await host.restart({ demoData: false });
      await expect(tms().publish(await demoPackage('3.0.0'), 'test')).rejects.toMatchObject({
        details: { softwareCode: 'SOFTWARE_UNKNOWN_KEY' },
      });
      await host.restart();
    });

    it('checks rollout targets, windows and transitions', async () => {
      await expect(
        tms().createRollout({ packageId: 99, target: { kind: 'all' } }, 't'),
      ).rejects.toMatchObject({
        code: 'TMS_PACKAGE_UNKNOWN',
      });
      await expect(
        tms().createRollout({ packageId: 1, target: { kind: 'merchant', mid: '898310058129999' } }, 't'),
      ).rejects.toMatchObject({ code: 'TMS_TARGET_INVALID' });
      await expect(
        tms().createRollout({ packageId: 1, target: { kind: 'list', tids: ['10000001', '19999999'] } }, 't'),
      ).rejects.toMatchObject({ code: 'TMS_TARGET_INVALID' });
      await expect(
        tms().createRollout({ packageId: 1, target: { kind: 'all' }, windowFrom: 10, windowTo: 10 }, 't'),
      ).rejects.toMatchObject({ code: 'TMS_TARGET_INVALID' });
      expect(() => targetOf('percent', '0')).toThrow(expect.objectContaining({ code: 'TMS_TARGET_INVALID' }));
      expect(() => targetOf('percent', '101')).toThrow(
        expect.objectContaining({ code: 'TMS_TARGET_INVALID' }),
      );
      const rollout = await tms().createRollout({ packageId: 1, target: { kind: 'all' } }, 't');
      await expect(tms().changeRollout(rollout.id, 'resume')).rejects.toMatchObject({
        code: 'TMS_ROLLOUT_STATE',
      });
      await expect(tms().changeRollout(999, 'pause')).rejects.toMatchObject({ code: 'TMS_ROLLOUT_UNKNOWN' });
      expect((await tms().changeRollout(rollout.id, 'cancel')).state).toBe('cancelled');
    });

    it('offers only inside the rollout window', async () => {
      const terminal = (await host.runtime.repositories.terminals.get(DEMO.tids[1]))!;
      const applied = { ...terminal, parameterVersion: '999' };
      const now = host.clock.nowMs();
      const rollout = await tms().createRollout(
        {
          packageId: 1,
          target: { kind: 'list', tids: [terminal.tid] },
          windowFrom: now + 60_000,
          windowTo: now + 120_000,
        },
        't',
      );
      expect(tms().needsDownload(applied, '603100010200')).toBe(false);
      host.clock.advance(60_000);
      expect(tms().needsDownload(applied, '603100010200')).toBe(true);
      expect(tms().needsDownload(applied, '603100020000')).toBe(false);
      host.clock.advance(60_000);
      expect(tms().needsDownload(applied, '603100010200')).toBe(false);
      await tms().changeRollout(rollout.id, 'cancel');
    });

    it('merges parameter sets all < merchant < terminal and refuses bad values and unknown scopes', async () => {
      await tms().setParameters('all', '', { language: 'en', responseTimeoutSeconds: 30 }, 't');
      const terminalSet = await tms().setParameters(
        'terminal',
        DEMO.tids[0],
        { responseTimeoutSeconds: 90 },
        't',
      );
      const fleet = await tms().fleet();
      const first = fleet.find((entry) => entry.tid === DEMO.tids[0])!;
      const second = fleet.find((entry) => entry.tid === DEMO.tids[1])!;
      expect(first.effectiveParameterVersion).toBe(String(terminalSet.version));
      expect(second.effectiveParameterVersion).toBe(String(terminalSet.version - 1));
      // Digit 6 follows the effective version: the terminal's own layer for the first, the all-layer for the second.
      const record = async (tid: string, parameterVersion: number) => ({
        ...(await host.runtime.repositories.terminals.get(tid))!,
        parameterVersion: String(parameterVersion),
      });
      expect(tms().needsDownload(await record(DEMO.tids[0], terminalSet.version - 1), undefined)).toBe(true);
      expect(tms().needsDownload(await record(DEMO.tids[0], terminalSet.version), undefined)).toBe(false);
      expect(tms().needsDownload(await record(DEMO.tids[1], terminalSet.version - 1), undefined)).toBe(false);
      await expect(tms().setParameters('all', '', { colour: 'red' }, 't')).rejects.toMatchObject({
        code: 'TMS_PARAMETERS_INVALID',
      });
      await expect(
        tms().setParameters('all', '', { merchantName: '商'.repeat(14) }, 't'),
      ).rejects.toMatchObject({
        code: 'TMS_PARAMETERS_INVALID',
      });
      await expect(tms().setParameters('terminal', '19999999', {}, 't')).rejects.toMatchObject({
        code: 'TMS_PARAMETERS_INVALID',
      });
      // What the terminal could not apply is refused here: the same host:port rule, limits above zero.
      for (const refused of [
        { primaryHost: 'tms.example:0' },
        { secondaryHost: 'tms.example:65536' },
        { primaryHost: '::1:8583' },
        { saleLimitMinor: 0 },
      ]) {
        await expect(
          tms().setParameters('all', '', refused, 't'),
          JSON.stringify(refused),
        ).rejects.toMatchObject({
          code: 'TMS_PARAMETERS_INVALID',
        });
      }
      const ipv6 = await tms().setParameters('all', '', { primaryHost: '[::1]:8583' }, 't');
      expect(ipv6.values).toMatchObject({ primaryHost: '[::1]:8583' });
    });
  });
}

describe('pilot buckets', () => {
  it('are stable, 0–99, and spread over terminals', () => {
    expect(pilotBucket(7, '10000001')).toBe(pilotBucket(7, '10000001'));
    const buckets = Array.from({ length: 2_000 }, (_, index) => pilotBucket(3, String(10_000_000 + index)));
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(100);
    const inTenPercent = buckets.filter((bucket) => bucket < 10).length;
    expect(inTenPercent).toBeGreaterThan(120);
    expect(inTenPercent).toBeLessThan(280);
  });
});

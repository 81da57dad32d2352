import { expect, it } from 'vitest';
import { createRepositories, type SoftwarePackageRecord } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { merchantRecord, terminalRecord } from './records.js';

function packageRecord(overrides: Partial<SoftwarePackageRecord> = {}): SoftwarePackageRecord {
  return {
    id: 1,
    appId: 'payterm.terminal',
    version: '1.2.0',
    minVersion: '1.0.0',
    sha256: 'a1'.repeat(32),
    sizeBytes: 3,
    prefixBytes: 300,
    keyId: '0123456789abcdef',
    manifestJson: '{"format":1}',
    signatureHex: 'ee'.repeat(64),
    packageBytes: new Uint8Array([0x50, 0x54, 0x50, 0x4b, 0, 1, 0xff]),
    publishedAt: 1_764_115_200_000,
    publishedBy: 'api:token-1',
    ...overrides,
  };
}

describeEachDatabase('terminal management repositories', (getDatabase) => {
  it('store packages with their file bytes and refuse a repeated version or payload', async () => {
    const { softwarePackages } = createRepositories(getDatabase().db);
    await softwarePackages.insert(packageRecord());
    await softwarePackages.insert(packageRecord({ id: 2, version: '1.3.0', sha256: 'b2'.repeat(32) }));
    const { packageBytes, ...summary } = packageRecord();
    const listed = await softwarePackages.list();
    expect(listed[0]).toEqual(summary);
    expect(listed.map((row) => row.version)).toEqual(['1.2.0', '1.3.0']);
    const bytes = await softwarePackages.packageBytes(1);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes!]).toEqual([...packageBytes]);
    expect(await softwarePackages.packageBytes(99)).toBeUndefined();
    await expect(
      softwarePackages.insert(packageRecord({ id: 3, sha256: 'c3'.repeat(32) })),
    ).rejects.toThrow();
    await expect(softwarePackages.insert(packageRecord({ id: 4, version: '1.4.0' }))).rejects.toThrow();
  });

  it('keep rollouts, their per-terminal progress (upserted) and each terminal’s running version', async () => {
    const repositories = createRepositories(getDatabase().db);
    const { rollouts, merchants, terminals, softwarePackages } = repositories;
    await merchants.create(merchantRecord({ mid: '898310058120601' }));
    await terminals.create(terminalRecord({ tid: '60000001', mid: '898310058120601' }));
    await softwarePackages.insert(packageRecord({ id: 10, version: '2.0.0', sha256: 'd4'.repeat(32) }));
    const rollout = {
      id: 5,
      packageId: 10,
      targetKind: 'percent',
      targetValue: '25',
      windowFrom: 1_764_115_200_000,
      windowTo: null,
      state: 'active',
      createdAt: 1_764_115_200_000,
      createdBy: 'api:token-1',
      updatedAt: 1_764_115_200_000,
    };
    await rollouts.insert(rollout);
    await rollouts.setState(5, 'paused', 1_764_115_260_000);
    expect(await rollouts.list()).toEqual([{ ...rollout, state: 'paused', updatedAt: 1_764_115_260_000 }]);
    await expect(rollouts.insert({ ...rollout, id: 6, packageId: 999 })).rejects.toThrow();

    const progress = {
      rolloutId: 5,
      tid: '60000001',
      state: 'downloading',
      bytesReceived: 4_800,
      reasonCode: null,
      reasonText: null,
      updatedAt: 1_764_115_300_000,
    };
    await rollouts.putTerminal(progress);
    const failed = {
      ...progress,
      state: 'failed',
      bytesReceived: 9_600,
      reasonCode: 'SOFTWARE_BAD_HASH',
      reasonText: 'payload hash differs',
      updatedAt: 1_764_115_400_000,
    };
    await rollouts.putTerminal(failed);
    expect(await rollouts.listTerminals(5)).toEqual([failed]);
    expect(await rollouts.listTerminals(6)).toEqual([]);

    await rollouts.putTerminalSoftware({ tid: '60000001', runningVersion: '1.2.0', reportedAt: 1 });
    await rollouts.putTerminalSoftware({ tid: '60000001', runningVersion: '2.0.0', reportedAt: 2 });
    expect(await rollouts.listTerminalSoftware()).toEqual([
      { tid: '60000001', runningVersion: '2.0.0', reportedAt: 2 },
    ]);
  });

  it('keep every parameter set version in order and refuse a version twice', async () => {
    const { parameterSets } = createRepositories(getDatabase().db);
    const all = {
      version: 1,
      scope: 'all',
      scopeId: '',
      valuesJson: '{"language":"zh"}',
      createdAt: 1,
      createdBy: 'demo',
    };
    const merchant = { ...all, version: 2, scope: 'merchant', scopeId: '898310058120001', valuesJson: '{}' };
    await parameterSets.insert(merchant);
    await parameterSets.insert(all);
    expect(await parameterSets.list()).toEqual([all, merchant]);
    await expect(parameterSets.insert(all)).rejects.toThrow();
  });
});

import { expect, it } from 'vitest';
import { createRepositories, KyselyKeyStore } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { merchantRecord, terminalRecord } from './records.js';

describeEachDatabase('merchant and terminal repositories', (getDatabase) => {
  it('create, read, list and update merchants', async () => {
    const { merchants } = createRepositories(getDatabase().db);
    await merchants.create(merchantRecord({ mid: '898310058120101' }));
    await merchants.create(merchantRecord({ mid: '898310058120100', name: 'Second', mcc: '5411' }));
    await merchants.update('898310058120101', { status: 'disabled', singleTransactionLimitMinor: 1 });
    expect(await merchants.get('898310058120101')).toEqual(
      merchantRecord({ mid: '898310058120101', status: 'disabled', singleTransactionLimitMinor: 1 }),
    );
    expect(await merchants.get('000000000000000')).toBeUndefined();
    const mids = (await merchants.list()).map((merchant) => merchant.mid);
    expect(mids.indexOf('898310058120100')).toBeLessThan(mids.indexOf('898310058120101'));
  });

  it('store terminals with their key ids and a boolean signed-in flag', async () => {
    const { merchants, terminals } = createRepositories(getDatabase().db);
    await merchants.create(merchantRecord({ mid: '898310058120201' }));
    await terminals.create(terminalRecord({ tid: '20000001', mid: '898310058120201' }));
    await terminals.create(terminalRecord({ tid: '20000002', mid: '898310058120201' }));
    await terminals.update('20000001', {
      signedIn: true,
      signedInAt: 1_764_152_000_000,
      operator: '01',
      tmkKeyId: 'tmk-20000001',
      pikKeyId: 'pik-1',
      makKeyId: 'mak-1',
      tdkKeyId: 'tdk-1',
      batchNo: '000002',
    });
    const signedIn = await terminals.get('20000001');
    expect(signedIn).toEqual(
      terminalRecord({
        tid: '20000001',
        mid: '898310058120201',
        signedIn: true,
        signedInAt: 1_764_152_000_000,
        operator: '01',
        tmkKeyId: 'tmk-20000001',
        pikKeyId: 'pik-1',
        makKeyId: 'mak-1',
        tdkKeyId: 'tdk-1',
        batchNo: '000002',
      }),
    );
    await terminals.update('20000001', { signedIn: false });
    expect((await terminals.get('20000001'))?.signedIn).toBe(false);
    expect((await terminals.list('898310058120201')).map((terminal) => terminal.tid)).toEqual([
      '20000001',
      '20000002',
    ]);
    expect(await terminals.get('29999999')).toBeUndefined();
  });

  it('refuse a terminal of an unknown merchant (foreign key)', async () => {
    const { terminals } = createRepositories(getDatabase().db);
    await expect(
      terminals.create(terminalRecord({ tid: '20000099', mid: '999999999999999' })),
    ).rejects.toThrow();
    expect(await terminals.get('20000099')).toBeUndefined();
  });

  it('keep HSM key blobs (KeyStore): put, get, replace, unknown id', async () => {
    const store = new KyselyKeyStore(getDatabase().db);
    await store.put('tmk-1', 'D0112P0AE00E0000BLOB1');
    expect(await store.get('tmk-1')).toBe('D0112P0AE00E0000BLOB1');
    await store.put('tmk-1', 'D0112P0AE00E0000BLOB2');
    expect(await store.get('tmk-1')).toBe('D0112P0AE00E0000BLOB2');
    expect(await store.get('missing')).toBeUndefined();
  });
});

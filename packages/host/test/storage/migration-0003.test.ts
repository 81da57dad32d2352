import { expect, it } from 'vitest';
import {
  createRepositories,
  migrateToLatest,
  openDatabase,
  type HostDatabase,
} from '../../src/storage/index.js';
import {
  migrateTo,
  openTestDatabase,
  TEST_DIALECTS,
  type TestDatabaseLocation,
} from '../support/database.js';
import { holdRecord, issuerAccountRecord, issuerMovementRow, transactionRecord } from './records.js';

function reopen(location: TestDatabaseLocation): Promise<HostDatabase> {
  return openDatabase(location.url, location.schema === undefined ? {} : { schema: location.schema });
}

for (const dialect of TEST_DIALECTS) {
  it(`0003 upgrades a database an older release left at 0002, keeping its rows [${dialect}]`, async () => {
    const opened = await openTestDatabase(dialect);
    try {
      await migrateTo(opened.database, '0002-audit-log-append-only');
      const tables = (await opened.database.db.introspection.getTables()).map((table) => table.name);
      expect(tables).not.toContain('issuer_movements');
      const old = createRepositories(opened.database.db);
      await old.transactions.insert(transactionRecord({ id: 'old-1', rrn: '633010000005' }));
      await old.issuerAccounts.put(issuerAccountRecord({ panHash: 'old-card' }));
      await old.holds.insert(holdRecord({ id: 'H00000000007', panHash: 'old-card' }));

      const upgraded = await reopen(opened.location);
      try {
        expect(await migrateToLatest(upgraded)).toEqual([
          '0003-issuer-ledger-and-settings',
          '0004-lean-transaction-indexes',
          '0005-wallet-and-qr-orders',
          '0006-terminal-management',
          '0007-partial-original-index',
        ]);
        const repositories = createRepositories(upgraded.db);
        expect((await repositories.transactions.listByBatch('10000001', '000001')).map((t) => t.id)).toEqual([
          'old-1',
        ]);
        expect(await repositories.transactions.lastRrnOn('20261126')).toBe('633010000005');
        expect((await repositories.issuerAccounts.get('old-card'))?.balanceMinor).toBe(1_000_000);
        await repositories.holds.put(
          holdRecord({ id: 'H00000000007', panHash: 'old-card', status: 'released' }),
        );
        expect((await repositories.holds.listAll()).map((hold) => hold.status)).toEqual(['released']);
        await repositories.issuerMovements.put(issuerMovementRow({ id: 'new-1', panHash: 'old-card' }));
        await repositories.settings.put('rrn.resume', 'yes');
      } finally {
        await upgraded.close();
      }

      const again = await reopen(opened.location);
      try {
        expect(await migrateToLatest(again)).toEqual([]);
        const repositories = createRepositories(again.db);
        expect((await repositories.issuerMovements.listAll()).map((row) => row.id)).toEqual(['new-1']);
        expect(await repositories.settings.get('rrn.resume')).toBe('yes');
      } finally {
        await again.close();
      }
    } finally {
      await opened.cleanup();
    }
  });
}

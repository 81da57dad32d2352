import { expect, it } from 'vitest';
import { createRepositories, KyselyAuditLogRepository } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { issuerAccountRecord } from './records.js';

describeEachDatabase(
  'batch, reversal, settlement, issuer, hold, audit and token repositories',
  (getDatabase) => {
    it('open, find and settle batches', async () => {
      const { batches } = createRepositories(getDatabase().db);
      const opened = {
        tid: '40000001',
        status: 'open',
        openedAt: 1,
        settledAt: null,
        settlementResult: null,
      } as const;
      await batches.open({ ...opened, batchNo: '000001' });
      await batches.open({ ...opened, batchNo: '000002', openedAt: 2 });
      await expect(batches.open({ ...opened, batchNo: '000002' })).rejects.toThrow();
      expect((await batches.findOpen('40000001'))?.batchNo).toBe('000002');
      await batches.settle('40000001', '000002', { settledAt: 3, settlementResult: '11' });
      expect(await batches.get('40000001', '000002')).toEqual({
        ...opened,
        batchNo: '000002',
        openedAt: 2,
        status: 'settled',
        settledAt: 3,
        settlementResult: '11',
      });
      expect((await batches.findOpen('40000001'))?.batchNo).toBe('000001');
      expect((await batches.list('40000001')).map((batch) => batch.batchNo)).toEqual(['000001', '000002']);
    });

    it('store reversals, with or without a known original', async () => {
      const { reversals } = createRepositories(getDatabase().db);
      const reversal = {
        id: 'rev-1',
        transactionId: 'tx-404',
        tid: '40000002',
        batchNo: '000001',
        stan: '000007',
        reason: '98',
        responseCode: '00',
        createdAt: 10,
      };
      await reversals.insert(reversal);
      await reversals.insert({
        ...reversal,
        id: 'rev-2',
        transactionId: null,
        stan: '000008',
        responseCode: '25',
      });
      expect(await reversals.findById('rev-1')).toEqual(reversal);
      expect((await reversals.findByStan('40000002', '000001', '000008'))[0]?.transactionId).toBeNull();
      expect((await reversals.listForBatch('40000002', '000001')).map((r) => r.id)).toEqual([
        'rev-1',
        'rev-2',
      ]);
    });

    it('store settlements with both sides of the totals', async () => {
      const { settlements } = createRepositories(getDatabase().db);
      const settlement = {
        id: 'set-1',
        tid: '40000003',
        batchNo: '000001',
        operator: '01',
        terminalTotalsJson: '{"debitCount":1}',
        hostTotalsJson: '{"debitCount":2}',
        domesticResult: '2',
        foreignResult: '1',
        createdAt: 100,
      };
      await settlements.insert(settlement);
      await settlements.insert({ ...settlement, id: 'set-2', domesticResult: '1', createdAt: 200 });
      expect(await settlements.findById('set-1')).toEqual(settlement);
      expect((await settlements.listForBatch('40000003', '000001')).map((s) => s.id)).toEqual([
        'set-1',
        'set-2',
      ]);
      expect((await settlements.listForTerminal('40000003', 1)).map((s) => s.id)).toEqual(['set-2']);
    });

    it('insert, replace and list issuer accounts', async () => {
      const { issuerAccounts } = createRepositories(getDatabase().db);
      const debit = issuerAccountRecord({ panHash: 'acct-1' });
      const credit = issuerAccountRecord({
        panHash: 'acct-2',
        kind: 'credit',
        creditLimitMinor: 1_000_000_000_000,
      });
      await issuerAccounts.put(debit);
      await issuerAccounts.put(credit);
      const updated = {
        ...debit,
        balanceMinor: 900_000,
        heldMinor: 50_000,
        pinTries: 2,
        pinTryDate: '20261126',
      };
      await issuerAccounts.put(updated);
      expect(await issuerAccounts.get('acct-1')).toEqual(updated);
      expect(await issuerAccounts.get('acct-2')).toEqual(credit);
      const all = await issuerAccounts.listAll();
      expect(all.filter((account) => account.panHash.startsWith('acct-'))).toEqual([updated, credit]);
    });

    it('track holds by card and transaction', async () => {
      const { holds } = createRepositories(getDatabase().db);
      const hold = {
        id: 'hold-1',
        panHash: 'hold-card',
        transactionId: 'pre-1',
        amountMinor: 30_000,
        status: 'held',
        createdAt: 1,
      } as const;
      await holds.insert(hold);
      await holds.insert({ ...hold, id: 'hold-2', transactionId: 'pre-2', createdAt: 2 });
      await holds.setStatus('hold-1', 'completed');
      expect(await holds.get('hold-1')).toEqual({ ...hold, status: 'completed' });
      expect((await holds.findByTransaction('pre-2'))?.id).toBe('hold-2');
      expect((await holds.listByPanHash('hold-card')).map((h) => h.id)).toEqual(['hold-1', 'hold-2']);
      expect((await holds.listByPanHash('hold-card', 'held')).map((h) => h.id)).toEqual(['hold-2']);
      expect((await holds.listHeld()).map((h) => h.id)).toContain('hold-2');
    });

    it('append to the audit log and list it in order; there is no update or delete path', async () => {
      const { auditLog } = createRepositories(getDatabase().db);
      const first = await auditLog.append({
        at: 1,
        actor: 'admin',
        action: 'login',
        subject: 'audit-s',
        detailsJson: '{}',
      });
      const second = await auditLog.append({
        at: 2,
        actor: 'host',
        action: 'sign-in',
        subject: 'audit-s',
        detailsJson: '{"tid":"10000001"}',
      });
      expect(second).toBeGreaterThan(first);
      const listed = await auditLog.list({ subject: 'audit-s' });
      expect(listed.map((entry) => [entry.id, entry.action])).toEqual([
        [first, 'login'],
        [second, 'sign-in'],
      ]);
      expect((await auditLog.list({ subject: 'audit-s', afterId: first })).map((e) => e.id)).toEqual([
        second,
      ]);
      expect((await auditLog.list({ subject: 'audit-s', action: 'login' })).map((e) => e.id)).toEqual([
        first,
      ]);
      const methods = Object.getOwnPropertyNames(KyselyAuditLogRepository.prototype).filter(
        (n) => n !== 'constructor',
      );
      expect(methods.sort()).toEqual(['append', 'list']);
    });

    it('refuse UPDATE and DELETE on the audit log in the database itself', async () => {
      const db = getDatabase().db;
      const auditLog = createRepositories(db).auditLog;
      const id = await auditLog.append({
        at: 1,
        actor: 'admin',
        action: 'x',
        subject: 'tamper',
        detailsJson: '{}',
      });
      await expect(
        db.updateTable('auditLog').set({ action: 'y' }).where('id', '=', id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('auditLog').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
      expect((await auditLog.list({ subject: 'tamper' }))[0]?.action).toBe('x');
    });

    it('create, find and revoke API tokens', async () => {
      const { apiTokens } = createRepositories(getDatabase().db);
      const token = { id: 'tok-1', tokenHash: 'hash-1', label: 'ci', createdAt: 5, revokedAt: null };
      await apiTokens.create(token);
      await expect(apiTokens.create({ ...token, id: 'tok-2' })).rejects.toThrow();
      expect(await apiTokens.findByHash('hash-1')).toEqual(token);
      await apiTokens.revoke('tok-1', 9);
      await apiTokens.revoke('tok-1', 10); // the first revocation time stays
      expect((await apiTokens.findByHash('hash-1'))?.revokedAt).toBe(9);
      expect((await apiTokens.list()).map((t) => t.id)).toEqual(['tok-1']);
      expect(await apiTokens.findByHash('unknown')).toBeUndefined();
    });
  },
);

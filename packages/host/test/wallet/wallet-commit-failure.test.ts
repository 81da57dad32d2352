import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { allowInserts, refuseInserts } from '../support/refuse-inserts.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const ALICE = { userId: 'alice', pin: '111111' };

for (const dialect of TEST_DIALECTS) {
  describe(`the wallet when the commit of its change fails [${dialect}]`, () => {
    let host: TcpTestHost | undefined;

    async function open(): Promise<{ host: TcpTestHost; terminal: TestTerminal }> {
      const opened = await openTcpTestHost(dialect);
      host = opened;
      const terminal = await opened.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      return { host: opened, terminal };
    }

    /** What the wallet shows of alice: balance, history, the state of her pay codes and payments. */
    function aliceSeen(opened: TcpTestHost) {
      const { wallet } = opened.runtime;
      return { balanceMinor: wallet.balanceOf(ALICE.userId), history: wallet.history(ALICE.userId) };
    }

    afterEach(async () => {
      await host?.cleanup();
      host = undefined;
    });

    it('keeps an order unpaid and the balance whole when the payment over HTTP is not committed', async () => {
      const { host: opened, terminal } = await open();
      const { wallet, walletActions, database } = opened.runtime;
      const exchange = await terminal.qrOrder(30_00);
      const rrn = exchange.response.rrn ?? '';
      const payload = exchange.response.mpmPayload ?? '';
      const before = aliceSeen(opened);

      await refuseInserts(database, 'wallet_movements');
      await expect(walletActions.payOrder(ALICE.userId, payload, ALICE.pin)).rejects.toMatchObject({
        code: 'STORAGE_COMMIT_FAILED',
      });

      // Memory says what the database holds: no money moved, the order waits, its sale is not counted.
      expect(aliceSeen(opened)).toEqual(before);
      const order = wallet.order(rrn);
      expect(order).toMatchObject({ status: 'waiting', voucher: null });
      expect(await walletActions.inspect(payload)).toMatchObject({ ok: true, status: 'waiting' });
      expect(wallet.paymentOfTransaction(order?.transactionId ?? '')).toBeUndefined();
      const batch = await opened.runtime.services.journal.batch(DEMO.tids[0], terminal.batch);
      const entry = [...batch.entries()].find((item) => item.transactionId === order?.transactionId);
      expect(entry).toMatchObject({ status: 'waiting', authCode: null });
      expect(wallet.uncommittedChanges).toBe(0);

      await allowInserts(database, 'wallet_movements');
      await opened.restartHost();
      expect(aliceSeen(opened)).toEqual(before);
      expect(opened.runtime.wallet.order(rrn)).toMatchObject({ status: 'waiting', voucher: null });
      const row = await opened.runtime.repositories.transactions.findById(order?.transactionId ?? '');
      expect(row?.status).toBe('waiting');
    });

    it('keeps the pay code unused and the balance whole when a QR sale is not committed (96)', async () => {
      const { host: opened, terminal } = await open();
      const { walletActions, database } = opened.runtime;
      const code = await walletActions.issueCode(ALICE.userId);
      const before = aliceSeen(opened);

      await refuseInserts(database, 'wallet_movements');
      const sale = await terminal.qrSale(code.code, 12_00);
      expect(sale.response.responseCode).toBe('96');
      expect(opened.runtime.engine.healthy).toBe(false);

      expect(aliceSeen(opened)).toEqual(before);
      expect(opened.runtime.wallet.uncommittedChanges).toBe(0);

      await allowInserts(database, 'wallet_movements');
      await opened.restartHost();
      expect(aliceSeen(opened)).toEqual(before);
      // The code was never spent: after the restart it pays, once.
      const again = await opened.connectTerminal(DEMO.tids[0], 5_000, { lastStan: terminal.lastStan ?? 0 });
      expect((await again.signIn()).response.responseCode).toBe('00');
      expect((await again.qrSale(code.code, 12_00)).response.responseCode).toBe('00');
      expect((await again.qrSale(code.code, 12_00)).response.responseCode).toBe('14');
      expect(opened.runtime.wallet.balanceOf(ALICE.userId)).toBe(before.balanceMinor - 12_00);
    });
  });
}

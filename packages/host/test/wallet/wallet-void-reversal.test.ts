import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

/** bob of test-cards.md: CNY 20.00, wallet PIN 222222. */
const BOB = { userId: 'bob', pin: '222222', openingMinor: 20_00 };

for (const dialect of TEST_DIALECTS) {
  describe(`reversing a QR void after the wallet spent the money again [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;
    /** bob's paid order, refunded in the end. */
    let orderVoucher = '';

    /** What the host logged as warnings (the acquirer's exceptions). */
    const warnings: { readonly object: object; readonly message: string | undefined }[] = [];
    const logger = {
      info: () => undefined,
      warn: (object: object, message?: string) => warnings.push({ object, message }),
      error: () => undefined,
    };

    const balance = () => host.runtime.wallet.balanceOf(BOB.userId);

    beforeAll(async () => {
      host = await openTcpTestHost(dialect, { logger });
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('acknowledges the reversal 00, charges the void back and shows the wallet overdrawn; settlement balances', async () => {
      const { walletActions } = host.runtime;
      const code = await walletActions.issueCode(BOB.userId);
      const sale = await terminal.qrSale(code.code, 15_00);
      expect(sale.response.responseCode).toBe('00');
      const voided = await terminal.qrVoid(sale);
      expect(voided.response.responseCode).toBe('00');
      expect(balance()).toBe(BOB.openingMinor);

      // bob spends all of it on an order before the terminal reverses its void.
      const order = await terminal.qrOrder(BOB.openingMinor);
      const paid = await walletActions.payOrder(BOB.userId, order.response.mpmPayload ?? '', BOB.pin);
      expect(paid).toMatchObject({ ok: true, balanceMinor: 0 });
      if (paid.ok) orderVoucher = paid.voucher;

      const reversal = await terminal.reversal(voided);
      expect(reversal.response.responseCode).toBe('00');
      expect(balance()).toBe(-15_00);
      expect(warnings).toContainEqual({
        object: expect.objectContaining({ stan: reversal.request.stan, overdraftMinor: 15_00 }),
        message: 'a reversed QR void overdrew the wallet',
      });
      expect(host.runtime.wallet.payment(sale.response.voucher ?? '')?.status).toBe('approved');
      expect(walletActions.profile(BOB.userId)).toMatchObject({
        balanceMinor: -15_00,
        overdraftMinor: 15_00,
      });
      const [latest] = walletActions.history(BOB.userId);
      expect(latest).toMatchObject({
        kind: 'payment',
        amountMinor: 15_00,
        voucher: sale.response.voucher,
        overdraftMinor: 15_00,
      });
      // Retransmitted, the reversal is answered again and charges nothing more.
      expect((await terminal.reversal(voided)).response.responseCode).toBe('00');
      expect(balance()).toBe(-15_00);

      // The sale stands again: it and the paid order are the batch's debits, and no credit is left.
      const totals = terminal.settlementTotals();
      const settlement = await terminal.settle({
        ...totals,
        domestic: {
          ...totals.domestic,
          debitCount: totals.domestic.debitCount + 1,
          debitAmountMinor: totals.domestic.debitAmountMinor + BOB.openingMinor,
        },
      });
      expect(settlement.response.totals?.domestic).toMatchObject({
        result: 'balanced',
        debitCount: 2,
        debitAmountMinor: 35_00,
        creditCount: 0,
      });
      expect((await terminal.batchUploadEnd(true, 0)).response.responseCode).toBe('00');
    });

    it('keeps the overdraft across a restart; an overdrawn wallet pays nothing until money comes back', async () => {
      await host.restartHost();
      terminal = await host.connectTerminal(undefined, 5_000, { lastStan: terminal.lastStan ?? 0 });
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      expect(balance()).toBe(-15_00);
      const { walletActions } = host.runtime;

      const code = await walletActions.issueCode(BOB.userId);
      expect(code.limitMinor).toBe(0);
      expect((await terminal.qrSale(code.code, 1_00)).response.responseCode).toBe('61');
      const order = await terminal.qrOrder(1_00);
      const refused = await walletActions.payOrder(BOB.userId, order.response.mpmPayload ?? '', BOB.pin);
      expect(refused).toEqual({ ok: false, code: 'WALLET_INSUFFICIENT_FUNDS' });
      expect(balance()).toBe(-15_00);

      // A refund of the order pays the debt back first.
      expect((await terminal.qrRefund(orderVoucher, BOB.openingMinor)).response.responseCode).toBe('00');
      expect(walletActions.profile(BOB.userId)).toMatchObject({ balanceMinor: 5_00, overdraftMinor: 0 });
    });
  });
}

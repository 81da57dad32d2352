import { parseMpm, qrCrc, validateMpm } from '@payterm/emv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { PAYTERM_QR_GUID } from '../../src/wallet/order-payload.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const TID = DEMO.tids[0];

for (const dialect of TEST_DIALECTS) {
  describe(`QR payments over TCP: orders, pay codes, voids, refunds, reversals, settlement [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;
    /** Paid merchant-presented orders of the open batch (the test terminal's journal does not track them). */
    const paidOrders: number[] = [];
    /** An approved QR sale of the batch that gets settled. */
    let settledSale: Awaited<ReturnType<TestTerminal['qrSale']>> | undefined;

    const balance = (user: string) => host.runtime.wallet.balanceOf(user);
    const issueCode = async (user: string) => (await host.runtime.walletActions.issueCode(user)).code;
    const payOrder = (user: string, payload: string, pin: string) =>
      host.runtime.walletActions.payOrder(user, payload, pin);

    async function order(amountMinor: number): Promise<{ rrn: string; payload: string }> {
      const exchange = await terminal.qrOrder(amountMinor);
      expect(exchange.response.responseCode).toBe('00');
      return { rrn: exchange.response.rrn ?? '', payload: exchange.response.mpmPayload ?? '' };
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('answers an order with its RRN and a dynamic EMVCo payload that parses back and whose CRC checks', async () => {
      const { rrn, payload } = await order(12_34);
      expect(rrn).toMatch(/^\d{12}$/);
      expect(validateMpm(payload)).toEqual([]);
      expect(payload.slice(-8, -4)).toBe('6304');
      expect(payload.slice(-4)).toBe(qrCrc(payload.slice(0, -4)));
      const parsed = parseMpm(payload);
      expect(parsed).toMatchObject({
        payloadFormatIndicator: '01',
        pointOfInitiation: '12',
        merchantCategoryCode: DEMO.mcc,
        transactionCurrency: '156',
        transactionAmount: '12.34',
        countryCode: 'CN',
        merchantName: DEMO.merchantName,
        merchantCity: DEMO.city,
      });
      expect(parsed.merchantAccounts).toEqual([
        {
          id: '26',
          value: expect.any(String),
          children: [
            { id: '00', value: PAYTERM_QR_GUID },
            { id: '01', value: DEMO.mid },
            { id: '02', value: TID },
          ],
        },
      ]);
      expect(parsed.additionalData).toEqual([
        { id: '01', value: rrn },
        { id: '07', value: TID },
      ]);
      // One changed character anywhere fails the CRC.
      expect(validateMpm(payload.replace('12.34', '12.35')).length).toBeGreaterThan(0);
    });

    it('reports an order waiting 09, paid 00 with the auth code; paying it twice moves money once', async () => {
      const { rrn, payload } = await order(23_45);
      const before = balance('alice');
      expect((await terminal.qrOrderStatus(rrn)).response.responseCode).toBe('09');
      const paid = await payOrder('alice', payload, '111111');
      expect(paid).toMatchObject({ ok: true, amountMinor: 23_45, balanceMinor: before - 23_45 });
      if (!paid.ok) return;
      paidOrders.push(23_45);
      expect(paid.voucher).toMatch(/^\d{12}$/);
      expect(balance('alice')).toBe(before - 23_45);
      const status = await terminal.qrOrderStatus(rrn);
      expect(status.response).toMatchObject({ responseCode: '00', rrn, voucher: paid.voucher });
      expect(status.response.authCode).toBe(host.runtime.wallet.payment(paid.voucher)?.authCode);

      expect(await payOrder('alice', payload, '111111')).toEqual({ ok: false, code: 'WALLET_ORDER_PAID' });
      expect(balance('alice')).toBe(before - 23_45);
      // A paid order cannot be closed: it must be refunded.
      expect((await terminal.qrOrderClose(rrn)).response.responseCode).toBe('12');
      const rows = await host.runtime.repositories.transactions.findByRrn(rrn);
      expect(rows.find((row) => row.kind === 'qr-order')).toMatchObject({
        kind: 'qr-order',
        status: 'approved',
        amountMinor: 23_45,
      });
    });

    it('expires an unpaid order after 5 minutes (54) and closes unpaid orders (12): neither can be paid', async () => {
      const before = balance('alice');
      const late = await order(1_00);
      host.clock.advance(5 * 60_000);
      expect((await terminal.qrOrderStatus(late.rrn)).response.responseCode).toBe('54');
      expect(await payOrder('alice', late.payload, '111111')).toEqual({
        ok: false,
        code: 'WALLET_ORDER_EXPIRED',
      });
      expect((await terminal.qrOrderClose(late.rrn)).response.responseCode).toBe('00');
      expect((await terminal.qrOrderStatus(late.rrn)).response.responseCode).toBe('12');

      const closed = await order(2_00);
      expect((await terminal.qrOrderClose(closed.rrn)).response.responseCode).toBe('00');
      expect((await terminal.qrOrderClose(closed.rrn)).response.responseCode).toBe('00');
      expect((await terminal.qrOrderStatus(closed.rrn)).response.responseCode).toBe('12');
      expect(await payOrder('alice', closed.payload, '111111')).toEqual({
        ok: false,
        code: 'WALLET_ORDER_CLOSED',
      });
      expect(balance('alice')).toBe(before);

      expect((await terminal.qrOrderStatus('999999999999')).response.responseCode).toBe('25');
      expect((await terminal.qrOrderClose('999999999999')).response.responseCode).toBe('25');
    });

    it('charges a one-time pay code once; answers 59 A4 voucher, 38 and 37', async () => {
      const before = balance('alice');
      const code = await issueCode('alice');
      const sale = await terminal.qrSale(code, 50_00);
      expect(sale.response).toMatchObject({ responseCode: '00' });
      expect(sale.response.voucher).toMatch(/^\d{12}$/);
      expect(sale.response.authCode).toMatch(/^\d{6}$/);
      expect(sale.response.rrn).toMatch(/^\d{12}$/);
      expect(balance('alice')).toBe(before - 50_00);
      const reused = await terminal.qrSale(code, 1_00);
      expect(reused.response.responseCode).toBe('14');
      expect(balance('alice')).toBe(before - 50_00);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row).toMatchObject({
        kind: 'qr-sale',
        status: 'approved',
        cardScope: 'domestic',
        panHash: null,
      });
    });

    it('declines an expired code 54, over the code limit 61, over the balance 51 — moving nothing', async () => {
      const expired = await issueCode('alice');
      host.clock.advance(60_000);
      const aliceBefore = balance('alice');
      expect((await terminal.qrSale(expired, 1_00)).response.responseCode).toBe('54');
      expect((await terminal.qrSale(await issueCode('alice'), 1_000_01)).response.responseCode).toBe('61');
      expect(balance('alice')).toBe(aliceBefore);

      const bobBefore = balance('bob');
      expect((await terminal.qrSale(await issueCode('bob'), bobBefore + 1)).response.responseCode).toBe('61');
      const code = await issueCode('bob');
      const spend = await order(bobBefore - 5_00);
      expect(await payOrder('bob', spend.payload, '222222')).toMatchObject({ ok: true, balanceMinor: 5_00 });
      paidOrders.push(bobBefore - 5_00);
      expect((await terminal.qrSale(code, 6_00)).response.responseCode).toBe('51');
      expect(balance('bob')).toBe(5_00);
    });

    it('voids a QR sale of the batch in full once; a void of another amount is 64', async () => {
      const before = balance('alice');
      const sale = await terminal.qrSale(await issueCode('alice'), 30_00);
      expect(sale.response.responseCode).toBe('00');
      const wrong = await terminal.send({
        kind: 'qr-void',
        amount: { amountMinor: 29_00, currency: '156' },
        voucher: sale.response.voucher ?? '',
      });
      expect(wrong.response.responseCode).toBe('64');
      const voided = await terminal.qrVoid(sale);
      expect(voided.response).toMatchObject({ responseCode: '00', voucher: sale.response.voucher });
      expect(balance('alice')).toBe(before);
      expect((await terminal.qrVoid(sale)).response.responseCode).toBe('12');
      expect(balance('alice')).toBe(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row?.status).toBe('voided');
      expect(
        host.runtime.wallet
          .history('alice')
          .slice(0, 2)
          .map((item) => item.kind),
      ).toEqual(['void', 'payment']);
    });

    it('refunds a QR payment in parts up to its amount (64 beyond); unknown voucher 25; a refunded one cannot be voided', async () => {
      const before = balance('alice');
      const sale = await terminal.qrSale(await issueCode('alice'), 40_00);
      const voucher = sale.response.voucher ?? '';
      expect((await terminal.qrRefund(voucher, 10_00)).response).toMatchObject({
        responseCode: '00',
        voucher,
      });
      host.clock.advance(2 * 86_400_000);
      expect((await terminal.qrRefund(voucher, 25_00)).response.responseCode).toBe('00');
      expect((await terminal.qrRefund(voucher, 5_01)).response.responseCode).toBe('64');
      expect(balance('alice')).toBe(before - 5_00);
      expect((await terminal.qrRefund(voucher, 5_00)).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before);
      expect((await terminal.qrRefund('000000000000', 1_00)).response.responseCode).toBe('25');
      expect((await terminal.qrVoid(sale)).response.responseCode).toBe('12');
      expect(balance('alice')).toBe(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row?.refundedMinor).toBe(40_00);
    });

    it('reverses a QR sale once, and a reversed QR void charges the wallet again', async () => {
      const before = balance('alice');
      const sale = await terminal.qrSale(await issueCode('alice'), 15_00);
      expect((await terminal.reversal(sale)).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before);
      expect((await terminal.reversal(sale)).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before);

      const kept = await terminal.qrSale(await issueCode('alice'), 16_00);
      const voided = await terminal.qrVoid(kept);
      expect(balance('alice')).toBe(before);
      expect((await terminal.reversal(voided)).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before - 16_00);
      expect(host.runtime.wallet.payment(kept.response.voucher ?? '')?.status).toBe('approved');
      settledSale = kept;
    });

    it('settles QR sales, voids and refunds and the paid orders in the domestic half; balanced', async () => {
      const terminalTotals = terminal.settlementTotals();
      const domestic = {
        ...terminalTotals.domestic,
        debitCount: terminalTotals.domestic.debitCount + paidOrders.length,
        debitAmountMinor: terminalTotals.domestic.debitAmountMinor + paidOrders.reduce((a, b) => a + b, 0),
      };
      expect(domestic.debitCount).toBeGreaterThan(paidOrders.length);
      expect(domestic.creditCount).toBeGreaterThan(0);
      expect(terminalTotals.foreign).toMatchObject({ debitCount: 0, creditCount: 0 });
      const settlement = await terminal.settle({ domestic, foreign: terminalTotals.foreign });
      expect(settlement.response.responseCode).toBe('00');
      expect(settlement.response.totals?.domestic.result).toBe('balanced');
      expect(settlement.response.totals?.foreign.result).toBe('balanced');
      expect((await terminal.batchUploadEnd(true, 0)).response.responseCode).toBe('00');
    });

    it('keeps orders, payments and balances across a restart; a void after settlement is 12', async () => {
      const before = balance('alice');
      const sale = await terminal.qrSale(await issueCode('alice'), 9_00);
      expect(sale.response.responseCode).toBe('00');
      await host.restartHost();
      terminal = await host.connectTerminal(TID, 5_000, { lastStan: terminal.lastStan ?? 0 });
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before - 9_00);
      expect(host.runtime.wallet.payment(sale.response.voucher ?? '')?.status).toBe('approved');
      expect((await terminal.qrRefund(sale.response.voucher ?? '', 9_00)).response.responseCode).toBe('00');
      expect(balance('alice')).toBe(before);
      if (settledSale === undefined) throw new Error('no sale of the settled batch');
      expect((await terminal.qrVoid(settledSale)).response.responseCode).toBe('12');
      expect(balance('alice')).toBe(before);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const DEBIT = '6200001000000011';
const CREDIT = '6200001000000029';
const LOAD = '6200001000000110';
const PIN = '123456';
const TID = DEMO.tids[0];

for (const dialect of TEST_DIALECTS) {
  describe(`pre-auths, voids, refunds, reversals and QR over TCP [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    async function balanceOf(pan: string) {
      const balance = await host.runtime.issuer.balance(pan);
      if (balance === undefined) throw new Error('no such test card');
      return balance;
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('releases the hold when a pre-auth is cancelled, and a cancelled pre-auth cannot complete', async () => {
      const before = await balanceOf(CREDIT);
      const preauth = await terminal.preauth({ pan: CREDIT, amountMinor: 300_00, pin: PIN });
      expect(preauth.response.responseCode).toBe('00');
      expect(await balanceOf(CREDIT)).toMatchObject({
        heldMinor: before.heldMinor + 300_00,
        availableMinor: before.availableMinor - 300_00,
      });
      const cancel = await terminal.preauthCancel(preauth);
      expect(cancel.response.responseCode).toBe('00');
      expect(await balanceOf(CREDIT)).toEqual(before);
      expect((await terminal.completion(preauth, 100_00)).response.responseCode).toBe('12');
      expect(await balanceOf(CREDIT)).toEqual(before);
    });

    it('declines a completion over 115 % of the pre-auth 61; voids an approved completion', async () => {
      const before = await balanceOf(CREDIT);
      const preauth = await terminal.preauth({ pan: CREDIT, amountMinor: 200_00, pin: PIN });
      expect(preauth.response.responseCode).toBe('00');
      const over = await terminal.completion(preauth, 230_01);
      expect(over.response.responseCode).toBe('61');
      expect((await balanceOf(CREDIT)).heldMinor).toBe(before.heldMinor + 200_00);

      const completion = await terminal.completion(preauth, 230_00);
      expect(completion.response.responseCode).toBe('00');
      expect(await balanceOf(CREDIT)).toMatchObject({
        heldMinor: before.heldMinor,
        balanceMinor: before.balanceMinor - 230_00,
      });
      const voided = await terminal.completionVoid(completion);
      expect(voided.response.responseCode).toBe('00');
      expect(await balanceOf(CREDIT)).toEqual(before);
      expect((await terminal.completionVoid(completion)).response.responseCode).toBe('12');
    });

    it('voids a sale once: a second void is 12 and moves nothing', async () => {
      const before = await balanceOf(DEBIT);
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 21_21, pin: PIN });
      const voided = await terminal.void(sale);
      expect(voided.response.responseCode).toBe('00');
      expect(await balanceOf(DEBIT)).toEqual(before);
      const again = await terminal.void(sale);
      expect(again.response.responseCode).toBe('12');
      expect(await balanceOf(DEBIT)).toEqual(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row?.status).toBe('voided');
    });

    it('declines a void of an unknown original 25, or naming another RRN 25', async () => {
      const unknown = await terminal.send({
        kind: 'void',
        card: { pan: DEBIT, expiry: '3012', entryMode: '012' },
        amount: { amountMinor: 26_26, currency: '156' },
        originalRrn: '000000000001',
        original: { batch: terminal.batch, stan: '999999', date: terminal.today() },
      });
      expect(unknown.response.responseCode).toBe('25');
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 26_27, pin: PIN });
      const otherRrn = await terminal.send({
        kind: 'void',
        card: { pan: DEBIT, expiry: '3012', entryMode: '012' },
        amount: { amountMinor: 26_27, currency: '156' },
        originalRrn: '000000000001',
        original: { batch: terminal.batch, stan: sale.request.stan, date: terminal.today() },
      });
      expect(otherRrn.response.responseCode).toBe('25');
      expect((await terminal.void(sale)).response.responseCode).toBe('00');
    });

    it('reversal of a void restores the sale, which can then be voided again', async () => {
      const before = await balanceOf(DEBIT);
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 22_22, pin: PIN });
      const voided = await terminal.void(sale);
      expect(voided.response.responseCode).toBe('00');
      expect(await balanceOf(DEBIT)).toEqual(before);

      const reversal = await terminal.reversal(voided);
      expect(reversal.response.responseCode).toBe('00');
      expect((await balanceOf(DEBIT)).availableMinor).toBe(before.availableMinor - 22_22);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row?.status).toBe('approved');

      const voidAgain = await terminal.void(sale);
      expect(voidAgain.response.responseCode).toBe('00');
      expect(await balanceOf(DEBIT)).toEqual(before);
    });

    it('refunds of an unknown RRN 25; partial refunds up to the original, then one fen more 64', async () => {
      const unknown = await terminal.refund({
        rrn: '999999999999',
        date: terminal.today(),
        amountMinor: 1_00,
        pan: CREDIT,
      });
      expect(unknown.response.responseCode).toBe('25');

      const before = await balanceOf(CREDIT);
      const sale = await terminal.sale({ pan: CREDIT, amountMinor: 100_00, pin: PIN });
      const original = { rrn: sale.response.rrn ?? '', date: sale.response.localDate ?? '', pan: CREDIT };
      for (const amountMinor of [30_00, 50_00, 19_99, 1]) {
        expect((await terminal.refund({ ...original, amountMinor })).response.responseCode).toBe('00');
      }
      expect(await balanceOf(CREDIT)).toEqual(before);
      const oneFenMore = await terminal.refund({ ...original, amountMinor: 1 });
      expect(oneFenMore.response.responseCode).toBe('64');
      expect(await balanceOf(CREDIT)).toEqual(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(row?.refundedMinor).toBe(100_00);
    });

    it('declines a customer-presented QR code no wallet issued 14 (the QR flows: qr-flows.test.ts)', async () => {
      const qrSale = await terminal.qrSale('283456789012345678', 23_23);
      expect(qrSale.response.responseCode).toBe('14');
    });

    it('declines a void of a sale of the previous batch 12 after settlement', async () => {
      const before = await balanceOf(LOAD);
      const sale = await terminal.sale({ pan: LOAD, amountMinor: 25_25, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
      const settlement = await terminal.settle();
      expect(settlement.response.responseCode).toBe('00');
      expect((await terminal.batchUploadEnd(true, 0)).response.responseCode).toBe('00');
      expect(terminal.batch).toBe('000002');
      const voided = await terminal.void(sale);
      expect(voided.response.responseCode).toBe('12');
      expect((await balanceOf(LOAD)).availableMinor).toBe(before.availableMinor - 25_25);
    });
  });
}

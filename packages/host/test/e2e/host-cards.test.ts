import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const PIN = '123456';
const TID = DEMO.tids[0];
/** 16:00 UTC is midnight in China: the business day (PIN tries, velocity counters) turns over. */
const HOURS = 3_600_000;

for (const dialect of TEST_DIALECTS) {
  describe(`test cards through the host [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    async function available(pan: string): Promise<number | undefined> {
      return (await host.runtime.issuer.balance(pan))?.availableMinor;
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it.each([
      ['6200001000000045', 41],
      ['6200001000000052', 43],
      ['6200001000000078', 5],
      ['6200001000000086', 62],
    ])('declines %s with its code', async (pan, code) => {
      const sale = await terminal.sale({ pan, amountMinor: 10_00, pin: PIN });
      expect(sale.response.responseCode).toBe(String(code).padStart(2, '0'));
      expect(sale.response.authCode).toBeUndefined();
    });

    it('declines the expired card 54 (expiry 2001)', async () => {
      const sale = await terminal.sale({
        pan: '6200001000000060',
        amountMinor: 10_00,
        pin: PIN,
        expiry: '2001',
      });
      expect(sale.response.responseCode).toBe('54');
    });

    it('approves the small-balance card up to 10.00 and declines above it 51', async () => {
      const pan = '6200001000000037';
      expect((await terminal.sale({ pan, amountMinor: 10_01, pin: PIN })).response.responseCode).toBe('51');
      expect((await terminal.sale({ pan, amountMinor: 10_00, pin: PIN })).response.responseCode).toBe('00');
      expect(await available(pan)).toBe(0);
    });

    it('declines a wrong PIN 55 without moving money', async () => {
      const pan = '6200001000000029';
      const before = await available(pan);
      const sale = await terminal.sale({ pan, amountMinor: 11_11, pin: '654321' });
      expect(sale.response.responseCode).toBe('55');
      expect(await available(pan)).toBe(before);
    });

    it('declines the third wrong PIN of a day 75, then 75 even with the right PIN', async () => {
      const pan = '6200001000000102';
      const codes: string[] = [];
      for (const pin of ['000001', '000002', '000003', PIN]) {
        codes.push((await terminal.sale({ pan, amountMinor: 12_12, pin })).response.responseCode);
      }
      expect(codes).toEqual(['55', '55', '75', '75']);
    });

    it('declines an unknown PAN with a valid Luhn digit 14', async () => {
      const sale = await terminal.sale({ pan: '6200001000000995', amountMinor: 13_13, pin: PIN });
      expect(sale.response.responseCode).toBe('14');
    });

    it('approves the no-PIN card contactless without PIN up to 1,000.00, above it asks for a PIN', async () => {
      const pan = '6200001000000094';
      const before = await available(pan);
      const atLimit = await terminal.sale({ pan, amountMinor: 1_000_00, entryMode: '072' });
      expect(atLimit.response.responseCode).toBe('00');
      const above = await terminal.sale({ pan, amountMinor: 1_000_01, entryMode: '072' });
      expect(above.response.responseCode).toBe('55');
      const chip = await terminal.sale({ pan, amountMinor: 14_14 });
      expect(chip.response.responseCode).toBe('55');
      expect(await available(pan)).toBe((before ?? 0) - 1_000_00);
    });

    it('approves foreign cards and stores them as foreign', async () => {
      for (const pan of ['4000001000000018', '5100001000000014']) {
        const sale = await terminal.sale({ pan, amountMinor: 15_15, pin: '1234' });
        expect(sale.response.responseCode).toBe('00');
        const [row] = await host.runtime.repositories.transactions.findByStan(
          TID,
          terminal.batch,
          sale.request.stan,
        );
        expect(row?.cardScope).toBe('foreign');
      }
    });

    it('uncounts a cancelled pre-auth from the velocity count, and counts it again when the cancel is reversed', async () => {
      const pan = '6200001000000029';
      for (let index = 0; index < 29; index += 1) {
        const sale = await terminal.sale({ pan, amountMinor: 2_00 + index, pin: PIN });
        expect(sale.response.responseCode).toBe('00');
      }
      const preauth = await terminal.preauth({ pan, amountMinor: 17_17, pin: PIN });
      expect(preauth.response.responseCode).toBe('00');
      const cancel = await terminal.preauthCancel(preauth);
      expect(cancel.response.responseCode).toBe('00');
      // 29 sales count now: one more is allowed.
      const thirtieth = await terminal.sale({ pan, amountMinor: 17_18, pin: PIN });
      expect(thirtieth.response.responseCode).toBe('00');
      expect((await terminal.reversal(thirtieth)).response.responseCode).toBe('00');
      // The cancel's reversal restores the pre-auth: 30 again, the next sale is one too many.
      expect((await terminal.reversal(cancel)).response.responseCode).toBe('00');
      const over = await terminal.sale({ pan, amountMinor: 17_19, pin: PIN });
      expect(over.response.responseCode).toBe('65');
    });

    it('declines the 31st sale of a card in a day 65 (velocity-count), and approves again the next day', async () => {
      const pan = '6200001000000011';
      const sales = [];
      for (let index = 0; index < 30; index += 1) {
        const sale = await terminal.sale({ pan, amountMinor: 1_00 + index, pin: PIN });
        expect(sale.response.responseCode).toBe('00');
        sales.push(sale);
      }
      // A void uncounts its sale; the void's reversal approves the sale again, so it counts again.
      const [first] = sales;
      if (first === undefined) throw new Error('30 sales');
      const voided = await terminal.void(first);
      expect(voided.response.responseCode).toBe('00');
      expect((await terminal.reversal(voided)).response.responseCode).toBe('00');
      const before = await available(pan);
      const over = await terminal.sale({ pan, amountMinor: 16_16, pin: PIN });
      expect(over.response.responseCode).toBe('65');
      expect(await available(pan)).toBe(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        over.request.stan,
      );
      expect(row).toMatchObject({ responseCode: '65', declineRule: 'velocity-count' });

      // 02:00 UTC + 15 h = 17:00 UTC, 01:00 the next day in China (the terminal shares the clock).
      host.clock.advance(15 * HOURS);
      const nextDay = await terminal.sale({ pan, amountMinor: 16_17, pin: PIN });
      expect(nextDay.response.responseCode).toBe('00');
      // The PIN-try counter of the 75 card is a day's too.
      const pinCard = await terminal.sale({ pan: '6200001000000102', amountMinor: 12_13, pin: PIN });
      expect(pinCard.response.responseCode).toBe('00');
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';

const DEBIT = '6200001000000011';
const CREDIT = '6200001000000029';
const VISA = '4000001000000018';

for (const dialect of TEST_DIALECTS) {
  describe(`a terminal's day over TCP [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;
    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('signs in: working keys under the TMK, batch adopted', async () => {
      const { response } = await terminal.signIn();
      expect(response.responseCode).toBe('00');
      expect(terminal.signedIn).toBe(true);
      expect(terminal.batch).toBe('000001');
    });

    it('sells, voids, refunds, inquires, pre-authorises, completes and settles balanced', async () => {
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 12_34, pin: '123456' });
      expect(sale.response).toMatchObject({ responseCode: '00' });
      expect(sale.response.authCode).toMatch(/^\d{6}$/);
      expect(sale.response.rrn).toMatch(/^\d{12}$/);

      const voided = await terminal.void(sale);
      expect(voided.response.responseCode).toBe('00');

      const second = await terminal.sale({ pan: CREDIT, amountMinor: 200_00, pin: '123456' });
      expect(second.response.responseCode).toBe('00');
      const refund = await terminal.refund({
        rrn: second.response.rrn ?? '',
        date: second.response.localDate ?? '',
        amountMinor: 50_00,
        pan: CREDIT,
      });
      expect(refund.response.responseCode).toBe('00');
      const tooMuch = await terminal.refund({
        rrn: second.response.rrn ?? '',
        date: second.response.localDate ?? '',
        amountMinor: 150_01,
        pan: CREDIT,
      });
      expect(tooMuch.response.responseCode).toBe('64');

      const balance = await terminal.balance({ pan: DEBIT, pin: '123456' });
      expect(balance.response).toMatchObject({ responseCode: '00' });
      expect(balance.response.kind === 'balance' && balance.response.balance?.amountMinor).toBe(10_000_000);

      const preauth = await terminal.preauth({ pan: CREDIT, amountMinor: 1_000_00, pin: '123456' });
      expect(preauth.response.responseCode).toBe('00');
      const completion = await terminal.completion(preauth, 1_100_00);
      expect(completion.response.responseCode).toBe('00');

      const foreign = await terminal.sale({ pan: VISA, amountMinor: 88_00, pin: '1234' });
      expect(foreign.response.responseCode).toBe('00');

      const settlement = await terminal.settle();
      expect(settlement.response.responseCode).toBe('00');
      const totals = settlement.response.kind === 'settlement' ? settlement.response.totals : undefined;
      expect(totals?.domestic.result).toBe('balanced');
      expect(totals?.foreign.result).toBe('balanced');
      expect(totals?.domestic).toMatchObject({
        debitCount: 3,
        debitAmountMinor: 12_34 + 200_00 + 1_100_00,
        creditCount: 2,
        creditAmountMinor: 12_34 + 50_00,
      });
      expect(totals?.foreign).toMatchObject({ debitCount: 1, debitAmountMinor: 88_00 });
    });

    it('keeps the money right at the issuer', async () => {
      const issuer = host.runtime.issuer;
      expect(await issuer.balance(DEBIT)).toMatchObject({ availableMinor: 10_000_000 });
      expect(await issuer.balance(CREDIT)).toMatchObject({
        availableMinor: 5_000_000 - 200_00 + 50_00 - 1_100_00,
      });
    });

    it('stores no PAN in clear, and the transactions are searchable by masked PAN', async () => {
      const page = await host.runtime.repositories.transactions.search({ limit: 100 });
      expect(page.items.length).toBeGreaterThanOrEqual(8);
      expect(JSON.stringify(page.items)).not.toContain(DEBIT);
      const mine = await host.runtime.repositories.transactions.search({
        panMasked: '620000******0011',
        limit: 100,
      });
      expect(mine.items.map((item) => item.kind).sort()).toEqual(['balance', 'sale', 'void']);
    });

    it('signs off: the host records the terminal as signed out', async () => {
      expect((await terminal.signOff()).response.responseCode).toBe('00');
      const stored = await host.runtime.repositories.terminals.get('10000001');
      expect(stored?.signedIn).toBe(false);
      expect(stored?.batchNo).toBe('000002');
    });
  });
}

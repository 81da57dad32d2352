import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import type { Wallet } from '../../src/wallet/wallet.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

interface Gate {
  /** Resolves when the held call has been reached. */
  readonly reached: Promise<void>;
  open(): void;
}

/** Holds the wallet's next PIN check until `open()`; later checks run as usual. */
function holdNextPinCheck(wallet: Wallet): Gate {
  const original = wallet.checkPin.bind(wallet);
  let arrive: () => void = () => undefined;
  let open: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  wallet.checkPin = async (...args) => {
    wallet.checkPin = original;
    arrive();
    await opened;
    return original(...args);
  };
  return { reached, open };
}

for (const dialect of TEST_DIALECTS) {
  describe(`a wallet paying an order while its batch is settled [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    const balance = () => host.runtime.wallet.balanceOf('alice');

    async function order(amountMinor: number): Promise<{ rrn: string; payload: string }> {
      const exchange = await terminal.qrOrder(amountMinor);
      expect(exchange.response.responseCode).toBe('00');
      return { rrn: exchange.response.rrn ?? '', payload: exchange.response.mpmPayload ?? '' };
    }

    /** Settles the terminal's batch with `totals` and moves it to the next batch (balanced upload end). */
    async function settle(totals: ReturnType<TestTerminal['settlementTotals']>) {
      const settlement = await terminal.settle(totals);
      expect(settlement.response.responseCode).toBe('00');
      expect((await terminal.batchUploadEnd(true, 0)).response.responseCode).toBe('00');
      return settlement;
    }

    async function orderRow(rrn: string) {
      const order = host.runtime.wallet.order(rrn);
      if (order === undefined) throw new Error(`no order ${rrn}`);
      return host.runtime.repositories.transactions.findById(order.transactionId);
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('refuses the payment when the settlement lands between its batch check and its commit: nothing moves', async () => {
      const { rrn, payload } = await order(21_00);
      const before = balance();
      const batchNo = terminal.batch;
      const gate = holdNextPinCheck(host.runtime.wallet);
      const paying = host.runtime.walletActions.payOrder('alice', payload, '111111');
      await gate.reached;
      // The terminal settles what it knows: the order is unpaid, so not among its totals.
      const settlement = await settle(terminal.settlementTotals());
      expect(settlement.response.totals?.domestic.result).toBe('balanced');
      gate.open();
      const paid = await paying;

      expect(paid).toEqual({ ok: false, code: 'WALLET_ORDER_CLOSED' });
      expect(balance()).toBe(before);
      expect(host.runtime.wallet.order(rrn)?.status).not.toBe('paid');
      expect((await orderRow(rrn))?.status).toBe('waiting');
      const [settled] = await host.runtime.repositories.settlements.listForBatch(DEMO.tids[0], batchNo);
      expect(JSON.parse(settled?.hostTotalsJson ?? '{}')).toMatchObject({
        domestic: { debitCount: 0, debitAmountMinor: 0 },
      });
      // The next batch holds no trace of it either.
      const next = await settle(terminal.settlementTotals());
      expect(next.response.totals?.domestic.result).toBe('balanced');
    });

    it('shows an unpaid order of a settled batch as closed, and paying it moves nothing', async () => {
      const { rrn, payload } = await order(23_00);
      expect(await host.runtime.walletActions.inspect(payload)).toMatchObject({
        ok: true,
        status: 'waiting',
      });
      await settle(terminal.settlementTotals());
      const before = balance();
      expect(await host.runtime.walletActions.inspect(payload)).toMatchObject({
        ok: true,
        orderRrn: rrn,
        status: 'closed',
      });
      expect(await host.runtime.walletActions.payOrder('alice', payload, '111111')).toEqual({
        ok: false,
        code: 'WALLET_ORDER_CLOSED',
      });
      expect(balance()).toBe(before);
    });

    it('counts the payment in the settlement that arrives while it commits', async () => {
      const { rrn, payload } = await order(22_00);
      const before = balance();
      const batchNo = terminal.batch;
      const commits = host.runtime.commits;
      const submit = commits.submit.bind(commits);
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => (held = resolve));
      commits.submit = (changes) => {
        commits.submit = submit;
        held();
        return released.then(() => submit(changes));
      };
      const paying = host.runtime.walletActions.payOrder('alice', payload, '111111');
      await holding;
      const totals = terminal.settlementTotals();
      const settling = settle({
        ...totals,
        domestic: {
          ...totals.domestic,
          debitCount: totals.domestic.debitCount + 1,
          debitAmountMinor: totals.domestic.debitAmountMinor + 22_00,
        },
      });
      release();
      const [paid, settlement] = await Promise.all([paying, settling]);

      expect(paid).toMatchObject({ ok: true, amountMinor: 22_00 });
      expect(balance()).toBe(before - 22_00);
      expect(settlement.response.totals?.domestic.result).toBe('balanced');
      expect((await orderRow(rrn))?.status).toBe('approved');
      const [settled] = await host.runtime.repositories.settlements.listForBatch(DEMO.tids[0], batchNo);
      expect(JSON.parse(settled?.hostTotalsJson ?? '{}')).toMatchObject({
        domestic: { debitCount: 1, debitAmountMinor: 22_00 },
      });
    });
  });
}

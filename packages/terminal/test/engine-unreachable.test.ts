import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const CARD = '6200001000000029';

describe('an unreachable host: nothing sent, reversals that wait, and reversals given up', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
    rig.present(CARD, 'insert', '123456');
  });

  afterAll(async () => {
    rig.faults.goOnline();
    await rig.close();
    await host.cleanup();
  });

  it('keeps a sale that could not be sent as not-sent, with nothing to reverse', async () => {
    const refusedBefore = rig.faults.refusedConnects;
    rig.faults.dropConnections();
    rig.faults.refuseConnections(1);
    const outcome = await rig.terminal.sale(1_200);
    expect(outcome).toMatchObject({ approved: false, outcome: 'not-sent', responseCode: null });
    expect(outcome.message.en).toContain('nothing was sent');
    expect(outcome.record.status).toBe('not-sent');
    expect(outcome.record.recovery).toBeUndefined();
    expect(rig.faults.requests({ mti: '0200' }).some((entry) => entry.stan === outcome.record.stan)).toBe(
      false,
    );
    expect(rig.faults.refusedConnects).toBe(refusedBefore + 1);
    expect(rig.terminal.status()).toMatchObject({ offline: true, pending: [] });
    expect(await hostTransaction(host, TID, outcome.record.batch, outcome.record.stan)).toBeUndefined();

    // The refusal was a passing one: the next sale connects and goes through.
    const next = await rig.terminal.sale(1_300);
    expect(next.approved).toBe(true);
    expect(Number(next.record.stan)).toBeGreaterThan(Number(outcome.record.stan));
    expect(rig.terminal.status().offline).toBe(false);
  });

  it('reconnects after a host restart and keeps its keys: no new sign-in, nothing to reverse', async () => {
    const before = await rig.terminal.sale(1_400);
    expect(before.approved).toBe(true);
    const connectsBefore = rig.faults.openedConnects;
    await host.restartHost();
    const after = await rig.terminal.sale(1_500);
    expect(rig.faults.openedConnects).toBe(connectsBefore + 1);
    expect(after).toMatchObject({ approved: true, signedInAgain: false });
    expect(
      rig.faults
        .requests()
        .slice(-1)
        .map((entry) => entry.mti),
    ).toEqual(['0200']);
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, pending: [] });
    expect(await hostTransaction(host, TID, after.record.batch, after.record.stan)).toMatchObject({
      status: 'approved',
    });
  });

  it('sends a waiting reversal first once the host is back, across a restart, then the sale', async () => {
    rig.faults.dropNextResponse(
      { mti: '0200', messageType: '22' },
      { onApplied: () => rig.faults.goOffline() },
    );
    const lost = await rig.terminal.sale(2_100);
    expect(lost).toMatchObject({ outcome: 'timeout' });
    expect(lost.message.en).toContain('reversal pending');
    expect(lost.record).toMatchObject({
      status: 'reversal-pending',
      recovery: { action: 'reverse', reason: '98', attempts: 1, lastError: 'not-sent' },
    });
    expect(await hostTransaction(host, TID, lost.record.batch, lost.record.stan)).toMatchObject({
      status: 'approved',
    });

    await rig.reopen();
    await rig.terminal.login('01', '0000');
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({ voucher: lost.record.stan, status: 'reversal-pending', attemptsLeft: 2 }),
    ]);
    rig.faults.goOnline();
    const sale = await rig.terminal.sale(2_200);
    expect(sale.approved).toBe(true);
    const order = rig.faults.requests().slice(-2);
    expect(order.map((entry) => [entry.mti, entry.stan])).toEqual([
      ['0400', lost.record.stan],
      ['0200', sale.record.stan],
    ]);
    expect(rig.terminal.transaction(lost.record.stan)).toMatchObject({
      status: 'reversed',
      recovery: { attempts: 2 },
    });
    expect(await hostTransaction(host, TID, lost.record.batch, lost.record.stan)).toMatchObject({
      status: 'reversed',
    });
    expect(rig.terminal.status().pending).toEqual([]);
  });

  it('blocks sales while a reversal cannot get through, and gives it up after three attempts', async () => {
    rig.faults.dropNextResponse(
      { mti: '0200', messageType: '22' },
      { onApplied: () => rig.faults.goOffline() },
    );
    const lost = await rig.terminal.sale(3_100);
    const voucher = lost.record.stan;
    expect(lost.record).toMatchObject({ status: 'reversal-pending', recovery: { attempts: 1 } });
    expect(rig.terminal.status()).toMatchObject({
      offline: true,
      pending: [
        {
          voucher,
          type: 'sale',
          status: 'reversal-pending',
          action: 'reverse',
          reason: '98',
          attemptsLeft: 2,
          nextTry: 'before-next-transaction',
        },
      ],
    });

    await expect(rig.terminal.sale(3_200)).rejects.toMatchObject({
      code: 'TERMINAL_REVERSAL_PENDING',
      details: { voucher, pending: 1 },
    });
    const stored = (await rig.journal()).find((record) => record.id === lost.record.id);
    expect(stored).toMatchObject({
      status: 'reversal-pending',
      recovery: { attempts: 2, lastError: 'not-sent' },
    });
    // The refused sale took no STAN and left no record.
    expect((await rig.journal()).filter((record) => record.amount.amountMinor === 3_200)).toEqual([]);

    // The third attempt fails too: the reversal is given up and no longer blocks; this sale is not sent either.
    const third = await rig.terminal.sale(3_300);
    expect(third).toMatchObject({ outcome: 'not-sent' });
    expect(rig.terminal.transaction(voucher)).toMatchObject({
      status: 'reversal-failed',
      recovery: { attempts: 3, lastError: 'not-sent' },
    });
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher,
        status: 'reversal-failed',
        attemptsLeft: 0,
        nextTry: 'call-the-bank',
      }),
    ]);

    rig.faults.goOnline();
    const reportsWhenBack = await rig.terminal.resolvePending();
    expect(reportsWhenBack).toEqual([]);
    const after = await rig.terminal.sale(3_400);
    expect(after.approved).toBe(true);
    // Never sent, never retried: the host still has the money, which is why the operator calls the bank.
    expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === voucher)).toBe(false);
    expect(await hostTransaction(host, TID, lost.record.batch, voucher)).toMatchObject({
      status: 'approved',
    });
    expect(rig.terminal.transaction(voucher).status).toBe('reversal-failed');
  });
});

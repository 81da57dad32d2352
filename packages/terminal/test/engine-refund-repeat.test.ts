import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../src/journal/journal-record.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const CARD = '6200001000000029';
const SUPERVISOR = '123456';

describe('a refund is never reversed: an unanswered one is repeated with the same STAN and content', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
  });

  afterAll(async () => {
    rig.faults.goOnline();
    await rig.close();
    await host.cleanup();
  });

  async function approvedSale(amountMinor: number): Promise<JournalRecord> {
    rig.present(CARD, 'insert', '123456');
    const sale = await rig.terminal.sale(amountMinor);
    expect(sale.approved).toBe(true);
    return sale.record;
  }

  function refundOf(sale: JournalRecord, amountMinor: number) {
    rig.present(CARD, 'insert');
    return rig.terminal.refund({
      rrn: sale.rrn ?? '',
      date: sale.date,
      amountMinor,
      supervisorPassword: SUPERVISOR,
    });
  }

  it('repeats a refund whose answer was lost and takes the host’s original answer', async () => {
    const sale = await approvedSale(10_000);
    // The answer to the refund and to its immediate repeat are both lost: the outcome stays unknown.
    rig.faults.dropNextResponse({ mti: '0220', messageType: '25' }, { times: 2 });
    const outcome = await refundOf(sale, 4_000);
    expect(outcome).toMatchObject({ approved: false, outcome: 'timeout', responseCode: null });
    expect(outcome.message.en).toContain('outcome to be confirmed');
    const stan = outcome.record.stan;
    expect(outcome.record).toMatchObject({
      type: 'refund',
      status: 'unknown',
      recovery: { action: 'repeat', reason: '98', attempts: 1, lastError: 'timeout' },
    });
    expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === stan)).toBe(false);
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher: stan,
        type: 'refund',
        status: 'unknown',
        action: 'repeat',
        attemptsLeft: 2,
        nextTry: 'before-next-transaction',
      }),
    ]);
    expect(rig.terminal.transaction(sale.stan).refundedMinor).toBeUndefined();

    const sent = rig.faults.requests({ mti: '0220' }).filter((entry) => entry.stan === stan);
    expect(sent).toHaveLength(2);
    // Byte for byte the same request (the MAC too): the host recognises the repeat.
    expect(sent[1]?.fields).toEqual(sent[0]?.fields);

    const reports = await rig.terminal.resolvePending();
    expect(reports).toEqual([expect.objectContaining({ resolved: true })]);
    const refund = rig.terminal.transaction(stan);
    expect(refund).toMatchObject({
      status: 'approved',
      responseCode: '00',
      recovery: { action: 'repeat', attempts: 2, responseCode: '00' },
    });
    expect(refund.rrn).toMatch(/^\d{12}$/);
    expect(rig.terminal.transaction(sale.stan).refundedMinor).toBe(4_000);
    expect(rig.terminal.status().pending).toEqual([]);

    // The host booked the refund once, and its answer to the repeats was the stored one.
    const hostRows = await host.runtime.repositories.transactions.findByStan(TID, refund.batch, stan);
    expect(hostRows.filter((row) => row.mtiClass === '022')).toEqual([
      expect.objectContaining({ kind: 'refund', status: 'approved', amountMinor: 4_000, rrn: refund.rrn }),
    ]);
    expect(await hostTransaction(host, TID, sale.batch, sale.stan)).toMatchObject({ refundedMinor: 4_000 });

    // What is left of the sale is what the terminal now believes is left.
    await expect(refundOf(sale, 6_001)).rejects.toMatchObject({
      code: 'TERMINAL_TRANSACTION_NOT_ALLOWED',
      details: { reason: 'amount' },
    });
    expect(await refundOf(sale, 6_000)).toMatchObject({ approved: true });
  });

  it('gives the repeat up after a new sign-in (new MAK → 94): unknown, shown as at-settlement', async () => {
    const sale = await approvedSale(8_000);
    rig.faults.dropNextResponse({ mti: '0220', messageType: '25' }, { times: 2 });
    const outcome = await refundOf(sale, 3_000);
    const stan = outcome.record.stan;
    expect(outcome.record).toMatchObject({ status: 'unknown', recovery: { attempts: 1 } });

    // The sign-in brings a new MAK and sends the pending repeat at once: same STAN, other MAC → 94.
    expect((await rig.terminal.signIn()).approved).toBe(true);
    const repeats = rig.faults.requests({ mti: '0220' }).filter((entry) => entry.stan === stan);
    expect(repeats).toHaveLength(3);
    expect(repeats[2]?.fields[64]).not.toEqual(repeats[0]?.fields[64]);
    expect(rig.faults.responses('0220').at(-1)).toMatchObject({
      stan,
      responseCode: '94',
      fate: 'delivered',
    });

    expect(rig.terminal.transaction(stan)).toMatchObject({
      status: 'unknown',
      recovery: { action: 'repeat', attempts: 3, responseCode: '94' },
    });
    const stored = (await rig.journal()).find((record) => record.id === outcome.record.id);
    expect(stored).toMatchObject({ status: 'unknown', recovery: { attempts: 3, responseCode: '94' } });
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher: stan,
        status: 'unknown',
        action: 'repeat',
        attemptsLeft: 0,
        nextTry: 'at-settlement',
      }),
    ]);
    // Given up: nothing more is sent, and it does not block the next sale.
    expect(await rig.terminal.resolvePending()).toEqual([]);
    expect(rig.faults.requests({ mti: '0220' }).filter((entry) => entry.stan === stan)).toHaveLength(3);
    expect(await approvedSale(500)).toMatchObject({ status: 'approved' });
    // The host did refund: only settlement can tell the terminal.
    expect(rig.terminal.transaction(sale.stan).refundedMinor).toBeUndefined();
    expect(await hostTransaction(host, TID, sale.batch, sale.stan)).toMatchObject({ refundedMinor: 3_000 });
  });

  it('does not take a 77 to the repeat for the refund’s answer: the host processed nothing', async () => {
    const sale = await approvedSale(7_000);
    rig.faults.dropNextResponse({ mti: '0220', messageType: '25' }, { times: 2 });
    const outcome = await refundOf(sale, 1_500);
    const stan = outcome.record.stan;
    expect(outcome.record).toMatchObject({ status: 'unknown', recovery: { attempts: 1 } });
    // Meanwhile the batch is closed at the host (another device on this TID settles it).
    const other = await host.connectTerminal(TID, 5_000, { batch: outcome.record.batch });
    try {
      expect((await other.settle()).response.responseCode).toBe('00');
    } finally {
      await other.close();
    }

    await rig.terminal.resolvePending();
    expect(rig.faults.responses('0220').at(-1)).toMatchObject({ stan, responseCode: '77' });
    // The host approved the refund: the terminal must not call it declined.
    expect(await hostTransaction(host, TID, outcome.record.batch, stan)).toMatchObject({
      kind: 'refund',
      status: 'approved',
    });
    expect(rig.terminal.transaction(stan, outcome.record.batch)).toMatchObject({
      status: 'unknown',
      recovery: { action: 'repeat', responseCode: '77', attempts: 3 },
    });
    expect(rig.terminal.status().pending).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          voucher: stan,
          status: 'unknown',
          attemptsLeft: 0,
          nextTry: 'at-settlement',
        }),
      ]),
    );
    // The 77 still asks for a new sign-in, which the next sale does on its own.
    expect(rig.terminal.status()).toMatchObject({ signedIn: false, resignInReason: 'batch-mismatch' });
    rig.present(CARD, 'insert', '123456');
    expect(await rig.terminal.sale(600)).toMatchObject({ approved: true, signedInAgain: true });
  });

  it('keeps a refund that could not be sent as not-sent: nothing to repeat', async () => {
    const sale = await approvedSale(2_000);
    rig.faults.goOffline();
    const outcome = await refundOf(sale, 1_000);
    rig.faults.goOnline();
    expect(outcome).toMatchObject({ outcome: 'not-sent' });
    expect(outcome.record.status).toBe('not-sent');
    expect(outcome.record.recovery).toBeUndefined();
    expect(rig.terminal.status().pending.filter((item) => item.status !== 'unknown')).toEqual([]);
    expect(await refundOf(sale, 2_000)).toMatchObject({ approved: true });
  });
});

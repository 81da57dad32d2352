import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionOutcome } from '../src/engine/outcome.js';
import type { JournalRecord } from '../src/journal/journal-record.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { MessageMatch } from './support/fault-link.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const RICH_CARD = '6200001000000011';
const TEN_YUAN_CARD = '6200001000000037';
const SUPERVISOR = '123456';

describe('a terminal killed between send and answer recovers at the next start', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  /**
   * Starts `operation`, lets its request reach the host, swallows the answer and kills the terminal
   * before it can time out; returns the record the dead terminal left on disk.
   */
  async function crashDuring(
    match: MessageMatch,
    operation: () => Promise<TransactionOutcome>,
  ): Promise<JournalRecord> {
    let swallowed: () => void = () => undefined;
    const answerLost = new Promise<void>((resolve) => (swallowed = resolve));
    rig.faults.dropNextResponse(match, { onApplied: () => swallowed() });
    // The dead terminal's operation never settles; nobody waits for it.
    void operation().catch(() => undefined);
    await answerLost;
    const sending = (await rig.journal()).filter((record) => record.status === 'sending');
    expect(sending).toHaveLength(1);
    await rig.crashAndRestart();
    await rig.terminal.login('01', '0000');
    return sending[0] as JournalRecord;
  }

  async function balanceOf(pan: string): Promise<number | undefined> {
    rig.present(pan, 'insert', '123456');
    return (await rig.terminal.balance()).record.balanceMinor;
  }

  it('queues the reversal of a sale found sending (reason 98) and sends it on resolvePending', async () => {
    expect(await balanceOf(TEN_YUAN_CARD)).toBe(1_000);
    rig.present(TEN_YUAN_CARD, 'insert', '123456');
    const left = await crashDuring({ mti: '0200', messageType: '22' }, () => rig.terminal.sale(700));
    expect(left).toMatchObject({ type: 'sale', amount: { amountMinor: 700 } });
    expect(await hostTransaction(host, TID, left.batch, left.stan)).toMatchObject({ status: 'approved' });

    expect(rig.terminal.interruptedAtStart).toEqual([
      expect.objectContaining({
        id: left.id,
        status: 'reversal-pending',
        recovery: { action: 'reverse', reason: '98', attempts: 0 },
      }),
    ]);
    expect((await rig.journal()).find((record) => record.id === left.id)?.status).toBe('reversal-pending');
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher: left.stan,
        status: 'reversal-pending',
        reason: '98',
        attemptsLeft: 3,
      }),
    ]);

    const reports = await rig.terminal.resolvePending();
    expect(reports).toEqual([
      expect.objectContaining({ resolved: true, record: expect.objectContaining({ status: 'reversed' }) }),
    ]);
    expect(rig.faults.requests({ mti: '0400' }).at(-1)).toMatchObject({ stan: left.stan });
    expect(rig.faults.requests({ mti: '0400' }).at(-1)?.fields[39]).toBe('98');
    expect(await hostTransaction(host, TID, left.batch, left.stan)).toMatchObject({ status: 'reversed' });
    expect(await balanceOf(TEN_YUAN_CARD)).toBe(1_000);
  });

  it('reverses an interrupted void before the next one, which the host then approves', async () => {
    rig.present(RICH_CARD, 'swipe', '123456');
    const sale = await rig.terminal.sale(5_000);
    expect(sale.approved).toBe(true);
    const left = await crashDuring({ mti: '0200', messageType: '23' }, () =>
      rig.terminal.voidSale(sale.record.stan, SUPERVISOR),
    );
    expect(left).toMatchObject({ type: 'void', original: { recordId: sale.record.id } });
    // The host voided the sale; the terminal never heard so.
    expect(await hostTransaction(host, TID, sale.record.batch, sale.record.stan)).toMatchObject({
      status: 'voided',
    });
    expect(rig.terminal.interruptedAtStart).toEqual([
      expect.objectContaining({
        id: left.id,
        status: 'reversal-pending',
        recovery: expect.objectContaining({ reason: '98' }),
      }),
    ]);
    expect(rig.terminal.transaction(sale.record.stan).voidedBy).toBeUndefined();

    // Voiding again: the pending reversal goes first and gives the sale back its amount at the host.
    rig.present(RICH_CARD, 'swipe', '123456');
    const again = await rig.terminal.voidSale(sale.record.stan, SUPERVISOR);
    expect(again).toMatchObject({ approved: true, responseCode: '00' });
    expect(
      rig.faults
        .requests()
        .slice(-2)
        .map((entry) => [entry.mti, entry.stan]),
    ).toEqual([
      ['0400', left.stan],
      ['0200', again.record.stan],
    ]);
    const journal = await rig.journal();
    expect(journal.find((record) => record.id === left.id)).toMatchObject({ status: 'reversed' });
    expect(journal.find((record) => record.id === sale.record.id)?.voidedBy).toBe(again.record.id);
    expect(await hostTransaction(host, TID, left.batch, left.stan)).toMatchObject({
      kind: 'void',
      status: 'reversed',
    });
    expect(await hostTransaction(host, TID, again.record.batch, again.record.stan)).toMatchObject({
      kind: 'void',
      status: 'approved',
    });
    expect(await hostTransaction(host, TID, sale.record.batch, sale.record.stan)).toMatchObject({
      status: 'voided',
    });
  });

  it('repeats an interrupted refund after the restart and takes the host’s answer', async () => {
    rig.present(RICH_CARD, 'insert', '123456');
    const sale = await rig.terminal.sale(9_000);
    rig.present(RICH_CARD, 'insert');
    const left = await crashDuring({ mti: '0220' }, () =>
      rig.terminal.refund({
        rrn: sale.record.rrn ?? '',
        date: sale.record.date,
        amountMinor: 2_500,
        supervisorPassword: SUPERVISOR,
      }),
    );
    expect(rig.terminal.interruptedAtStart).toEqual([
      expect.objectContaining({
        id: left.id,
        status: 'unknown',
        recovery: expect.objectContaining({ action: 'repeat' }),
      }),
    ]);
    const reports = await rig.terminal.resolvePending();
    expect(reports).toEqual([expect.objectContaining({ resolved: true })]);
    expect(rig.terminal.transaction(left.stan)).toMatchObject({ status: 'approved', responseCode: '00' });
    expect(rig.terminal.transaction(sale.record.stan).refundedMinor).toBe(2_500);
  });

  it('drops an interrupted balance inquiry: no money moved, nothing to recover', async () => {
    rig.present(RICH_CARD, 'insert', '123456');
    const left = await crashDuring({ mti: '0200', processingCode: '310000' }, () => rig.terminal.balance());
    expect(rig.terminal.interruptedAtStart).toEqual([
      expect.objectContaining({ id: left.id, status: 'declined' }),
    ]);
    expect(rig.terminal.status().pending).toEqual([]);
    // A new sale takes the next STAN: the dead terminal's STAN is never used again.
    rig.present(RICH_CARD, 'insert', '123456');
    const sale = await rig.terminal.sale(100);
    expect(sale.approved).toBe(true);
    expect(Number(sale.record.stan)).toBeGreaterThan(Number(left.stan));
  });
});

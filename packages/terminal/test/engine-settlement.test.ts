import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MAGSTRIPE_UPLOAD_ENTRIES } from '@payterm/protocol';
import type { TerminalState } from '../src/engine/terminal-state.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { hostAudit } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
/** The load-test card: no velocity limits, so a dozen sales in a row stay approved. */
const LOAD_CARD = '6200001000000110';

async function sell(rig: EngineRig, count: number, firstAmountMinor: number): Promise<void> {
  rig.present(LOAD_CARD, 'insert', '123456');
  for (let index = 0; index < count; index += 1) {
    const outcome = await rig.terminal.sale(firstAmountMinor + index);
    expect(outcome.approved).toBe(true);
  }
}

async function loginSupervisor(rig: EngineRig): Promise<void> {
  await rig.terminal.login('00', '123456');
}

describe('settlement against the real host: unbalanced with batch upload, and settling again', () => {
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

  it('uploads every settled record in chunks of 8 and ends with 202 when a sale is missing', async () => {
    await sell(rig, 11, 1_001);
    const batch = rig.terminal.status().batch;
    const lost = (await rig.journal()).filter((record) => record.status === 'approved')[4];
    expect(lost).toBeDefined();
    // The journal document of one approved sale is gone (a damaged journal): the host has 11, we 10.
    await rig.storage.write([{ collection: 'journal', key: lost?.id ?? '', value: null }]);
    await rig.reopen();
    await loginSupervisor(rig);
    expect(rig.terminal.status().batchCount).toBe(10);

    const outcome = await rig.terminal.settle();
    expect(outcome).toMatchObject({ approved: true, responseCode: '00' });
    expect(outcome.message.en).toBe('Settled, unbalanced: 10 uploaded');
    expect(outcome.report).toMatchObject({
      batch,
      balanced: false,
      domestic: { debitCount: 10 },
      domesticResult: 'unbalanced',
      foreignResult: 'balanced',
      differences: [{ scope: 'domestic', result: 'unbalanced' }],
      uploadedCount: 10,
    });
    const slip = outcome.slips[0]?.lines.join('\n') ?? '';
    expect(slip).toContain('UNBALANCED');
    expect(slip).toContain('DIFFERENCES');
    expect(slip).toContain('BATCH UPLOAD 10');
    expect(rig.printer.lastText()).toBe(slip);

    // On the wire: 0500, then 0320/201 with 8 and 2 records, then 0320/202 with the count.
    const uploads = rig.faults.requests({ mti: '0320', networkCode: '201' });
    expect(uploads.map((entry) => String(entry.fields[48]).slice(0, 2))).toEqual(['08', '02']);
    expect(MAX_MAGSTRIPE_UPLOAD_ENTRIES).toBe(8);
    const uploadedStans = uploads.flatMap((entry) => {
      const field48 = String(entry.fields[48]);
      const count = Number(field48.slice(0, 2));
      return Array.from({ length: count }, (_, index) =>
        field48.slice(2 + index * 40 + 2, 2 + index * 40 + 8),
      );
    });
    expect(uploadedStans).toHaveLength(10);
    expect(uploadedStans).not.toContain(lost?.stan);
    const end = rig.faults.requests({ mti: '0320', networkCode: '202' });
    expect(end.map((entry) => entry.fields[48])).toEqual(['0010']);
    expect(rig.faults.requests({ mti: '0320', networkCode: '207' })).toEqual([]);

    // The host's view: it counted 11, compared each uploaded record, and logged the end.
    const [settlement] = await host.runtime.repositories.settlements.listForBatch(TID, batch);
    expect(settlement).toMatchObject({ domesticResult: 'unbalanced' });
    expect(JSON.parse(settlement?.hostTotalsJson ?? '{}')).toMatchObject({ domestic: { debitCount: 11 } });
    const audit = await hostAudit(host, 'batch-upload', TID, batch);
    expect(audit.map((entry) => entry.details)).toEqual([
      { type: 'magstripe', records: 8, differences: [] },
      { type: 'magstripe', records: 2, differences: [] },
      { type: 'end', uploaded: 10, balanced: false },
    ]);

    const state = await rig.storage.get<TerminalState>('state', 'terminal');
    expect(state).toMatchObject({ batch: outcome.report?.nextBatch, lastSettlement: outcome.report });
    expect(rig.terminal.status().batch).toBe(outcome.report?.nextBatch);
    expect(rig.terminal.status().batchCount).toBe(0);
    const reprint = await rig.terminal.reprintSettlement();
    expect(reprint.slips[0]?.lines.join('\n')).toContain('UNBALANCED');
    expect(reprint.slips[0]?.lines.join('\n')).toContain('REPRINT');
  });

  it('runs an unbalanced settlement again after the answer to an upload chunk was lost', async () => {
    await sell(rig, 10, 4_001);
    const batch = rig.terminal.status().batch;
    const lost = (await rig.journal()).filter((record) => record.batch === batch)[2];
    await rig.storage.write([{ collection: 'journal', key: lost?.id ?? '', value: null }]);
    await rig.reopen();
    await loginSupervisor(rig);
    // The first chunk goes through, the answer to the second is lost.
    rig.faults.passNext({ mti: '0320', networkCode: '201' });
    rig.faults.dropNextResponse({ mti: '0320', networkCode: '201' });
    const first = await rig.terminal.settle();
    expect(first).toMatchObject({ approved: false, responseCode: null });
    expect(rig.faults.pendingRules).toBe(0);
    expect(rig.terminal.status().batch).toBe(batch);

    const second = await rig.terminal.settle();
    expect(second).toMatchObject({ approved: true });
    expect(second.report).toMatchObject({ batch, balanced: false, uploadedCount: 9 });
    const audit = await hostAudit(host, 'batch-upload', TID, batch);
    expect(audit.map((entry) => entry.details['records'] ?? entry.details['uploaded'])).toEqual([
      8, 1, 8, 1, 9,
    ]);
    expect(audit.at(-1)?.details).toEqual({ type: 'end', uploaded: 9, balanced: false });
  });

  it('completes a settlement whose end was not answered when it is run again', async () => {
    await sell(rig, 2, 2_001);
    const batch = rig.terminal.status().batch;
    rig.faults.dropNextResponse({ mti: '0320', networkCode: '207' });
    const first = await rig.terminal.settle();
    expect(rig.faults.pendingRules).toBe(0);
    expect(first).toMatchObject({ approved: false, responseCode: null, slips: [] });
    expect(first.message.en).toContain('settle again');
    expect(first.report).toBeUndefined();
    // The host closed the batch; the terminal has not moved on.
    const hostBatch = (await host.runtime.repositories.terminals.get(TID))?.batchNo;
    expect(hostBatch).not.toBe(batch);
    expect(rig.terminal.status()).toMatchObject({ batch, batchCount: 2 });
    // Until it has finished here, nothing else goes (a sale would land in the host's next batch).
    expect(rig.terminal.status().settlementRequired).toBe('unfinished');
    rig.present(LOAD_CARD, 'insert', '123456');
    await expect(rig.terminal.sale(2_100)).rejects.toMatchObject({
      code: 'TERMINAL_SETTLEMENT_REQUIRED',
      details: { reason: 'unfinished' },
    });

    const second = await rig.terminal.settle();
    expect(second).toMatchObject({ approved: true, responseCode: '00' });
    expect(second.report).toMatchObject({ batch, balanced: true, uploadedCount: 0, nextBatch: hostBatch });
    expect(second.slips[0]?.lines.join('\n')).toContain('BALANCED');
    const settlements = rig.faults
      .requests({ mti: '0500' })
      .filter((entry) => String(entry.fields[60]).slice(2, 8) === batch);
    expect(settlements).toHaveLength(2);
    expect(settlements[1]?.stan).not.toBe(settlements[0]?.stan);
    expect(await host.runtime.repositories.settlements.listForBatch(TID, batch)).toHaveLength(1);
    expect(rig.terminal.status().settlementRequired).toBeNull();

    const next = await rig.terminal.sale(2_100);
    expect(next).toMatchObject({ approved: true, signedInAgain: false });
    expect(next.record.batch).toBe(hostBatch);
  });
});

describe('a full batch asks for settlement before the next sale', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID, profile: { maxBatchTransactions: 2 } });
    await rig.terminal.login('00', '123456');
    expect((await rig.terminal.signIn()).approved).toBe(true);
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('refuses the third sale with TERMINAL_SETTLEMENT_REQUIRED and shows why', async () => {
    await sell(rig, 2, 3_001);
    const batch = rig.terminal.status().batch;
    expect(rig.terminal.status()).toMatchObject({ batchCount: 2, settlementRequired: 'batch-full' });
    const requestsBefore = rig.faults.requests().length;
    const stanBefore = (await rig.storage.get<TerminalState>('state', 'terminal'))?.lastStan;

    await expect(rig.terminal.sale(3_003)).rejects.toMatchObject({
      code: 'TERMINAL_SETTLEMENT_REQUIRED',
      details: { batch, count: 2 },
    });
    // Refused before the card is read: nothing sent, no STAN taken.
    expect(rig.faults.requests().slice(requestsBefore)).toEqual([]);
    expect((await rig.storage.get<TerminalState>('state', 'terminal'))?.lastStan).toBe(stanBefore);
    // A balance inquiry moves no money and is not counted.
    rig.present(LOAD_CARD, 'insert', '123456');
    expect(await rig.terminal.balance()).toMatchObject({ approved: true });

    await rig.reopen();
    await rig.terminal.login('00', '123456');
    expect(rig.terminal.status()).toMatchObject({ settlementRequired: 'batch-full' });
    await expect(rig.terminal.sale(3_003)).rejects.toMatchObject({ code: 'TERMINAL_SETTLEMENT_REQUIRED' });

    const settled = await rig.terminal.settle();
    expect(settled).toMatchObject({ approved: true });
    expect(rig.terminal.status()).toMatchObject({ batchCount: 0, settlementRequired: null });
    expect(await rig.terminal.sale(3_003)).toMatchObject({ approved: true });
  });

  it('refuses to settle while a reversal is waiting', async () => {
    rig.faults.dropNextResponse(
      { mti: '0200', messageType: '22' },
      { onApplied: () => rig.faults.goOffline() },
    );
    rig.present(LOAD_CARD, 'insert', '123456');
    const lost = await rig.terminal.sale(3_100);
    expect(lost.record.status).toBe('reversal-pending');
    await expect(rig.terminal.settle()).rejects.toMatchObject({ code: 'TERMINAL_REVERSAL_PENDING' });
    expect(rig.faults.requests({ mti: '0500' }).length).toBe(1);
    rig.faults.goOnline();
    const settled = await rig.terminal.settle();
    expect(settled).toMatchObject({ approved: true });
    expect(rig.terminal.transaction(lost.record.stan, settled.report?.batch)).toMatchObject({
      status: 'reversed',
    });
  });
});

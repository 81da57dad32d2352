import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ENGINE_RESPONSE_TIMEOUT_MS,
  openEngineRig,
  openWarmHost,
  type EngineRig,
} from './support/engine-rig.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const RICH_CARD = '6200001000000011';
/** Balance 10.00 CNY: any sale that is not undone shows in its balance. */
const TEN_YUAN_CARD = '6200001000000037';

async function balanceOf(rig: EngineRig, pan: string): Promise<number | undefined> {
  rig.present(pan, 'insert', '123456');
  const outcome = await rig.terminal.balance();
  expect(outcome.approved).toBe(true);
  return outcome.record.balanceMinor;
}

describe('reversal of unanswered and rejected answers, against the real host', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    // The late answer of 9168 comes well after the terminal has given up and reversed.
    host = await openWarmHost({ lateResponseMs: ENGINE_RESPONSE_TIMEOUT_MS * 3 });
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('reverses a sale the host approved but never answered (9198): the money comes back', async () => {
    const before = await balanceOf(rig, RICH_CARD);
    rig.present(RICH_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(19_198);
    expect(outcome).toMatchObject({ approved: false, outcome: 'timeout', responseCode: null });
    expect(outcome.record).toMatchObject({
      status: 'reversed',
      recovery: { action: 'reverse', reason: '98', attempts: 1, responseCode: '00' },
    });
    expect(outcome.message.en).toContain('reversed');
    const reversals = rig.faults
      .requests({ mti: '0400' })
      .filter((entry) => entry.stan === outcome.record.stan);
    expect(reversals.map((entry) => entry.fields[39])).toEqual(['98']);
    expect(await hostTransaction(host, TID, outcome.record.batch, outcome.record.stan)).toMatchObject({
      kind: 'sale',
      amountMinor: 19_198,
      status: 'reversed',
    });
    expect(await balanceOf(rig, RICH_CARD)).toBe(before);
    expect(rig.terminal.status().pending).toEqual([]);
  });

  it('reverses a sale whose answer is lost on the way back: the 10.00 balance is whole again', async () => {
    expect(await balanceOf(rig, TEN_YUAN_CARD)).toBe(1_000);
    rig.faults.dropNextResponse({ mti: '0200', messageType: '22' });
    rig.present(TEN_YUAN_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(600);
    expect(outcome).toMatchObject({ approved: false, outcome: 'timeout' });
    expect(outcome.record.status).toBe('reversed');
    expect(rig.faults.responses('0200').at(-1)).toMatchObject({
      stan: outcome.record.stan,
      responseCode: '00',
      fate: 'swallowed',
    });
    expect(rig.faults.pendingRules).toBe(0);
    const stored = (await rig.journal()).find((record) => record.id === outcome.record.id);
    expect(stored).toMatchObject({ status: 'reversed', recovery: { reason: '98' } });
    // Chip data is kept only while a reversal may still need it.
    expect(stored?.iccHex).toBeUndefined();
    expect(await hostTransaction(host, TID, outcome.record.batch, outcome.record.stan)).toMatchObject({
      status: 'reversed',
    });
    // Without the reversal 6.00 would be gone and a second 6.00 sale would decline 51.
    expect(await balanceOf(rig, TEN_YUAN_CARD)).toBe(1_000);
    rig.present(TEN_YUAN_CARD, 'insert', '123456');
    expect(await rig.terminal.sale(600)).toMatchObject({ approved: true, responseCode: '00' });
    expect(await balanceOf(rig, TEN_YUAN_CARD)).toBe(400);
  });

  it('reverses a request lost on the way out: the host answers the 0400 for a STAN it never saw', async () => {
    rig.faults.dropNextRequest({ mti: '0200', messageType: '22' });
    rig.present(RICH_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(777);
    expect(outcome).toMatchObject({ outcome: 'timeout' });
    expect(outcome.record.status).toBe('reversed');
    expect(rig.faults.requests({ mti: '0200' }).at(-1)).toMatchObject({
      stan: outcome.record.stan,
      fate: 'dropped',
    });
    expect(rig.faults.responses('0400').at(-1)).toMatchObject({
      stan: outcome.record.stan,
      fate: 'delivered',
    });
    expect(await hostTransaction(host, TID, outcome.record.batch, outcome.record.stan)).toBeUndefined();
  });

  it('reverses an approval whose MAC is wrong with reason A0 and says mac-error', async () => {
    const before = await balanceOf(rig, RICH_CARD);
    rig.faults.corruptNextMac({ mti: '0200', messageType: '22' });
    rig.present(RICH_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(2_500);
    expect(outcome).toMatchObject({ approved: false, outcome: 'mac-error', responseCode: null });
    expect(outcome.record).toMatchObject({
      status: 'reversed',
      recovery: { action: 'reverse', reason: 'A0', attempts: 1 },
    });
    expect(outcome.slips).toEqual([]);
    const reversal = rig.faults.requests({ mti: '0400' }).at(-1);
    expect(reversal).toMatchObject({ stan: outcome.record.stan, fate: 'sent' });
    expect(reversal?.fields[39]).toBe('A0');
    // The MAC of the 0400 itself is right: the host took it and undid the sale.
    expect(await hostTransaction(host, TID, outcome.record.batch, outcome.record.stan)).toMatchObject({
      status: 'reversed',
    });
    expect(await balanceOf(rig, RICH_CARD)).toBe(before);
    // A wrong MAC on the answer is not the host asking for a new sign-in.
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, resignInReason: null });
  });

  it('reverses a late answer (9168) and never takes the late 0210 for an answer', async () => {
    const before = (await rig.terminal.diagnose()).unmatchedResponses;
    rig.present(RICH_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(9_168);
    expect(outcome).toMatchObject({ outcome: 'timeout' });
    expect(outcome.record.status).toBe('reversed');
    const stan = outcome.record.stan;
    await vi.waitFor(
      () => {
        expect(rig.faults.responses('0200').some((entry) => entry.stan === stan)).toBe(true);
      },
      { timeout: 10_000, interval: 50 },
    );
    const late = rig.faults.responses('0200').find((entry) => entry.stan === stan);
    expect(late).toMatchObject({ responseCode: '00', fate: 'delivered' });
    const diagnostics = await rig.terminal.diagnose();
    expect(diagnostics.unmatchedResponses).toBe(before + 1);
    expect(diagnostics.pending).toEqual([]);
    expect(
      (await rig.journal()).find((record) => record.stan === stan && record.batch === outcome.record.batch),
    ).toMatchObject({ status: 'reversed' });
    expect(await hostTransaction(host, TID, outcome.record.batch, stan)).toMatchObject({
      status: 'reversed',
    });
  });

  it('takes a host decline (9196 → 96, 9191 → 91) as final: nothing to reverse', async () => {
    for (const [amountMinor, code] of [
      [9_196, '96'],
      [9_191, '91'],
    ] as const) {
      rig.present(RICH_CARD, 'insert', '123456');
      const outcome = await rig.terminal.sale(amountMinor);
      expect(outcome).toMatchObject({ approved: false, outcome: 'declined', responseCode: code, slips: [] });
      expect(outcome.record).toMatchObject({ status: 'declined', responseCode: code });
      expect(outcome.record.recovery).toBeUndefined();
      expect(outcome.message.en.length).toBeGreaterThan(0);
      expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === outcome.record.stan)).toBe(
        false,
      );
    }
    expect(rig.terminal.status().pending).toEqual([]);
  });

  it('takes the first of a duplicated answer (9194): one approved record, the duplicate counted', async () => {
    const before = (await rig.terminal.diagnose()).unmatchedResponses;
    const printedBefore = rig.printer.printed.length;
    const journalBefore = (await rig.journal()).length;
    rig.present(RICH_CARD, 'insert', '123456');
    const outcome = await rig.terminal.sale(9_194);
    expect(outcome).toMatchObject({ approved: true, responseCode: '00', outcome: 'approved' });
    await vi.waitFor(
      () => {
        expect(
          rig.faults.responses('0200').filter((entry) => entry.stan === outcome.record.stan),
        ).toHaveLength(2);
      },
      { timeout: 5_000, interval: 20 },
    );
    expect((await rig.terminal.diagnose()).unmatchedResponses).toBe(before + 1);
    const journal = await rig.journal();
    expect(journal).toHaveLength(journalBefore + 1);
    expect(journal.filter((record) => record.stan === outcome.record.stan)).toEqual([
      expect.objectContaining({ status: 'approved', amount: { amountMinor: 9_194, currency: '156' } }),
    ]);
    expect(rig.printer.printed.length - printedBefore).toBe(2);
    expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === outcome.record.stan)).toBe(
      false,
    );
  });
});

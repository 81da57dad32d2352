import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const CARD = '6200001000000011';

/** Another device on the same TID settles the terminal's open batch: the host moves to the next one. */
async function settleBehindTheTerminalsBack(host: TcpTestHost, batch: string): Promise<string> {
  const other = await host.connectTerminal(TID, 5_000, { batch });
  try {
    const settled = await other.settle();
    expect(settled.response.responseCode).toBe('00');
  } finally {
    await other.close();
  }
  const record = await host.runtime.repositories.terminals.get(TID);
  expect(record?.batchNo).not.toBe(batch);
  return record?.batchNo ?? '';
}

describe('sign in again when the host says so (77, A0, header digit 3), and not after a sign-off', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
    rig.present(CARD, 'insert', '123456');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('answers a batch mismatch (77, header 3) by signing in again at once and adopting the host batch', async () => {
    const oldBatch = rig.terminal.status().batch;
    const hostBatch = await settleBehindTheTerminalsBack(host, oldBatch);
    const refused = await rig.terminal.sale(1_000);
    expect(refused).toMatchObject({
      approved: false,
      outcome: 'declined',
      responseCode: '77',
      signedInAgain: true,
    });
    expect(refused.record).toMatchObject({ status: 'declined', batch: oldBatch });
    expect(rig.faults.responses('0200').at(-1)?.header?.charAt(5)).toBe('3');
    expect(rig.faults.requests().at(-1)?.mti).toBe('0800');
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, resignInReason: null, batch: hostBatch });
    expect(await hostTransaction(host, TID, oldBatch, refused.record.stan)).toBeUndefined();

    const sale = await rig.terminal.sale(1_000);
    expect(sale).toMatchObject({ approved: true, signedInAgain: false });
    expect(sale.record.batch).toBe(hostBatch);
    expect(await hostTransaction(host, TID, hostBatch, sale.record.stan)).toMatchObject({
      status: 'approved',
    });
  });

  it('signs in before the next transaction when the sign-in right after the 77 got no answer', async () => {
    const oldBatch = rig.terminal.status().batch;
    const hostBatch = await settleBehindTheTerminalsBack(host, oldBatch);
    rig.faults.dropNextResponse({ mti: '0800' });
    const refused = await rig.terminal.sale(1_100);
    expect(refused).toMatchObject({ responseCode: '77', signedInAgain: false });
    expect(rig.terminal.status()).toMatchObject({
      signedIn: false,
      resignInReason: 'batch-mismatch',
      batch: oldBatch,
    });
    const stored = await rig.storage.get<{ signedIn: boolean; resignInReason: string }>('state', 'terminal');
    expect(stored).toMatchObject({ signedIn: false, resignInReason: 'batch-mismatch' });

    const sale = await rig.terminal.sale(1_200);
    expect(sale).toMatchObject({ approved: true, signedInAgain: true });
    expect(sale.record.batch).toBe(hostBatch);
    expect(
      rig.faults
        .requests()
        .slice(-2)
        .map((entry) => entry.mti),
    ).toEqual(['0800', '0200']);
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, resignInReason: null });
  });

  it('signs in again after an A0 (another device rotated the MAK); the host processed nothing', async () => {
    const other = await host.connectTerminal(TID, 5_000);
    try {
      await other.signIn();
    } finally {
      await other.close();
    }
    const refused = await rig.terminal.sale(1_300);
    expect(refused).toMatchObject({ outcome: 'declined', responseCode: 'A0', signedInAgain: true });
    expect(rig.faults.responses('0200').at(-1)?.header?.charAt(5)).toBe('3');
    expect(await hostTransaction(host, TID, refused.record.batch, refused.record.stan)).toBeUndefined();
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, resignInReason: null });
    expect(await rig.terminal.sale(1_300)).toMatchObject({ approved: true });
  });

  it('keeps an approval that asks for a sign-in (header digit 3) and signs in before the next sale', async () => {
    rig.faults.askSignInOnNextResponse({ mti: '0200', messageType: '22' });
    const sale = await rig.terminal.sale(1_400);
    expect(sale).toMatchObject({ approved: true, responseCode: '00', signedInAgain: false });
    expect(sale.record.status).toBe('approved');
    expect(rig.faults.responses('0200').at(-1)).toMatchObject({
      fate: 'sign-in-asked',
      stan: sale.record.stan,
    });
    expect(rig.terminal.status()).toMatchObject({ signedIn: false, resignInReason: 'host-request' });

    const next = await rig.terminal.sale(1_500);
    expect(next).toMatchObject({ approved: true, signedInAgain: true });
    expect(
      rig.faults
        .requests()
        .slice(-2)
        .map((entry) => entry.mti),
    ).toEqual(['0800', '0200']);
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, resignInReason: null });
  });

  it('forgets the working keys at sign-off and never signs in on its own after it', async () => {
    const before = (await rig.terminal.diagnose()).checkValues;
    expect(before.mak).toMatch(/^[0-9A-F]{8}$/);
    const signedOff = await rig.terminal.signOff();
    expect(signedOff).toMatchObject({ approved: true, responseCode: '00' });
    const after = (await rig.terminal.diagnose()).checkValues;
    expect(after).toMatchObject({ tmk: before.tmk });
    expect(after.pik).toBeUndefined();
    expect(after.mak).toBeUndefined();
    expect(rig.terminal.status()).toMatchObject({ signedIn: false, resignInReason: 'signed-off' });
    expect(await host.runtime.repositories.terminals.get(TID)).toMatchObject({ signedIn: false });

    const requestsBefore = rig.faults.requests().length;
    await expect(rig.terminal.sale(1_600)).rejects.toMatchObject({
      code: 'TERMINAL_NOT_SIGNED_IN',
      details: { reason: 'signed-off' },
    });
    await expect(rig.terminal.balance()).rejects.toMatchObject({ code: 'TERMINAL_NOT_SIGNED_IN' });
    expect(rig.faults.requests().slice(requestsBefore)).toEqual([]);

    // The same after a restart: the sign-off is remembered, the keys stay gone.
    await rig.reopen();
    await rig.terminal.login('01', '0000');
    await expect(rig.terminal.sale(1_600)).rejects.toMatchObject({ code: 'TERMINAL_NOT_SIGNED_IN' });
    expect((await rig.terminal.diagnose()).checkValues.mak).toBeUndefined();

    expect((await rig.terminal.signIn()).approved).toBe(true);
    expect(await rig.terminal.sale(1_600)).toMatchObject({ approved: true });
  });

  it('spends no reversal attempt while signed off, and sends the reversal with the next sign-in', async () => {
    rig.faults.dropNextResponse(
      { mti: '0200', messageType: '22' },
      { onApplied: () => rig.faults.goOffline() },
    );
    const lost = await rig.terminal.sale(1_700);
    expect(lost.record).toMatchObject({ status: 'reversal-pending', recovery: { attempts: 1 } });
    rig.faults.goOnline();
    expect((await rig.terminal.signOff()).approved).toBe(true);

    for (let round = 0; round < 3; round += 1) expect(await rig.terminal.resolvePending()).toEqual([]);
    expect(rig.terminal.transaction(lost.record.stan)).toMatchObject({
      status: 'reversal-pending',
      recovery: { attempts: 1 },
    });
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher: lost.record.stan,
        attemptsLeft: 2,
        nextTry: 'before-next-transaction',
      }),
    ]);
    expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === lost.record.stan)).toBe(false);

    expect((await rig.terminal.signIn()).approved).toBe(true);
    expect(
      rig.faults
        .requests()
        .slice(-2)
        .map((entry) => [entry.mti, entry.stan]),
    ).toEqual([
      ['0800', expect.any(String)],
      ['0400', lost.record.stan],
    ]);
    expect(rig.terminal.transaction(lost.record.stan)).toMatchObject({
      status: 'reversed',
      recovery: { attempts: 2, responseCode: '00' },
    });
    expect(await hostTransaction(host, TID, lost.record.batch, lost.record.stan)).toMatchObject({
      status: 'reversed',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { hostTransaction } from './support/host-view.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const CARD = '6200001000000011';

describe('a 0410 that says 77 processed nothing: the reversal is not taken as done', () => {
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

  it('keeps the reversal pending, then gives it up for the bank once the host has settled the batch', async () => {
    const batch = rig.terminal.status().batch;
    rig.faults.dropNextResponse({ mti: '0200' });
    rig.faults.dropNextRequest({ mti: '0400' });
    const sale = await rig.terminal.sale(1_500);
    expect(sale).toMatchObject({ outcome: 'timeout' });
    expect(sale.record.status).toBe('reversal-pending');

    // Another device settles the batch at the host, with the approved sale in it.
    const other = await host.connectTerminal(TID, 5_000, { batch });
    try {
      expect((await other.settle()).response.responseCode).toBe('00');
    } finally {
      await other.close();
    }

    await rig.terminal.resolvePending();
    const afterRefusal = (await rig.journal()).find((record) => record.id === sale.record.id);
    expect(afterRefusal).toMatchObject({
      status: 'reversal-pending',
      recovery: { action: 'reverse', attempts: 2, lastError: 'host-77' },
    });
    expect(rig.terminal.status()).toMatchObject({ signedIn: false, resignInReason: 'batch-mismatch' });
    // The money did move: the host still has the sale approved in the settled batch.
    expect(await hostTransaction(host, TID, batch, sale.record.stan)).toMatchObject({ status: 'approved' });

    // The next sale signs in again; the reversal still cannot be processed and is given up.
    const next = await rig.terminal.sale(700);
    expect(next).toMatchObject({ approved: true, signedInAgain: true });
    const givenUp = (await rig.journal()).find((record) => record.id === sale.record.id);
    expect(givenUp).toMatchObject({
      status: 'reversal-failed',
      recovery: { attempts: 3, lastError: 'host-77' },
    });
    expect(rig.terminal.status().pending).toEqual([
      expect.objectContaining({
        voucher: sale.record.stan,
        status: 'reversal-failed',
        nextTry: 'call-the-bank',
      }),
    ]);
  });
});

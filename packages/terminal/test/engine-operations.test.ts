import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalState } from '../src/engine/terminal-state.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const CARD = '6200001000000011';
const SUPERVISOR = '123456';

/** The error an operation fails with, whether it throws at once or rejects. */
async function failureOf(operation: () => unknown): Promise<unknown> {
  try {
    await operation();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('printer, lock and operator gate of the terminal', () => {
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

  it('approves a sale with the paper out, prints nothing, and reprints it later marked REPRINT', async () => {
    rig.printer.paperOut = true;
    const printedBefore = rig.printer.printed.length;
    const sale = await rig.terminal.sale(4_321);
    expect(sale).toMatchObject({ approved: true, responseCode: '00' });
    expect(sale.record.status).toBe('approved');
    expect(rig.printer.printed).toHaveLength(printedBefore);
    expect((await rig.journal()).find((record) => record.id === sale.record.id)?.status).toBe('approved');
    expect((await rig.storage.get<TerminalState>('state', 'terminal'))?.lastSlipRecordId).toBe(
      sale.record.id,
    );

    rig.printer.paperOut = false;
    const reprinted = await rig.terminal.reprintLast();
    expect(reprinted.paperOut).toBe(false);
    expect(rig.printer.printed).toHaveLength(printedBefore + 1);
    const slip = rig.printer.printed.at(-1);
    expect(slip).toMatchObject({ kind: 'transaction', copy: 'merchant', reprint: true });
    const text = slip?.lines.join('\n') ?? '';
    expect(text).toContain('REPRINT');
    expect(text).toContain('620000******0011');
    expect(text).toContain(sale.record.stan);
    expect(text).toContain('43.21');
    expect(await rig.terminal.reprint(sale.record.stan)).toMatchObject({ paperOut: false });
  });

  it('locks: every operator function refuses until someone logs in, across a restart', async () => {
    rig.present(CARD, 'insert', '123456');
    const sale = await rig.terminal.sale(1_234);
    const settledBatch = rig.terminal.status().batch;
    await rig.terminal.lock();
    expect(rig.terminal.status()).toMatchObject({ locked: true, operator: null });
    expect((await rig.storage.get<TerminalState>('state', 'terminal'))?.locked).toBe(true);
    const requestsBefore = rig.faults.requests().length;
    const printedBefore = rig.printer.printed.length;

    const t = rig.terminal;
    const reference = { authCode: sale.record.authCode ?? '', date: sale.record.date, amountMinor: 100 };
    const operations: Record<string, () => unknown> = {
      sale: () => t.sale(100),
      balance: () => t.balance(),
      void: () => t.voidSale(sale.record.stan, SUPERVISOR),
      refund: () =>
        t.refund({
          rrn: sale.record.rrn ?? '',
          date: sale.record.date,
          amountMinor: 100,
          supervisorPassword: SUPERVISOR,
        }),
      preauth: () => t.preauth(100),
      preauthCancel: () => t.preauthCancel({ ...reference, supervisorPassword: SUPERVISOR }),
      completion: () => t.completion(reference),
      completionVoid: () => t.completionVoid(sale.record.stan, SUPERVISOR),
      signIn: () => t.signIn(),
      signOff: () => t.signOff(),
      settle: () => t.settle(),
      query: () => t.query(),
      today: () => t.today(),
      transaction: () => t.transaction(sale.record.stan, settledBatch),
      totals: () => t.totals(),
      reprintLast: () => t.reprintLast(),
      reprint: () => t.reprint(sale.record.stan),
      reprintSettlement: () => t.reprintSettlement(),
      printDetailList: () => t.printDetailList(),
      printTotals: () => t.printTotals(),
      listOperators: () => t.listOperators(),
      addCashier: () => t.addCashier('05', '5555'),
      removeCashier: () => t.removeCashier('05'),
      resetPassword: () => t.resetPassword('01', '1111'),
      unlockOperator: () => t.unlockOperator('01'),
      changePassword: () => t.changePassword('0000', '1234'),
      auditLog: () => t.auditLog(),
      loadMasterKey: () => t.loadMasterKey('0123456789ABCDEFFEDCBA9876543210', '08D7B4'),
      lock: () => t.lock(),
    };
    const refusals: Record<string, unknown> = {};
    for (const [name, operation] of Object.entries(operations)) {
      const error = (await failureOf(operation)) as { code?: string } | undefined;
      refusals[name] = error?.code;
    }
    const expected = Object.fromEntries(
      Object.keys(operations).map((name) => [
        name,
        expect.stringMatching(/^TERMINAL_(LOGIN_REQUIRED|LOCKED)$/),
      ]),
    );
    expect(refusals).toEqual(expected);
    expect(rig.faults.requests()).toHaveLength(requestsBefore);
    expect(rig.printer.printed).toHaveLength(printedBefore);
    // Only what needs no operator still works (the CLI's diagnose / status / resolve): the echo test,
    // the status line and sending pending reversals.
    expect((await rig.terminal.echo()).approved).toBe(true);
    expect(await rig.terminal.resolvePending()).toEqual([]);
    expect(rig.terminal.status().locked).toBe(true);

    await rig.reopen();
    expect(rig.terminal.status()).toMatchObject({ locked: true, operator: null });
    await expect(rig.terminal.sale(100)).rejects.toMatchObject({ code: 'TERMINAL_LOGIN_REQUIRED' });
    await expect(rig.terminal.login('01', '9999')).rejects.toMatchObject({ code: 'TERMINAL_PASSWORD_WRONG' });
    expect(rig.terminal.status().locked).toBe(true);

    await rig.terminal.login('01', '0000');
    expect(rig.terminal.status()).toMatchObject({
      locked: false,
      operator: { number: '01', role: 'cashier' },
    });
    expect((await rig.storage.get<TerminalState>('state', 'terminal'))?.locked).toBe(false);
    rig.present(CARD, 'insert', '123456');
    expect(await rig.terminal.sale(100)).toMatchObject({ approved: true });
  });
});

describe('STANs: strictly increasing, never reused within a batch', () => {
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

  it('gives every new request the next STAN across declines, timeouts, a restart and a settlement', async () => {
    rig.present(CARD, 'insert', '123456');
    const first = await rig.terminal.sale(1_000);
    rig.present(CARD, 'insert', '999999');
    expect(await rig.terminal.sale(1_001)).toMatchObject({ responseCode: '55' });
    rig.present(CARD, 'insert', '123456');
    rig.faults.dropNextResponse({ mti: '0200', messageType: '22' });
    expect((await rig.terminal.sale(1_002)).record.status).toBe('reversed');
    await rig.terminal.echo();
    await rig.terminal.balance();
    rig.present(CARD, 'insert');
    rig.faults.dropNextResponse({ mti: '0220' });
    const refund = await rig.terminal.refund({
      rrn: first.record.rrn ?? '',
      date: first.record.date,
      amountMinor: 500,
      supervisorPassword: SUPERVISOR,
    });
    expect(refund.record.status).toBe('approved');
    const lastBeforeRestart = (await rig.storage.get<TerminalState>('state', 'terminal'))?.lastStan ?? 0;

    await rig.reopen();
    await rig.terminal.login('01', '0000');
    rig.present(CARD, 'insert', '123456');
    const afterRestart = await rig.terminal.sale(1_003);
    expect(Number(afterRestart.record.stan)).toBe(lastBeforeRestart + 1);
    await rig.terminal.signIn();
    const batch = rig.terminal.status().batch;
    await rig.terminal.login('00', SUPERVISOR);
    const settled = await rig.terminal.settle();
    expect(settled.approved).toBe(true);
    rig.present(CARD, 'insert', '123456');
    const nextBatchSale = await rig.terminal.sale(1_004);
    expect(nextBatchSale.record.batch).toBe(settled.report?.nextBatch);

    // On the wire: only a reversal (0400) and a refund's repeat (0220) carry a STAN sent before.
    const requests = rig.faults.requests();
    const seen = new Set<string>();
    const fresh: number[] = [];
    for (const entry of requests) {
      if (seen.has(entry.stan)) {
        expect(entry.mti === '0400' || entry.mti === '0220').toBe(true);
        continue;
      }
      seen.add(entry.stan);
      fresh.push(Number(entry.stan));
    }
    expect(fresh.length).toBeGreaterThan(10);
    for (let index = 1; index < fresh.length; index += 1) {
      expect(fresh[index]).toBeGreaterThan(fresh[index - 1] ?? 0);
    }
    const reused = requests.filter((entry) => entry.mti === '0400' || entry.mti === '0220');
    expect(reused.map((entry) => entry.mti).sort()).toEqual(['0220', '0220', '0400']);

    // In the journal and at the host: one record per STAN of the batch.
    const journalStans = (await rig.journal())
      .filter((record) => record.batch === batch)
      .map((record) => record.stan);
    expect(new Set(journalStans).size).toBe(journalStans.length);
    const hostRows = await host.runtime.repositories.transactions.listByBatch(TID, batch);
    // The host keeps a reversal as its own 0400 row under the STAN it reverses.
    const hostStans = hostRows.filter((row) => row.mtiClass !== '040').map((row) => row.stan);
    expect(hostStans.length).toBeGreaterThanOrEqual(5);
    expect(new Set(hostStans).size).toBe(hostStans.length);
    const stored = await rig.storage.get<TerminalState>('state', 'terminal');
    expect(stored?.lastStan).toBe(Math.max(...fresh));
  });
});

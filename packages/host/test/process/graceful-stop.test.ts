import { maskPan } from '@payterm/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { HostProcess } from '../support/host-process.js';
import { duplicateKeys, readIssuerAccount, readTransactions } from './host-records.js';
import { openProcessStorage, type ProcessStorage } from './process-database.js';
import { fireSales, LOAD_CARD, LOAD_CARD_OPENING_MINOR, type SaleOutcome } from './sale-burst.js';

const TIDS: readonly string[] = DEMO.tids;
const SALES_PER_TERMINAL = 150;
const STOP_AFTER_ANSWERS = 30;
const LATE_SALES_PER_TERMINAL = 50;

for (const dialect of TEST_DIALECTS) {
  describe(`SIGTERM while sales are in flight [${dialect}]`, () => {
    let storage: ProcessStorage | undefined;
    const terminals: TestTerminal[] = [];
    afterAll(async () => {
      await Promise.all(terminals.map((terminal) => terminal.close().catch(() => undefined)));
      await HostProcess.killAll();
      await storage?.cleanup();
    });

    it('answers what it took in, commits every answered sale, and exits 0', async () => {
      storage = await openProcessStorage(dialect);
      const host = await HostProcess.start({
        dataDir: storage.dataDir,
        ...(storage.db === undefined ? {} : { db: storage.db }),
        logLevel: 'info',
      });
      for (const tid of TIDS) {
        const terminal = await TestTerminal.connect({
          host: '127.0.0.1',
          port: host.isoPort,
          tid,
          mid: DEMO.mid,
          tmkHex: DEMO.tmkHex,
          timeoutMs: 10_000,
        });
        terminals.push(terminal);
        expect((await terminal.signIn()).response.responseCode).toBe('00');
      }

      let answers = 0;
      let answersAtSignal: number | undefined;
      let stopped: ReturnType<HostProcess['stop']> | undefined;
      const late: Promise<SaleOutcome[]>[] = [];
      const burst = (count: number, firstAmountMinor: number, onAnswer?: () => void) =>
        terminals.map((terminal, index) =>
          fireSales(terminal, {
            tid: TIDS[index] ?? '',
            count,
            firstAmountMinor: firstAmountMinor + index * count,
            timeoutMs: 10_000,
            ...(onAnswer === undefined ? {} : { onAnswer }),
          }),
        );
      const onAnswer = () => {
        answers += 1;
        if (answers !== STOP_AFTER_ANSWERS) return;
        answersAtSignal = answers;
        stopped = host.stop('SIGTERM');
        // Sales sent after the signal, while the host drains: answered in full or refused, never half-done.
        // (Frames that arrive after the connection stopped reading hold the stop for the whole drain
        // timeout, 10 s: the paused socket never reads the terminal's FIN behind them.)
        late.push(...burst(LATE_SALES_PER_TERMINAL, 100_000));
      };
      const inFlight = (await Promise.all(burst(SALES_PER_TERMINAL, 1_00, onAnswer))).flat();
      expect(stopped, 'SIGTERM was sent during the burst').toBeDefined();
      expect(await stopped, host.output).toEqual({ code: 0, signal: null });
      expect(host.stdout).toContain('"msg":"host stopped"');
      // The sales in flight when the signal arrived were still answered.
      expect(inFlight.filter((outcome) => outcome.answered !== undefined).length).toBeGreaterThan(
        answersAtSignal ?? 0,
      );
      const outcomes = [...inFlight, ...(await Promise.all(late)).flat()];

      const answered = outcomes.filter((outcome) => outcome.answered !== undefined);
      const unanswered = outcomes.filter((outcome) => outcome.answered === undefined);
      for (const outcome of answered) expect(outcome.answered?.response.responseCode).toBe('00');
      // What the host had not read when it stopped is refused by the closed connection, never half-done.
      for (const outcome of unanswered) expect(outcome.failure).toBe('TERMINAL_CONNECTION_CLOSED');

      const sales = (await readTransactions(storage.url, TIDS)).filter((row) => row.kind === 'sale');
      expect(duplicateKeys(sales)).toEqual([]);
      for (const outcome of answered) {
        const stored = sales.filter((sale) => sale.tid === outcome.tid && sale.stan === outcome.stan);
        expect(stored, `${outcome.tid}/${outcome.stan}`).toEqual([
          expect.objectContaining({
            amountMinor: outcome.amountMinor,
            rrn: outcome.answered?.response.rrn,
            authCode: outcome.answered?.response.authCode,
            responseCode: '00',
            status: 'approved',
          }),
        ]);
      }
      // A graceful stop answers every sale it committed: the database holds exactly the answered ones.
      expect(sales).toHaveLength(answered.length);
      const answeredMinor = answered.reduce((total, outcome) => total + outcome.amountMinor, 0);
      expect(await readIssuerAccount(storage.url, maskPan(LOAD_CARD.pan))).toEqual({
        balanceMinor: LOAD_CARD_OPENING_MINOR - answeredMinor,
        heldMinor: 0,
      });
    });
  });
}

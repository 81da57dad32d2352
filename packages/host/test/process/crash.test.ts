import { maskPan } from '@payterm/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { HostProcess, type HostExit } from '../support/host-process.js';
import { duplicateKeys, readIssuerAccount, readTransactions } from './host-records.js';
import { openProcessStorage, type ProcessStorage } from './process-database.js';
import { ReconnectingLink } from './reconnecting-link.js';
import { fireSales, LOAD_CARD, LOAD_CARD_OPENING_MINOR, type SaleOutcome } from './sale-burst.js';

// The crash test: kill -9 the host during a burst of sales, restart it on the same database, and compare
// the terminals' approvals with the host's records — none missing, none twice, every unanswered sale
// reversible (docs/adr/0005: the reply leaves only after the commit).

const TIDS: readonly string[] = DEMO.tids;
const ROUNDS = 3;
const SALES_PER_TERMINAL = 150;
/** A sale without an answer within this time is reversed after the restart. */
const SALE_TIMEOUT_MS = 5_000;

function sum(outcomes: readonly SaleOutcome[]): number {
  return outcomes.reduce((total, outcome) => total + outcome.amountMinor, 0);
}

interface CrashLedger {
  /** Sales the terminals got an approval for. */
  readonly answered: SaleOutcome[];
  /** Unanswered sales whose reversal got 00: the host had committed them, and they are now reversed. */
  readonly reversedAfterCommit: SaleOutcome[];
  /** Unanswered sales whose reversal got 25: the host had not committed them. */
  readonly neverCommitted: SaleOutcome[];
}

for (const dialect of TEST_DIALECTS) {
  describe(`kill -9 during a burst of sales, restart, compare [${dialect}]`, () => {
    let storage: ProcessStorage | undefined;
    const links: ReconnectingLink[] = [];
    afterAll(async () => {
      await Promise.all(links.map((link) => link.close()));
      await HostProcess.killAll();
      await storage?.cleanup();
    });

    it(`loses no approval, records none twice, and reverses every unanswered sale (${ROUNDS} kills)`, async () => {
      storage = await openProcessStorage(dialect);
      const start = { dataDir: storage.dataDir, ...(storage.db === undefined ? {} : { db: storage.db }) };
      let host = await HostProcess.start(start);
      for (const _tid of TIDS) links.push(await ReconnectingLink.connect(host.isoPort));
      const terminals = TIDS.map((tid, index) =>
        TestTerminal.over(links[index] as ReconnectingLink, {
          tid,
          mid: DEMO.mid,
          tmkHex: DEMO.tmkHex,
          timeoutMs: 10_000,
        }),
      );
      const terminalOf = (tid: string) => terminals[TIDS.indexOf(tid)] as TestTerminal;
      for (const terminal of terminals) expect((await terminal.signIn()).response.responseCode).toBe('00');

      const ledger: CrashLedger = { answered: [], reversedAfterCommit: [], neverCommitted: [] };
      let nextAmountMinor = 1_00;
      for (let round = 0; round < ROUNDS; round += 1) {
        const victim = host;
        const killAfter = 20 + 25 * round;
        let answers = 0;
        let killed: Promise<HostExit> | undefined;
        const onAnswer = () => {
          answers += 1;
          if (answers === killAfter) killed = victim.kill9();
        };
        const bursts = terminals.map((terminal, index) =>
          fireSales(terminal, {
            tid: TIDS[index] ?? '',
            count: SALES_PER_TERMINAL,
            firstAmountMinor: nextAmountMinor + index * SALES_PER_TERMINAL,
            timeoutMs: SALE_TIMEOUT_MS,
            onAnswer,
          }),
        );
        nextAmountMinor += TIDS.length * SALES_PER_TERMINAL;
        const outcomes = (await Promise.all(bursts)).flat();
        expect(killed, `round ${round}: the host was killed mid-burst`).toBeDefined();
        expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });

        const answered = outcomes.filter((outcome) => outcome.answered !== undefined);
        const lost = outcomes.filter((outcome) => outcome.answered === undefined);
        expect(answered.length).toBeGreaterThanOrEqual(killAfter);
        expect(lost.length, `round ${round}: some sales were still in flight`).toBeGreaterThan(0);
        for (const outcome of answered) expect(outcome.answered?.response.responseCode).toBe('00');
        for (const outcome of lost) {
          expect(outcome.failure).toBe('TERMINAL_RESPONSE_TIMEOUT');
          expect(outcome.request).toBeDefined();
        }
        ledger.answered.push(...answered);

        host = await HostProcess.start(start);
        await Promise.all(links.map((link) => link.reconnect(host.isoPort)));

        // Working keys survive a restart (pos-dialect.md): a PIN sale with the old keys, no new sign-in.
        const checker = terminals[round % terminals.length] as TestTerminal;
        const check = await checker.sale({ ...LOAD_CARD, amountMinor: nextAmountMinor });
        expect(check.response.responseCode, host.output).toBe('00');
        expect(checker.signInRequested, 'the host asks for no new sign-in').toBe(false);
        ledger.answered.push({
          tid: check.request.tid,
          stan: check.request.stan ?? '',
          amountMinor: nextAmountMinor,
          answered: check,
          request: check.request,
          failure: undefined,
        });
        nextAmountMinor += 1;

        // The terminals reverse what they got no answer for (reason 98, reference §7.1).
        const reversals = await Promise.all(
          lost.map(async (outcome) => ({
            outcome,
            exchange: await terminalOf(outcome.tid).reversal(outcome.request ?? fail(), '98'),
          })),
        );
        for (const { outcome, exchange } of reversals) {
          expect(exchange.response.kind).toBe('reversal');
          expect(terminalOf(outcome.tid).codec.unpack(exchange.responseBytes).mti).toBe('0410');
          expect(['00', '25']).toContain(exchange.response.responseCode);
          (exchange.response.responseCode === '00' ? ledger.reversedAfterCommit : ledger.neverCommitted).push(
            outcome,
          );
        }
      }

      // The host's batches agree with each terminal's journal.
      for (const terminal of terminals) {
        const settlement = await terminal.settle();
        const totals = settlement.response.kind === 'settlement' ? settlement.response.totals : undefined;
        expect(totals?.domestic.result).toBe('balanced');
      }
      expect(await host.stop('SIGTERM'), host.output).toEqual({ code: 0, signal: null });

      // The issuer's books: only the approvals the terminals received moved money.
      expect(await readIssuerAccount(storage.url, maskPan(LOAD_CARD.pan))).toEqual({
        balanceMinor: LOAD_CARD_OPENING_MINOR - sum(ledger.answered),
        heldMinor: 0,
      });

      const stored = await readTransactions(storage.url, TIDS);
      expect(duplicateKeys(stored)).toEqual([]);
      const sales = stored.filter((transaction) => transaction.kind === 'sale');
      const saleOf = (outcome: SaleOutcome) =>
        sales.filter((sale) => sale.tid === outcome.tid && sale.stan === outcome.stan);
      for (const outcome of ledger.answered) {
        expect(saleOf(outcome), `approved ${outcome.tid}/${outcome.stan}`).toEqual([
          expect.objectContaining({
            amountMinor: outcome.amountMinor,
            rrn: outcome.answered?.response.rrn,
            authCode: outcome.answered?.response.authCode,
            responseCode: '00',
            status: 'approved',
          }),
        ]);
      }
      for (const outcome of ledger.reversedAfterCommit) {
        expect(saleOf(outcome), `reversed ${outcome.tid}/${outcome.stan}`).toEqual([
          expect.objectContaining({ amountMinor: outcome.amountMinor, status: 'reversed' }),
        ]);
      }
      for (const outcome of ledger.neverCommitted) expect(saleOf(outcome)).toEqual([]);
      expect(sales).toHaveLength(ledger.answered.length + ledger.reversedAfterCommit.length);
      const rrns = sales.map((sale) => sale.rrn);
      expect(new Set(rrns).size, 'every sale has its own RRN').toBe(rrns.length);
    });
  });
}

function fail(): never {
  throw new Error('An unanswered sale without its request');
}

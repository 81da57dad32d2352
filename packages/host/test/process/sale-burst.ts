import type { PosRequest } from '@payterm/protocol';
import { TEST_CARDS } from '../../src/issuer/test-cards.js';
import { TerminalError } from '../../src/testing/terminal-error.js';
import type { TerminalExchange } from '../../src/testing/terminal-requests.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';

/** The load-test card (shared/spec/test-cards.md): a balance of 10^12 minor units and no velocity limits. */
export const LOAD_CARD = { pan: '6200001000000110', pin: '123456' } as const;

/**
 * The load-test card's opening balance. It (10^12 minor units, 13 digits) does not fit the n12 amount of
 * field 54, and the host sends no answer to its balance inquiry, so the process tests read the issuer's
 * account from the database after the host has stopped (host-records.ts).
 */
export const LOAD_CARD_OPENING_MINOR =
  TEST_CARDS.find((card) => card.pan === LOAD_CARD.pan)?.amountMinor ?? Number.NaN;

/** One sale of a burst, as the terminal saw it. */
export interface SaleOutcome {
  readonly tid: string;
  readonly stan: string;
  readonly amountMinor: number;
  /** The approved response, when one arrived. */
  readonly answered: TerminalExchange<'sale'> | undefined;
  /** The request, for the reversal of an unanswered sale (attached to the timeout error). */
  readonly request: PosRequest | undefined;
  /** Why no answer arrived (a TerminalError code, or the message of anything else). */
  readonly failure: string | undefined;
}

export interface SaleBurstOptions {
  /** The terminal's TID (for outcomes whose request never got built). */
  readonly tid: string;
  readonly count: number;
  /** Amounts are `firstAmountMinor`, +1, +2 …: each sale moves a different amount. */
  readonly firstAmountMinor: number;
  readonly timeoutMs: number;
  /** Called after each answered sale (the test kills the host after the n-th). */
  readonly onAnswer?: () => void;
}

/**
 * Fires `count` concurrent sales of the load-test card from one terminal (consecutive STANs) and
 * resolves when every one is answered or has timed out.
 */
export async function fireSales(terminal: TestTerminal, options: SaleBurstOptions): Promise<SaleOutcome[]> {
  const { tid } = options;
  const pending: Promise<SaleOutcome>[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const amountMinor = options.firstAmountMinor + index;
    const sale = terminal.sale(
      { pan: LOAD_CARD.pan, pin: LOAD_CARD.pin, amountMinor },
      { timeoutMs: options.timeoutMs },
    );
    // The STAN is taken synchronously when the request is built.
    const stan = terminal.lastStan ?? '';
    pending.push(
      sale.then(
        (exchange): SaleOutcome => {
          options.onAnswer?.();
          return {
            tid: exchange.request.tid,
            stan,
            amountMinor,
            answered: exchange,
            request: exchange.request,
            failure: undefined,
          };
        },
        (error: unknown): SaleOutcome => {
          const request = error instanceof TerminalError ? error.request : undefined;
          return {
            tid: request?.tid ?? tid,
            stan,
            amountMinor,
            answered: undefined,
            request,
            failure: error instanceof TerminalError ? error.code : String(error),
          };
        },
      ),
    );
  }
  return Promise.all(pending);
}

import type {
  MagstripeUploadEntry,
  PosRequest,
  SettlementTotals,
  SignInKeyLayout,
  SoftwareStatusReport,
} from '@payterm/protocol';
import { TerminalCore, type SendOptions, type TestTerminalOptions } from './terminal-core.js';
import { terminalError } from './terminal-error.js';
import { grossSettlementTotals } from './terminal-journal.js';
import { TcpTerminalLink, type TcpTerminalLinkOptions, type TerminalLink } from './terminal-link.js';
import {
  cardData,
  keyedCard,
  originalFacts,
  required,
  reversalOf,
  type AmountCardOptions,
  type CardOptions,
  type OriginalRef,
  type RefundOptions,
  type TerminalExchange,
} from './terminal-requests.js';

export interface TestTerminalConnectOptions extends TestTerminalOptions, TcpTerminalLinkOptions {}

/** Field 63 operator code an3: `01` → `001` (pos-dialect "Sign-in and keys"). */
function operatorField(operator: string): string {
  return /^\d{1,2}$/.test(operator) ? operator.padStart(3, '0') : operator;
}

/**
 * A scriptable PayTerm POS terminal for end-to-end tests and the benchmark, built only from the codec,
 * protocol and crypto packages: it signs in (working keys checked against their KCVs), keeps its STAN,
 * batch and journal, MACs and checks MACs, encrypts PINs, and settles with its own gross totals.
 */
export class TestTerminal extends TerminalCore {
  /** Connects over TCP (CUP framing). */
  static async connect(options: TestTerminalConnectOptions): Promise<TestTerminal> {
    const link = await TcpTerminalLink.connect(options);
    return new TestTerminal(link, options);
  }

  /** A terminal over any link (a WebSocket one, a test double of the channel). */
  static over(link: TerminalLink, options: TestTerminalOptions): TestTerminal {
    return new TestTerminal(link, options);
  }

  /** Sign-in (0800, 60.3 `004` by default): adopts the working keys and the host's batch. */
  signIn(
    operator = '01',
    layout: SignInKeyLayout = '004',
    options?: SendOptions,
  ): Promise<TerminalExchange<'sign-in'>> {
    return this.send({ kind: 'sign-in', keyLayout: layout, operator: operatorField(operator) }, options);
  }

  signOff(options?: SendOptions): Promise<TerminalExchange<'sign-off'>> {
    return this.send({ kind: 'sign-off' }, options);
  }

  echo(options?: SendOptions): Promise<TerminalExchange<'echo'>> {
    return this.send({ kind: 'echo' }, options);
  }

  sale(card: AmountCardOptions, options?: SendOptions): Promise<TerminalExchange<'sale'>> {
    return this.send({ kind: 'sale', card: this.card(card), amount: this.amount(card) }, options);
  }

  balance(card: CardOptions, options?: SendOptions): Promise<TerminalExchange<'balance'>> {
    return this.send(
      { kind: 'balance', card: this.card(card), currency: card.currency ?? this.currency },
      options,
    );
  }

  preauth(card: AmountCardOptions, options?: SendOptions): Promise<TerminalExchange<'preauth'>> {
    return this.send({ kind: 'preauth', card: this.card(card), amount: this.amount(card) }, options);
  }

  /** Cancels a pre-auth for its full amount (38 its auth code, 37 its RRN, 61 its batch, STAN, date). */
  preauthCancel(original: OriginalRef, options?: SendOptions): Promise<TerminalExchange<'preauth-cancel'>> {
    const facts = originalFacts(original, this.today());
    return this.send(
      {
        kind: 'preauth-cancel',
        card: keyedCard(facts),
        amount: { amountMinor: facts.amountMinor, currency: facts.currency },
        originalAuthCode: required(facts.authCode, 'auth code', facts),
        ...(facts.rrn === undefined ? {} : { originalRrn: facts.rrn }),
        original: facts.original,
      },
      options,
    );
  }

  /** Completes a pre-auth with `amountMinor` (at most 115 % of it, checked by the host). */
  completion(
    original: OriginalRef,
    amountMinor: number,
    options?: SendOptions,
  ): Promise<TerminalExchange<'preauth-completion'>> {
    const facts = originalFacts(original, this.today());
    return this.send(
      {
        kind: 'preauth-completion',
        card: keyedCard(facts),
        amount: { amountMinor, currency: facts.currency },
        originalAuthCode: required(facts.authCode, 'auth code', facts),
        ...(facts.rrn === undefined ? {} : { originalRrn: facts.rrn }),
        original: facts.original,
      },
      options,
    );
  }

  completionVoid(
    original: OriginalRef,
    options?: SendOptions,
  ): Promise<TerminalExchange<'preauth-completion-void'>> {
    const facts = originalFacts(original, this.today());
    return this.send(
      {
        kind: 'preauth-completion-void',
        card: keyedCard(facts),
        amount: { amountMinor: facts.amountMinor, currency: facts.currency },
        originalRrn: required(facts.rrn, 'RRN', facts),
        ...(facts.authCode === undefined ? {} : { originalAuthCode: facts.authCode }),
        original: facts.original,
      },
      options,
    );
  }

  /** Voids a sale of this batch for its full amount (61 = batch + STAN + date, 37 its RRN). */
  void(original: OriginalRef, options?: SendOptions): Promise<TerminalExchange<'void'>> {
    const facts = originalFacts(original, this.today());
    return this.send(
      {
        kind: 'void',
        card: keyedCard(facts),
        amount: { amountMinor: facts.amountMinor, currency: facts.currency },
        originalRrn: required(facts.rrn, 'RRN', facts),
        ...(facts.authCode === undefined ? {} : { originalAuthCode: facts.authCode }),
        original: facts.original,
      },
      options,
    );
  }

  /** Refund (0220) by the original's RRN and date; 63 `CUP` for UnionPay cards. */
  refund(refund: RefundOptions, options?: SendOptions): Promise<TerminalExchange<'refund'>> {
    return this.send(
      {
        kind: 'refund',
        card: {
          pan: refund.pan,
          ...(refund.expiry === undefined ? {} : { expiry: refund.expiry }),
          entryMode: '012',
        },
        amount: { amountMinor: refund.amountMinor, currency: refund.currency ?? this.currency },
        originalRrn: refund.rrn,
        original: {
          batch: refund.originalBatch ?? '000000',
          stan: refund.originalStan ?? '000000',
          date: refund.date,
        },
        ...(refund.pan.startsWith('62') ? { cardOrganisation: 'CUP' } : {}),
      },
      options,
    );
  }

  /**
   * Reverses a request (reference §7.1): same STAN and fields, no 52/26, 39 = reason (`98` timeout,
   * `A0` bad MAC, `96` terminal fault, `06` other). Pass the exchange when the original was answered,
   * so 38 goes with it.
   */
  reversal(
    original: PosRequest | TerminalExchange,
    reason = '98',
    options?: SendOptions,
  ): Promise<TerminalExchange<'reversal'>> {
    return this.send(reversalOf(original, reason), options);
  }

  /** QR sale with the customer's payment code (22 `032`, 59 `A3`). */
  qrSale(
    qrCode: string,
    amountMinor: number,
    options?: SendOptions,
  ): Promise<TerminalExchange<'qr-customer-sale'>> {
    return this.send(
      { kind: 'qr-customer-sale', qrCode, amount: { amountMinor, currency: this.currency } },
      options,
    );
  }

  /** Merchant-presented QR order (710000): the response carries the EMVCo payload and the order RRN. */
  qrOrder(amountMinor: number, options?: SendOptions): Promise<TerminalExchange<'qr-order'>> {
    return this.send({ kind: 'qr-order', amount: { amountMinor, currency: this.currency } }, options);
  }

  qrOrderStatus(orderRrn: string, options?: SendOptions): Promise<TerminalExchange<'qr-order-status'>> {
    return this.send({ kind: 'qr-order-status', orderRrn }, options);
  }

  qrOrderClose(orderRrn: string, options?: SendOptions): Promise<TerminalExchange<'qr-order-close'>> {
    return this.send({ kind: 'qr-order-close', orderRrn }, options);
  }

  /** Voids an approved QR sale of this batch by its voucher (59 `A4`), full amount, 61 = its batch + STAN + date. */
  qrVoid(
    original: TerminalExchange<'qr-customer-sale'>,
    options?: SendOptions,
  ): Promise<TerminalExchange<'qr-void'>> {
    const voucher = original.response.voucher;
    if (voucher === undefined) {
      throw terminalError('TERMINAL_INVALID_OPTION', 'the original QR sale has no voucher', {
        kind: 'qr-customer-sale',
        missing: 'voucher',
      });
    }
    return this.send(
      {
        kind: 'qr-void',
        amount: original.request.amount,
        voucher,
        original: {
          batch: original.request.batch,
          stan: original.request.stan,
          date: original.response.localDate ?? this.today(),
        },
      },
      options,
    );
  }

  /** Refunds (part of) a QR payment by its voucher. */
  qrRefund(
    voucher: string,
    amountMinor: number,
    options?: SendOptions,
  ): Promise<TerminalExchange<'qr-refund'>> {
    return this.send(
      { kind: 'qr-refund', voucher, amount: { amountMinor, currency: this.currency } },
      options,
    );
  }

  /** Parameter download (0800, 60.3 `360`): the page from `startIndex` (objects received so far). */
  parameterDownload(startIndex = 0, options?: SendOptions): Promise<TerminalExchange<'parameter-download'>> {
    return this.send({ kind: 'parameter-download', startIndex }, options);
  }

  /** Parameters applied (0800, 60.3 `361`). */
  parametersApplied(
    parameterVersion: string,
    options?: SendOptions,
  ): Promise<TerminalExchange<'parameters-applied'>> {
    return this.send({ kind: 'parameters-applied', parameterVersion }, options);
  }

  /** Software status upload (0820, 60.3 `362`). */
  statusUpload(
    status: SoftwareStatusReport,
    options?: SendOptions,
  ): Promise<TerminalExchange<'status-upload'>> {
    return this.send({ kind: 'status-upload', status }, options);
  }

  /** Software chunk (0800, 60.3 `363`): package bytes from `offset`. */
  softwareChunk(
    sha256: string,
    offset: number,
    options?: SendOptions,
  ): Promise<TerminalExchange<'software-chunk'>> {
    return this.send({ kind: 'software-chunk', sha256, offset }, options);
  }

  /** The open batch's totals by the gross rule, from the journal. */
  settlementTotals(): SettlementTotals {
    return grossSettlementTotals(this.journal.entries);
  }

  /** Settlement (0500): field 48 from the journal unless `overrideTotals` forces other figures. */
  settle(overrideTotals?: SettlementTotals, options?: SendOptions): Promise<TerminalExchange<'settlement'>> {
    return this.send(
      {
        kind: 'settlement',
        totals: overrideTotals ?? this.settlementTotals(),
        currency: this.currency,
        operator: this.operatorCode,
      },
      options,
    );
  }

  /** One magstripe detail upload (up to 8 records; default the first 8 of the journal). */
  batchUploadMagstripe(
    entries: readonly MagstripeUploadEntry[] = this.journal.uploadEntries().slice(0, 8),
    options?: SendOptions,
  ): Promise<TerminalExchange<'batch-upload'>> {
    return this.send({ kind: 'batch-upload', upload: { type: 'magstripe', entries } }, options);
  }

  /** End of batch upload (207 balanced / 202 unbalanced); an approved end closes the batch. */
  batchUploadEnd(
    balanced: boolean,
    count: number,
    options?: SendOptions,
  ): Promise<TerminalExchange<'batch-upload'>> {
    return this.send({ kind: 'batch-upload', upload: { type: 'end', balanced, count } }, options);
  }

  private card(options: CardOptions) {
    return cardData(options, (pin, pan) => this.pinBlock(pin, pan));
  }

  private amount(options: AmountCardOptions) {
    return { amountMinor: options.amountMinor, currency: options.currency ?? this.currency };
  }
}

import { currencyByNumeric, Money } from '@payterm/kernel';
import type { Language, QrOrderStatus, TransactionOutcome } from '@payterm/terminal';
import { Command } from 'commander';
import QRCode from 'qrcode';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { formatAmount, outcomeJson, outcomeText, text } from './terminal-output.js';
import { runTerminalCommand, type CommandContext, type CommandResult } from './terminal-runner.js';

type Options = Record<string, string | boolean | undefined>;

function option(options: Options, name: string, flag: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '')
    throw new CliError('CLI_INVALID_OPTION', `--${flag} is required`, { option: flag });
  return value;
}

function amountOf(options: Options, context: CommandContext): number {
  const currency = context.terminal.profile.currency;
  const parsed = Money.tryParse(option(options, 'amount', 'amount'), currencyByNumeric(currency) ?? currency);
  if (!parsed.ok)
    throw new CliError('CLI_INVALID_OPTION', `--amount ${parsed.error.message}`, { option: 'amount' });
  return parsed.value.amountMinor;
}

function wholeMs(options: Options, name: string, flag: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(ms) || ms <= 0)
    throw new CliError('CLI_INVALID_OPTION', `--${flag} must be whole milliseconds`, { option: flag });
  return ms;
}

function transactionResult(outcome: TransactionOutcome, language: Language): CommandResult {
  return {
    json: outcomeJson(outcome, language),
    text: outcomeText(outcome, language),
    ok: outcome.approved,
  };
}

function statusResult(status: QrOrderStatus, language: Language, ok: boolean): CommandResult {
  const head = `order ${status.orderRrn}: ${status.status}${
    status.responseCode === null ? '' : ` (${status.responseCode})`
  } — ${text(status.message, language)}\n`;
  return {
    json: {
      orderRrn: status.orderRrn,
      status: status.status,
      responseCode: status.responseCode,
      message: text(status.message, language),
      ...(status.outcome === undefined ? {} : { payment: outcomeJson(status.outcome, language) }),
    },
    text: status.outcome === undefined ? head : `${outcomeText(status.outcome, language)}${head}`,
    ok,
  };
}

/**
 * The payload as a QR code of Unicode half blocks (two modules a character row). Drawn for the usual
 * dark terminal: dark modules are left blank and light ones (quiet zone included) printed as blocks.
 */
export function qrBlocks(payload: string): Promise<string> {
  return QRCode.toString(payload, {
    type: 'utf8',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#ffffff', light: '#000000' },
  });
}

/** Waits for the order's payment; Ctrl-C closes the order instead of leaving it open. */
async function waitForPayment(
  context: CommandContext,
  orderRrn: string,
  options: Options,
): Promise<QrOrderStatus> {
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  try {
    const timeoutMs = wholeMs(options, 'timeoutMs', 'timeout-ms');
    return await context.terminal.qrWaitForPayment(orderRrn, {
      pollMs: wholeMs(options, 'pollMs', 'poll-ms') ?? 2_000,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      signal: controller.signal,
    });
  } finally {
    process.removeListener('SIGINT', cancel);
  }
}

function qrCommand(
  io: CliIo,
  name: string,
  description: string,
  work: (context: CommandContext, options: Options) => Promise<CommandResult>,
): Command {
  return new Command(name).description(description).action(async (options: Options, self: Command) => {
    await runTerminalCommand(io, self, {}, (context) => work(context, options));
  });
}

/** Menu 5 (扫码 QR): merchant-presented orders, customer codes, QR void and refund. */
export function qrCommands(io: CliIo): Command[] {
  return [
    qrCommand(
      io,
      'qr-order',
      'show the merchant QR code for an amount (扫码收款): --amount; --wait polls until paid',
      async (context, options) => {
        const order = await context.terminal.qrOrder(amountOf(options, context));
        const amount = formatAmount(order.amountMinor, context.terminal.profile.currency);
        const shown = `${await qrBlocks(order.payload)}\norder ${order.orderRrn} · ${amount} · expires ${order.expiresAt}\n${order.payload}\n`;
        const orderJson = {
          orderRrn: order.orderRrn,
          payload: order.payload,
          amount,
          amountMinor: order.amountMinor,
          expiresAt: order.expiresAt,
        };
        if (options['wait'] !== true) return { json: orderJson, text: shown, ok: true };
        // The code goes out first: the customer scans it while the command waits.
        if (!context.json) io.writeOut(shown);
        const status = await waitForPayment(context, order.orderRrn, options);
        const result = statusResult(status, context.language, status.status === 'paid');
        return { ...result, json: { ...orderJson, ...result.json } };
      },
    )
      .option('--amount <amount>', 'e.g. 12.34')
      .option('--wait', 'poll until paid, closed or expired (Ctrl-C closes the order)')
      .option('--poll-ms <ms>', 'between status polls (default 2000)')
      .option('--timeout-ms <ms>', 'stop waiting and close the order after this long (default: its expiry)'),
    qrCommand(
      io,
      'qr-status',
      "an order's status; once paid the QR sale is recorded",
      async (context, options) => {
        const status = await context.terminal.qrOrderStatus(option(options, 'order', 'order'));
        return statusResult(
          status,
          context.language,
          status.status === 'paid' || status.status === 'waiting',
        );
      },
    ).option('--order <rrn>', 'order reference (RRN) qr-order printed'),
    qrCommand(
      io,
      'qr-close',
      'close an unpaid order (a paid one must be refunded)',
      async (context, options) => {
        const status = await context.terminal.qrOrderClose(option(options, 'order', 'order'));
        return statusResult(status, context.language, status.status === 'closed');
      },
    ).option('--order <rrn>', 'order reference (RRN) qr-order printed'),
    qrCommand(
      io,
      'qr-pay',
      "charge the customer's payment code (扫码付款): --amount, --code",
      async (context, options) =>
        transactionResult(
          await context.terminal.qrCustomerSale(amountOf(options, context), option(options, 'code', 'code')),
          context.language,
        ),
    )
      .option('--amount <amount>', 'e.g. 12.34')
      .option('--code <digits>', "the 19-digit code the customer's wallet shows"),
    qrCommand(
      io,
      'qr-void',
      'void a QR sale of this batch: --voucher, --supervisor-password',
      async (context, options) =>
        transactionResult(
          await context.terminal.qrVoid(
            option(options, 'voucher', 'voucher'),
            option(options, 'supervisorPassword', 'supervisor-password'),
          ),
          context.language,
        ),
    )
      .option('--voucher <digits>', 'the 12-digit payment voucher of the QR sale')
      .option('--supervisor-password <password>', "the supervisor's password"),
    qrCommand(
      io,
      'qr-refund',
      'refund a QR payment (扫码退货): --voucher, --amount, --supervisor-password',
      async (context, options) =>
        transactionResult(
          await context.terminal.qrRefund(
            option(options, 'voucher', 'voucher'),
            amountOf(options, context),
            option(options, 'supervisorPassword', 'supervisor-password'),
          ),
          context.language,
        ),
    )
      .option('--voucher <digits>', 'the 12-digit payment voucher of the QR sale')
      .option('--amount <amount>', 'amount to refund (partial allowed)')
      .option('--supervisor-password <password>', "the supervisor's password"),
  ];
}

import { currencyByNumeric, Money } from '@payterm/kernel';
import type { TransactionOutcome } from '@payterm/terminal';
import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import type { CardFlags } from './scripted-peripherals.js';
import { outcomeJson, outcomeText } from './terminal-output.js';
import { runTerminalCommand, type CommandContext } from './terminal-runner.js';

function amountMinor(text: string | undefined, currency: string): number {
  if (text === undefined)
    throw new CliError('CLI_INVALID_OPTION', '--amount is required (e.g. 12.34)', { option: 'amount' });
  const parsed = Money.tryParse(text, currencyByNumeric(currency) ?? currency);
  if (!parsed.ok)
    throw new CliError('CLI_INVALID_OPTION', `--amount ${parsed.error.message}`, { option: 'amount' });
  return parsed.value.amountMinor;
}

function withCard(command: Command): Command {
  return command
    .option('--card <pan>', 'the test card presented (shared/spec/test-cards.md)')
    .option(
      '--entry <how>',
      'swipe | insert | tap | keyed (keyed: sale with --supervisor-password)',
      'insert',
    )
    .option('--pin <digits>', "the customer's PIN (omit: no PIN, signature)");
}

type Work = (
  context: CommandContext,
  options: Record<string, string | undefined>,
) => Promise<TransactionOutcome>;

function cardCommand(io: CliIo, name: string, description: string, work: Work): Command {
  const command = withCard(new Command(name).description(description));
  return command.action(async (options: Record<string, string | undefined> & CardFlags, self: Command) => {
    await runTerminalCommand(io, self, { card: options }, async (context) => {
      const outcome = await work(context, options);
      return {
        json: outcomeJson(outcome, context.language),
        text: outcomeText(outcome, context.language),
        ok: outcome.approved,
      };
    });
  });
}

function required(options: Record<string, string | undefined>, name: string, flag: string): string {
  const value = options[name];
  if (value === undefined)
    throw new CliError('CLI_INVALID_OPTION', `--${flag} is required`, { option: flag });
  return value;
}

/** Menu 1, 2, 3, 4 and 6: the card transactions. */
export function cardCommands(io: CliIo): Command[] {
  const currencyOf = (context: CommandContext) => context.terminal.profile.currency;
  return [
    cardCommand(io, 'sale', 'sale (消费): --amount, --card, --entry, --pin', (context, options) =>
      context.terminal.sale(
        amountMinor(options['amount'], currencyOf(context)),
        options['entry'] === 'keyed'
          ? required(options, 'supervisorPassword', 'supervisor-password')
          : undefined,
      ),
    )
      .option('--amount <amount>', 'e.g. 12.34')
      .option('--supervisor-password <password>', 'lets the card number be keyed in (--entry keyed)'),
    cardCommand(
      io,
      'void',
      'void a sale of this batch (撤销): --voucher, --supervisor-password, the same card',
      (context, options) =>
        context.terminal.voidSale(
          required(options, 'voucher', 'voucher'),
          required(options, 'supervisorPassword', 'supervisor-password'),
        ),
    )
      .option('--voucher <stan>', 'voucher number (STAN) of the sale')
      .option('--supervisor-password <password>', "the supervisor's password"),
    cardCommand(
      io,
      'refund',
      'refund (退货): --rrn, --date MMDD, --amount, --supervisor-password, the card',
      (context, options) =>
        context.terminal.refund({
          rrn: required(options, 'rrn', 'rrn'),
          date: required(options, 'date', 'date'),
          amountMinor: amountMinor(options['amount'], currencyOf(context)),
          supervisorPassword: required(options, 'supervisorPassword', 'supervisor-password'),
        }),
    )
      .option('--rrn <rrn>', 'reference number of the original sale')
      .option('--date <mmdd>', 'date of the original sale')
      .option('--amount <amount>', 'amount to refund (partial allowed)')
      .option('--supervisor-password <password>', "the supervisor's password"),
    cardCommand(io, 'preauth', 'pre-authorisation (预授权): --amount, the card', (context, options) =>
      context.terminal.preauth(amountMinor(options['amount'], currencyOf(context))),
    ).option('--amount <amount>', 'amount to hold'),
    cardCommand(
      io,
      'preauth-cancel',
      'cancel a pre-authorisation: --auth-code, --date, --amount, --supervisor-password',
      (context, options) =>
        context.terminal.preauthCancel({
          authCode: required(options, 'authCode', 'auth-code'),
          date: required(options, 'date', 'date'),
          amountMinor: amountMinor(options['amount'], currencyOf(context)),
          supervisorPassword: required(options, 'supervisorPassword', 'supervisor-password'),
        }),
    )
      .option('--auth-code <code>', 'authorisation code of the pre-authorisation')
      .option('--date <mmdd>', 'date of the pre-authorisation')
      .option('--amount <amount>', 'amount of the pre-authorisation')
      .option('--supervisor-password <password>', "the supervisor's password"),
    cardCommand(
      io,
      'completion',
      'pre-authorisation completion: --auth-code, --date, --amount',
      (context, options) =>
        context.terminal.completion({
          authCode: required(options, 'authCode', 'auth-code'),
          date: required(options, 'date', 'date'),
          amountMinor: amountMinor(options['amount'], currencyOf(context)),
        }),
    )
      .option('--auth-code <code>', 'authorisation code of the pre-authorisation')
      .option('--date <mmdd>', 'date of the pre-authorisation')
      .option('--amount <amount>', 'final amount (up to 115 % of the hold)'),
    cardCommand(
      io,
      'completion-void',
      'void a completion of this batch: --voucher, --supervisor-password',
      (context, options) =>
        context.terminal.completionVoid(
          required(options, 'voucher', 'voucher'),
          required(options, 'supervisorPassword', 'supervisor-password'),
        ),
    )
      .option('--voucher <stan>', 'voucher number (STAN) of the completion')
      .option('--supervisor-password <password>', "the supervisor's password"),
    cardCommand(io, 'balance', 'balance inquiry (余额查询): the card and PIN', (context) =>
      context.terminal.balance(),
    ),
  ];
}

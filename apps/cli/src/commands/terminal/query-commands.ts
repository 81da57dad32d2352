import type { JournalQuery, TransactionType } from '@payterm/terminal';
import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { formatAmount, recordJson, slipText } from './terminal-output.js';
import { runTerminalCommand } from './terminal-runner.js';

interface QueryFlags {
  readonly today?: boolean;
  readonly voucher?: string;
  readonly batch?: string;
  readonly from?: string;
  readonly to?: string;
  readonly type?: string;
  readonly operatorFilter?: string;
  readonly all?: boolean;
}

function journalQuery(flags: QueryFlags, today: string, batch: string): JournalQuery {
  return {
    ...(flags.all === true || flags.today === true || flags.from !== undefined
      ? {}
      : { batch: flags.batch ?? batch }),
    ...(flags.today === true ? { fromDate: today, toDate: today } : {}),
    ...(flags.from === undefined ? {} : { fromDate: flags.from }),
    ...(flags.to === undefined ? {} : { toDate: flags.to }),
    ...(flags.voucher === undefined ? {} : { stan: flags.voucher }),
    ...(flags.type === undefined ? {} : { types: flags.type.split(',') as TransactionType[] }),
    ...(flags.operatorFilter === undefined ? {} : { operator: flags.operatorFilter }),
  };
}

function withQueryOptions(command: Command): Command {
  return command
    .option('--today', "today's transactions")
    .option('--voucher <stan>', 'one voucher')
    .option('--batch <batch>', 'a batch (default: the current one)')
    .option('--from <date>', 'from YYYY-MM-DD')
    .option('--to <date>', 'to YYYY-MM-DD')
    .option(
      '--type <types>',
      'sale,void,refund,preauth,preauth-cancel,preauth-completion,preauth-completion-void,balance',
    )
    .option('--operator-filter <number>', "one operator's transactions")
    .option('--all', 'every batch in the journal');
}

/** Menu 7 (query) and 8 (print). */
export function queryCommands(io: CliIo): Command[] {
  const query = withQueryOptions(new Command('query').description('transaction query (交易查询)')).action(
    async (flags: QueryFlags, self: Command) => {
      await runTerminalCommand(io, self, {}, async ({ terminal }) => {
        const status = terminal.status();
        const records = terminal.query(journalQuery(flags, terminal.localDate(), status.batch));
        const lines = records.map(
          (record) =>
            `${record.stan} ${record.date} ${record.time} ${record.type.padEnd(24)} ${record.maskedPan} ${formatAmount(record.amount.amountMinor, record.amount.currency).padStart(12)} ${record.status}${record.voidedBy === undefined ? '' : ' (voided)'}`,
        );
        return {
          ok: true,
          json: { transactions: records.map(recordJson) },
          text: lines.length === 0 ? 'no transactions' : lines.join('\n'),
        };
      });
    },
  );
  const totals = withQueryOptions(new Command('totals').description('totals by type and by operator')).action(
    async (flags: QueryFlags, self: Command) => {
      await runTerminalCommand(io, self, {}, async ({ terminal }) => {
        const result = terminal.totals(journalQuery(flags, terminal.localDate(), terminal.status().batch));
        const lines = [
          ...result.byType.map(
            (row) =>
              `${row.type.padEnd(24)} ${String(row.count).padStart(4)} ${formatAmount(row.amountMinor, result.currency).padStart(14)}`,
          ),
          ...result.byOperator.map(
            (row) =>
              `operator ${row.operator.padEnd(15)} ${String(row.count).padStart(4)} ${formatAmount(row.amountMinor, result.currency).padStart(14)}`,
          ),
        ];
        return {
          ok: true,
          json: { ...result },
          text: lines.length === 0 ? 'no transactions' : lines.join('\n'),
        };
      });
    },
  );
  const reprint = new Command('reprint')
    .description('reprint (重打印): the last slip, --voucher V, or --settlement')
    .option('--voucher <stan>', 'a slip of the current batch')
    .option('--settlement', 'the last settlement slip')
    .option('--detail', 'the detail list of the current batch')
    .option('--totals', 'the totals of the current batch')
    .action(
      async (
        flags: { voucher?: string; settlement?: boolean; detail?: boolean; totals?: boolean },
        self: Command,
      ) => {
        await runTerminalCommand(io, self, {}, async ({ terminal }) => {
          const printed =
            flags.settlement === true
              ? await terminal.reprintSettlement()
              : flags.detail === true
                ? await terminal.printDetailList()
                : flags.totals === true
                  ? await terminal.printTotals()
                  : flags.voucher === undefined
                    ? await terminal.reprintLast()
                    : await terminal.reprint(flags.voucher);
          const slip = slipText(printed.slips[0]) ?? '';
          return { ok: true, json: { slip }, text: slip };
        });
      },
    );
  return [query, totals, reprint];
}

import type { OperatorStatus, ProfilePatch } from '@payterm/terminal';
import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { bootLines } from './software-output.js';
import { hostAddressText } from './host-address-output.js';
import { slipText, text } from './terminal-output.js';
import { tmsAfterSignIn } from './tms-after-sign-in.js';
import { runTerminalCommand, type CommandContext, type CommandResult } from './terminal-runner.js';

type Work = (
  context: CommandContext,
  options: Record<string, string | boolean | undefined>,
) => Promise<CommandResult>;

function management(io: CliIo, name: string, description: string, work: Work, login = true): Command {
  return new Command(name)
    .description(description)
    .action(async (options: Record<string, string | boolean | undefined>, self: Command) => {
      await runTerminalCommand(io, self, { login }, (context) =>
        work(context, { ...self.optsWithGlobals(), ...options }),
      );
    });
}

function required(options: Record<string, string | boolean | undefined>, name: string, flag: string): string {
  const value = options[name];
  if (typeof value !== 'string')
    throw new CliError('CLI_INVALID_OPTION', `--${flag} is required`, { option: flag });
  return value;
}

function operatorLine(operator: OperatorStatus): string {
  const lock = operator.locked ? ` locked until ${operator.lockedUntil ?? ''}` : '';
  const change = operator.mustChangePassword ? ' (must change password)' : '';
  return `${operator.number}  ${operator.role.padEnd(13)} tries left ${operator.triesLeft}${lock}${change}`;
}

/** Menu 9 and the operator functions. */
export function managementCommands(io: CliIo): Command[] {
  return [
    management(io, 'login', 'check an operator number and password', async ({ terminal }) => {
      const operator = terminal.operator;
      const json = {
        ok: true,
        operator: operator?.number,
        role: operator?.role,
        mustChangePassword: operator?.mustChangePassword,
      };
      const note =
        operator?.mustChangePassword === true ? ': change the default password first (passwd --new)' : '';
      return {
        ok: true,
        json,
        text: `operator ${operator?.number ?? ''} (${operator?.role ?? ''}) logged in${note}`,
      };
    }),
    management(
      io,
      'passwd',
      "change the logged-in operator's password: --new",
      async ({ terminal }, options) => {
        const changed = await terminal.changePassword(
          required(options, 'password', 'password'),
          required(options, 'new', 'new'),
        );
        return {
          ok: true,
          json: { ok: true, operator: changed.number },
          text: `password of operator ${changed.number} changed`,
        };
      },
    ).option('--new <password>', 'the new password (cashier 4–6 digits, supervisor 6, administrator 8)'),
    new Command('signin')
      .description(
        'sign in (签到): new working keys, the batch number and the clock from the host; then the TMS ' +
          '(parameters, and an offered upgrade downloaded and verified)',
      )
      .action(async (_flags: unknown, self: Command) => {
        await runTerminalCommand(io, self, { automaticTms: false }, async (context) => {
          const { terminal, language } = context;
          const outcome = await terminal.signIn();
          const tms = outcome.approved ? await tmsAfterSignIn(io, context) : undefined;
          return {
            ok: outcome.approved,
            json: {
              ...outcome,
              message: text(outcome.message, language),
              messages: outcome.message,
              ...(tms === undefined ? {} : { tms: tms.json }),
            },
            text: [
              `${outcome.approved ? 'SIGNED IN' : 'SIGN-IN FAILED'} ${outcome.responseCode ?? ''} — ${text(outcome.message, language)}`,
              `batch ${outcome.batch} · PIK ${outcome.checkValues.pik ?? '-'} · MAK ${outcome.checkValues.mak ?? '-'}`,
              ...(tms === undefined ? [] : tms.lines),
            ].join('\n'),
          };
        });
      }),
    management(
      io,
      'signoff',
      'sign off (签退): the working keys are forgotten',
      async ({ terminal, language }) => {
        const outcome = await terminal.signOff();
        return {
          ok: outcome.approved,
          json: { ...outcome, message: text(outcome.message, language) },
          text: `signed off — ${text(outcome.message, language)}`,
        };
      },
    ),
    management(
      io,
      'settle',
      'settlement (结算): totals, batch upload when unbalanced, the settlement slip',
      async ({ terminal, language }) => {
        const outcome = await terminal.settle();
        const slip = slipText(outcome.slips[0]);
        return {
          ok: outcome.approved,
          json: {
            ...outcome,
            slips: undefined,
            message: text(outcome.message, language),
            messages: outcome.message,
            slip,
          },
          text: `${slip === null ? '' : `${slip}\n`}${outcome.approved ? 'SETTLED' : 'NOT SETTLED'} — ${text(outcome.message, language)}`,
        };
      },
    ),
    management(
      io,
      'diagnose',
      'diagnostics: echo round trip, key check values, batch, pending reversals, journal, clock',
      async ({ terminal, node }) => {
        const diagnostics = await terminal.diagnose();
        const lines = [
          diagnostics.echo.approved
            ? `host        ${diagnostics.echo.endpoint} reachable, ${diagnostics.echo.roundTripMs ?? '?'} ms`
            : `host        ${hostAddressText(node.hostAddress)} UNREACHABLE`,
          `keys        TMK ${diagnostics.checkValues.tmk ?? '-'} PIK ${diagnostics.checkValues.pik ?? '-'} MAK ${diagnostics.checkValues.mak ?? '-'} TDK ${diagnostics.checkValues.tdk ?? '-'}`,
          `batch       ${diagnostics.batch} (${diagnostics.batchCount} transactions)`,
          `pending     ${diagnostics.pending.length === 0 ? 'none' : diagnostics.pending.map((item) => `${item.voucher} ${item.status}`).join(', ')}`,
          `software    ${terminal.software.runningVersion} (${node.boot.target === 'factory' ? 'factory application' : `slot ${node.boot.target}`}, header ${diagnostics.softwareVersion})`,
          `journal     ${diagnostics.journal.documents} documents, ${diagnostics.journal.bytes} bytes`,
          `clock       host ${diagnostics.clockOffsetMs >= 0 ? '+' : ''}${diagnostics.clockOffsetMs} ms`,
        ];
        return {
          ok: diagnostics.echo.approved,
          json: {
            ...diagnostics,
            runningVersion: terminal.software.runningVersion,
            boot: node.boot,
            hostAddress: node.hostAddress,
          },
          text: [...lines, ...bootLines(node.boot)].join('\n'),
        };
      },
      false,
    ),
    management(
      io,
      'status',
      'what the operator must always see: sign-in, batch, pending reversals, lock',
      async ({ terminal, node }) => {
        const status = terminal.status();
        const pending = status.pending.map(
          (item) =>
            `  ${item.status} voucher ${item.voucher} (${item.type}), ${item.attemptsLeft} attempts left, next: ${item.nextTry}`,
        );
        const lines = [
          `terminal ${status.tid} · merchant ${status.mid} ${status.merchantName}`,
          status.signedIn
            ? `signed in · batch ${status.batch} (${status.batchCount})`
            : `not signed in (${status.resignInReason ?? ''})`,
          ...(status.locked ? ['LOCKED'] : []),
          ...(status.settlementRequired === null
            ? []
            : [`settlement required: ${status.settlementRequired}`]),
          ...(pending.length === 0 ? [] : ['pending:', ...pending]),
          `software ${terminal.software.runningVersion}${node.boot.target === 'factory' ? ' (factory application)' : ` (slot ${node.boot.target})`}`,
          `host ${hostAddressText(node.hostAddress)}`,
          ...bootLines(node.boot),
        ];
        return {
          ok: true,
          json: {
            ...status,
            runningVersion: terminal.software.runningVersion,
            boot: node.boot,
            hostAddress: node.hostAddress,
          },
          text: lines.join('\n'),
        };
      },
      false,
    ),
    management(
      io,
      'resolve',
      'send pending reversals (and repeat unanswered refunds) now',
      async ({ terminal }) => {
        const reports = await terminal.resolvePending();
        const pending = terminal.status().pending;
        return {
          ok: pending.every((item) => item.status !== 'reversal-pending'),
          json: {
            resolved: reports.filter((report) => report.resolved).map((report) => report.record.stan),
            pending,
          },
          text: `${reports.filter((report) => report.resolved).length} resolved, ${pending.length} still pending`,
        };
      },
      false,
    ),
    management(io, 'lock', 'lock the terminal (an operator login unlocks it)', async ({ terminal }) => {
      await terminal.lock();
      return { ok: true, json: { ok: true, locked: true }, text: 'terminal locked' };
    }),
    management(
      io,
      'keyload',
      'administrator: load the terminal master key (--tmk HEX --kcv 6 hex)',
      async ({ terminal }, options) => {
        const values = await terminal.loadMasterKey(
          required(options, 'tmk', 'tmk'),
          typeof options['kcv'] === 'string' ? options['kcv'] : undefined,
        );
        return {
          ok: true,
          json: { ok: true, tmkKcv: values.tmk },
          text: `master key loaded, KCV ${values.tmk ?? ''}: sign in next`,
        };
      },
    )
      .option('--tmk <hex>', '32 hex digits')
      .option('--kcv <hex>', 'its check value, 6 hex digits'),
    operatorsCommand(io),
    parametersCommand(io),
  ];
}

const NUMERIC_PARAMETERS = new Set([
  'connectTimeoutMs',
  'responseTimeoutMs',
  'reversalAttempts',
  'lockoutMinutes',
  'maxBatchTransactions',
  'utcOffsetMinutes',
]);

/** `--set name=value` pairs → a profile patch (numbers where the profile has numbers). */
function parameterPatch(pairs: readonly string[]): ProfilePatch {
  const patch: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(pair);
    if (match === null)
      throw new CliError('CLI_INVALID_OPTION', `--set wants name=value, not ${pair}`, { option: 'set' });
    const [, name = '', value = ''] = match;
    if (name === 'tid' || name === 'mid')
      throw new CliError('CLI_INVALID_OPTION', `${name} cannot be changed`, { option: 'set' });
    patch[name] = NUMERIC_PARAMETERS.has(name) ? Number(value) : name === 'demo' ? value === 'true' : value;
  }
  return patch as ProfilePatch;
}

/** `params download`: menu 9 → 9 → parameters (administrator): `360` pages, the set applied, `361`. */
function parameterDownloadCommand(io: CliIo): Command {
  return new Command('download')
    .description('administrator: download the parameter set from the TMS (360 … 361) and apply it')
    .action(async (_flags: unknown, self: Command) => {
      await runTerminalCommand(io, self, { automaticTms: false }, async ({ terminal, language }) => {
        terminal.requirePermission('parameters');
        await terminal.software.flushReports().catch(() => 0);
        const outcome = await terminal.downloadParameters();
        const offer = terminal.software.upgradeAvailable ? terminal.software.state.offer : undefined;
        return {
          ok: outcome.approved,
          json: {
            approved: outcome.approved,
            responseCode: outcome.responseCode,
            message: text(outcome.message, language),
            parameterVersion: outcome.parameterVersion ?? null,
            changed: outcome.changed,
            offer: offer ?? null,
          },
          text: [
            `${outcome.approved ? 'PARAMETERS' : 'NO PARAMETERS'} ${outcome.responseCode ?? ''} — ${text(outcome.message, language)}`,
            `parameter version ${outcome.parameterVersion ?? '-'}${outcome.changed.length === 0 ? '' : ` · changed ${outcome.changed.join(', ')}`}`,
            ...(offer === undefined ? [] : [`version ${offer.version} offered: payterm terminal upgrade`]),
          ].join('\n'),
        };
      });
    });
}

function parametersCommand(io: CliIo): Command {
  return new Command('params')
    .description(
      'terminal parameters (管理 → 参数): show them, --set name=value, or download them from the TMS (administrator)',
    )
    .option(
      '--set <pair>',
      'e.g. responseTimeoutMs=20000, merchantName=…, language=en (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (options: { set?: string[] }, self: Command) => {
      await runTerminalCommand(io, self, {}, async ({ terminal }) => {
        const profile =
          options.set === undefined
            ? terminal.profile
            : await terminal.updateProfile(parameterPatch(options.set));
        return {
          ok: true,
          json: { ...profile },
          text: Object.entries(profile)
            .map(([name, value]) => `${name.padEnd(22)} ${String(value)}`)
            .join('\n'),
        };
      });
    })
    .addCommand(parameterDownloadCommand(io));
}

function operatorsCommand(io: CliIo): Command {
  return management(
    io,
    'operators',
    'operators: list, or --add NN / --remove NN / --reset NN / --unlock NN (with --new-password)',
    async ({ terminal }, options) => {
      const number = (flag: string) => options[flag] as string;
      if (typeof options['add'] === 'string')
        await terminal.addCashier(number('add'), required(options, 'newPassword', 'new-password'));
      if (typeof options['remove'] === 'string') await terminal.removeCashier(number('remove'));
      if (typeof options['reset'] === 'string')
        await terminal.resetPassword(number('reset'), required(options, 'newPassword', 'new-password'));
      if (typeof options['unlock'] === 'string') await terminal.unlockOperator(number('unlock'));
      const operators = await terminal.listOperators();
      return { ok: true, json: { operators }, text: operators.map(operatorLine).join('\n') };
    },
  )
    .option('--add <number>', 'add cashier 01–20')
    .option('--remove <number>', 'remove a cashier')
    .option('--reset <number>', "reset an operator's password (they change it at next login)")
    .option('--unlock <number>', 'unlock an operator')
    .option('--new-password <password>', 'password for --add / --reset');
}

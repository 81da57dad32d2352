import { createInterface } from 'node:readline/promises';
import { isPaytermError } from '@payterm/kernel';
import type { PosTerminal, UpgradeOutcome } from '@payterm/terminal';
import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { bootLines, progressWriter, softwareJson, versionText } from './software-output.js';
import { text } from './terminal-output.js';
import { runTerminalCommand, type CommandContext, type CommandResult } from './terminal-runner.js';
import { pauseForTest } from './test-pause.js';

interface UpgradeFlags {
  readonly check?: boolean;
  readonly yes?: boolean;
}

/** The `--json` object and text of an upgrade that ended before the restart. */
function ended(
  context: CommandContext,
  state: string,
  fields: { version?: string; code?: string; message: string; ok: boolean; offered?: unknown },
): CommandResult {
  const running = context.terminal.software.runningVersion;
  const why = fields.code === undefined ? '' : ` (${fields.code})`;
  return {
    ok: fields.ok,
    json: {
      state,
      version: fields.version ?? null,
      runningVersion: running,
      code: fields.code ?? null,
      message: fields.message,
      ...(fields.offered === undefined ? {} : { offered: fields.offered }),
      boot: context.node.boot,
    },
    text: `${state.toUpperCase()}${fields.version === undefined ? '' : ` ${fields.version}`} — ${fields.message}${why}\nrunning ${running}`,
  };
}

async function confirmOnTty(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** A verified package waits in a slot: its version. */
function verifiedVersion(terminal: PosTerminal): string | undefined {
  const slots = terminal.software.state.slots;
  return (['A', 'B'] as const).map((name) => slots[name]).find((slot) => slot.state === 'verified')?.version;
}

async function download(io: CliIo, context: CommandContext): Promise<UpgradeOutcome> {
  const progress = progressWriter(io, process.stderr.isTTY === true);
  try {
    return await context.terminal.software.upgrade({ onProgress: progress.update });
  } finally {
    progress.end();
  }
}

/**
 * docs/TMS.md §3 from the command line: the offer (a parameter download), the preconditions, the
 * download with its progress bar, verification, install, the restart into the new version, its
 * self-test, confirmed or rolled back.
 */
async function upgrade(io: CliIo, first: CommandContext, flags: UpgradeFlags): Promise<CommandResult> {
  let context = first;
  const terminal = context.terminal;
  terminal.requirePermission('upgrade');
  await terminal.software.flushReports().catch(() => 0);
  const parameters = await terminal.downloadParameters();
  if (!parameters.approved) {
    return ended(context, 'failed', {
      code: 'UPGRADE_HOST_REFUSED',
      message: text(parameters.message, context.language),
      ok: false,
    });
  }
  const offer = terminal.software.state.offer;
  // A newer offer wins over a package verified earlier: the download replaces it in the inactive slot.
  const wanted = offer !== undefined && terminal.software.upgradeAvailable ? offer.version : undefined;
  const verified = verifiedVersion(terminal);
  const target = wanted ?? verified;
  if (target === undefined) {
    return ended(context, 'none', { message: 'No newer version is offered', ok: true });
  }
  if (flags.check === true) {
    return ended(context, 'offered', {
      version: target,
      message:
        target === verified
          ? 'Downloaded and verified: payterm terminal upgrade --yes installs it'
          : 'A newer version is offered: payterm terminal upgrade --yes installs it',
      ok: true,
      ...(offer === undefined
        ? {}
        : {
            offered: {
              version: offer.version,
              rolloutId: offer.rolloutId,
              bytes: offer.prefixBytes + offer.sizeBytes,
            },
          }),
    });
  }
  if (flags.yes !== true) {
    if (process.stdin.isTTY !== true) {
      throw new CliError('CLI_INVALID_OPTION', 'upgrading without a terminal to ask on needs --yes', {
        option: 'yes',
      });
    }
    if (!(await confirmOnTty(`Download, install and restart into ${target}?`))) {
      return ended(context, 'cancelled', { version: target, message: 'Not upgraded', ok: true });
    }
  }
  let version = target;
  if (wanted !== undefined) {
    // A package of this version already verified comes back at once, without a download.
    const outcome = await download(io, context);
    if (outcome.state !== 'verified') {
      return ended(context, outcome.state, {
        version: outcome.version ?? target,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
        message: text(outcome.text, context.language),
        ok: outcome.state === 'none',
      });
    }
    version = outcome.version ?? target;
  }
  await pauseForTest('verified');
  try {
    await context.terminal.software.install();
  } catch (error) {
    if (!isPaytermError(error)) throw error;
    return ended(context, 'refused', { version, code: error.code, message: error.message, ok: false });
  }
  await pauseForTest('installed');
  const previous = context.terminal.software.runningVersion;
  context = await context.restart();
  const boot = context.node.boot;
  const confirmed = boot.trial?.confirmed === true && boot.version === version;
  const rollback = boot.rolledBack.find((entry) => entry.version === version);
  const json = {
    state: confirmed ? 'installed' : 'rolled-back',
    version,
    previousVersion: previous,
    runningVersion: boot.version,
    code: rollback?.code ?? null,
    message: confirmed ? `Version ${version} installed and confirmed` : (rollback?.reason ?? 'Rolled back'),
    selfTest: boot.trial?.selfTest ?? null,
    boot,
  };
  const head = confirmed
    ? `INSTALLED ${version} — self-test passed, confirmed to the TMS`
    : `ROLLED BACK ${version} — ${rollback?.code ?? ''}: ${rollback?.reason ?? ''}`;
  return { ok: confirmed, json, text: [head, ...bootLines(boot), `running ${boot.version}`].join('\n') };
}

/** `upgrade` and `version`: menu 9 → 9 on the command line. */
export function softwareCommands(io: CliIo): Command[] {
  return [
    new Command('upgrade')
      .description(
        'administrator: check for an upgrade, download it (progress on stderr), verify, install, restart ' +
          'into it and self-test; exit 3 when refused or rolled back',
      )
      .option('--check', 'only say what is offered (nothing is downloaded)')
      .option('--yes', 'do not ask before installing')
      .action(async (flags: UpgradeFlags, self: Command) => {
        await runTerminalCommand(io, self, { automaticTms: false }, (context) => upgrade(io, context, flags));
      }),
    new Command('version')
      .description('the running version, both software slots, the download, the offer and the last result')
      .action(async (_flags: unknown, self: Command) => {
        await runTerminalCommand(io, self, { login: false, automaticTms: false }, ({ terminal, node }) => {
          const state = terminal.software.state;
          const running = terminal.software.runningVersion;
          return Promise.resolve({
            ok: true,
            json: { ...softwareJson(state, running), boot: node.boot, hostAddress: node.hostAddress },
            text: versionText(
              state,
              running,
              node.boot,
              terminal.software.upgradeAvailable,
              node.hostAddress,
            ),
          });
        });
      }),
  ];
}

import { MemoryPrinter, type Language, type PosTerminal } from '@payterm/terminal';
import { openNodeTerminal, type NodeTerminal } from '@payterm/terminal/node';
import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { EXIT_NOT_APPROVED, ExitStatus } from '../../exit-status.js';
import { scriptedPeripherals, type CardFlags } from './scripted-peripherals.js';
import {
  hostAddressChoice,
  resolveTerminalOptions,
  type ResolvedTerminalOptions,
  type TerminalGlobalFlags,
} from './terminal-options.js';
import { pauseForTest } from './test-pause.js';

/** What a command produced: the object for `--json`, the text otherwise, and whether it succeeded. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly text: string;
  readonly ok: boolean;
}

export interface CommandContext {
  readonly terminal: PosTerminal;
  /** The booted terminal: its application, version and what this start rolled back. */
  readonly node: NodeTerminal;
  readonly printer: MemoryPrinter;
  readonly language: Language;
  /** `--json`: the command prints one JSON object, nothing else. */
  readonly json: boolean;
  /**
   * Closes the terminal and boots it again (after an install: the trial, its self-test, confirmed or
   * rolled back); the operator is logged in again. Later work must use the context this returns.
   */
  restart(): Promise<CommandContext>;
}

export interface RunOptions {
  /** Log in with --operator/--password first (default true). */
  readonly login?: boolean;
  readonly card?: CardFlags;
  /** The terminal's own TMS after sign-in and digit 6 (default true); commands that run it themselves turn it off. */
  readonly automaticTms?: boolean;
}

async function openScripted(
  resolved: ResolvedTerminalOptions,
  flags: TerminalGlobalFlags & CardFlags,
  options: RunOptions,
  printer: MemoryPrinter,
): Promise<CommandContext> {
  const node = await openNodeTerminal({
    ...resolved,
    peripherals: scriptedPeripherals(options.card ?? {}, printer),
    ...(options.automaticTms === undefined ? {} : { automaticTms: options.automaticTms }),
    beforeBootStep: (step) => pauseForTest(step),
  });
  try {
    const terminal = node.terminal;
    if (options.login !== false) {
      if (resolved.operator === undefined || resolved.password === undefined) {
        throw new CliError('CLI_INVALID_OPTION', 'log in with --operator NN --password ****', {
          option: 'operator',
        });
      }
      await terminal.login(resolved.operator, resolved.password);
    }
    const language = (flags.lang as Language | undefined) ?? terminal.profile.language;
    const context: CommandContext = {
      terminal,
      node,
      printer,
      language,
      json: resolved.json,
      async restart() {
        await node.close();
        return openScripted(resolved, flags, options, printer);
      },
    };
    return context;
  } catch (error) {
    await node.close();
    throw error;
  }
}

/**
 * Runs one scripted command: boots the terminal of `--tid` from its data directory, logs the operator
 * in, does the work, prints JSON or text, closes. A result that is not ok ends with exit code 3.
 */
export async function runTerminalCommand(
  io: CliIo,
  command: Command,
  options: RunOptions,
  work: (context: CommandContext) => Promise<CommandResult>,
): Promise<void> {
  const flags = command.optsWithGlobals<TerminalGlobalFlags & CardFlags>();
  const resolved = resolveTerminalOptions(flags, process.env, hostAddressChoice(command));
  let context = await openScripted(resolved, flags, options, new MemoryPrinter());
  // Work that restarts the terminal gets a new context; the one open at the end is closed.
  const tracked = (opened: CommandContext): CommandContext => ({
    ...opened,
    restart: async () => {
      context = await opened.restart();
      return tracked(context);
    },
  });
  let result: CommandResult;
  try {
    result = await work(tracked(context));
  } finally {
    await context.node.close();
  }
  io.writeOut(
    resolved.json
      ? `${JSON.stringify(result.json)}\n`
      : result.text.endsWith('\n')
        ? result.text
        : `${result.text}\n`,
  );
  if (!result.ok) throw new ExitStatus(EXIT_NOT_APPROVED);
}

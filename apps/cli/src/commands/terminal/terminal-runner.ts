import { MemoryPrinter, type Language, type PosTerminal } from '@payterm/terminal';
import { openNodeTerminal } from '@payterm/terminal/node';
import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { EXIT_NOT_APPROVED, ExitStatus } from '../../exit-status.js';
import { scriptedPeripherals, type CardFlags } from './scripted-peripherals.js';
import { resolveTerminalOptions, type TerminalGlobalFlags } from './terminal-options.js';

/** What a command produced: the object for `--json`, the text otherwise, and whether it succeeded. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly text: string;
  readonly ok: boolean;
}

export interface CommandContext {
  readonly terminal: PosTerminal;
  readonly printer: MemoryPrinter;
  readonly language: Language;
  /** `--json`: the command prints one JSON object, nothing else. */
  readonly json: boolean;
}

export interface RunOptions {
  /** Log in with --operator/--password first (default true). */
  readonly login?: boolean;
  readonly card?: CardFlags;
}

/**
 * Runs one scripted command: opens the terminal of `--tid` in its data directory, logs the operator
 * in, does the work, prints JSON or text, closes. A result that is not ok ends with exit code 3.
 */
export async function runTerminalCommand(
  io: CliIo,
  command: Command,
  options: RunOptions,
  work: (context: CommandContext) => Promise<CommandResult>,
): Promise<void> {
  const flags = command.optsWithGlobals<TerminalGlobalFlags & CardFlags>();
  const resolved = resolveTerminalOptions(flags, process.env);
  const printer = new MemoryPrinter();
  const opened = await openNodeTerminal({
    ...resolved,
    peripherals: scriptedPeripherals(options.card ?? {}, printer),
  });
  let result: CommandResult;
  try {
    const terminal = opened.terminal;
    if (options.login !== false) {
      if (resolved.operator === undefined || resolved.password === undefined) {
        throw new CliError('CLI_INVALID_OPTION', 'log in with --operator NN --password ****', {
          option: 'operator',
        });
      }
      await terminal.login(resolved.operator, resolved.password);
    }
    const language = (flags.lang as Language | undefined) ?? terminal.profile.language;
    result = await work({ terminal, printer, language, json: resolved.json });
  } finally {
    await opened.close();
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

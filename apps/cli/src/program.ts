import { Command, CommanderError } from 'commander';
import { isPaytermError } from '@payterm/kernel';
import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { ExitStatus } from './exit-status.js';
import { terminalCommand } from './commands/terminal/terminal-command.js';
import { iso8583Command } from './commands/iso8583-command.js';
import { hostCommand } from './commands/host-command.js';
import { OVERVIEW } from './commands/overview.js';
import { toolsCommand } from './commands/tools/tools-command.js';
import { tmsCommand } from './commands/tms/tms-command.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

function buildProgram(io: CliIo): Command {
  const program = new Command('payterm')
    .description('PayTerm: terminal, acquirer host, terminal management and payment tools over ISO 8583')
    .version('0.1.0')
    // Program options only before a command: `payterm tms package --version 1.2.0` is the package's.
    .enablePositionalOptions()
    .action(() => io.writeOut(OVERVIEW));
  program.addCommand(hostCommand(io, 'start'));
  program.addCommand(hostCommand(io, 'host'));
  program.addCommand(iso8583Command(io));
  program.addCommand(toolsCommand(io));
  program.addCommand(terminalCommand(io));
  program.addCommand(tmsCommand(io));
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .showSuggestionAfterError()
      .configureOutput({ writeOut: (text) => io.writeOut(text), writeErr: () => undefined });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ExitStatus) return error.exitCode;
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT_OK; // --help and --version
    const usage = new CliError('CLI_USAGE', error.message.replace(/^error: /, ''), { reason: error.code });
    io.writeErr(`${JSON.stringify(usage)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (isPaytermError(error)) {
    io.writeErr(`${JSON.stringify(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  io.writeErr(
    `${JSON.stringify({ name: 'InternalError', message: (error as Error)?.message ?? String(error) })}\n`,
  );
  return EXIT_INTERNAL;
}

/** Runs one command line; returns the exit code (0 ok, 2 bad input with a JSON error on stderr, 1 internal). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

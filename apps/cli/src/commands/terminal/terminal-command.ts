import { Command, Option } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { cardCommands } from './card-commands.js';
import { managementCommands } from './management-commands.js';
import { runInteractiveTerminal } from './interactive/index.js';
import { qrCommands } from './qr-commands.js';
import { queryCommands } from './query-commands.js';
import { softwareCommands } from './software-commands.js';
import { hostAddressChoice, resolveTerminalOptions, type TerminalGlobalFlags } from './terminal-options.js';

/**
 * `payterm terminal`: the POS terminal of shared/spec/product.md as scriptable commands (each one
 * opens the terminal's data directory, logs the operator in, does one thing and prints text or
 * `--json`).
 */
export function terminalCommand(io: CliIo): Command {
  const command = new Command('terminal')
    .description('a POS terminal: sign in, sell, void, refund, query and settle against the host')
    .option('--tid <tid>', 'terminal ID (field 41)', process.env['PAYTERM_TERMINAL_TID'] ?? '10000001')
    .option('--mid <mid>', 'merchant ID (field 42) for a new terminal (demo TIDs know theirs)')
    .option('--merchant-name <name>', 'merchant name on slips, for a new terminal')
    .option('--operator <number>', 'operator number: 01–20 cashier, 00 supervisor, 99 administrator')
    .option('--password <password>', "the operator's password")
    .option('--data <dir>', 'state directory (default ./data/terminal-<TID>)')
    // From the default only, they give way to the TMS addresses of the stored profile (tags 20/21).
    .addOption(
      new Option('--host <host>', 'acquirer host address; unless given, the TMS hosts (tags 20/21) once set')
        .env('PAYTERM_TERMINAL_HOST')
        .default('127.0.0.1'),
    )
    .addOption(
      new Option('--port <port>', 'acquirer host ISO 8583 port; unless given, the TMS hosts')
        .env('PAYTERM_TERMINAL_PORT')
        .default('8583'),
    )
    .option('--lang <language>', 'zh | en (operator texts and slips)')
    .option('--demo', 'a new terminal keeps the published default passwords (demo only)')
    .option('--connect-timeout-ms <ms>', 'for a new terminal (default 10000)')
    .option('--response-timeout-ms <ms>', 'for a new terminal (default 30000)')
    .option('--battery <percent>', 'the device runs on its battery at this level (default: on mains)')
    .option(
      '--software-key <hex>',
      'an Ed25519 public key trusted for software packages (repeatable; default: a demo TID trusts the demo key)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--json', 'print one JSON object');
  for (const sub of [
    ...managementCommands(io),
    ...cardCommands(io),
    ...qrCommands(io),
    ...queryCommands(io),
    ...softwareCommands(io),
  ])
    command.addCommand(sub);
  // No subcommand: the terminal as a device on this screen, driven by the keyboard.
  command.action(async (flags: TerminalGlobalFlags) => {
    const resolved = resolveTerminalOptions(flags, process.env, hostAddressChoice(command));
    await runInteractiveTerminal({
      dataDir: resolved.dataDir,
      host: resolved.host,
      port: resolved.port,
      address: resolved.address,
      ...(resolved.provision === undefined ? {} : { provision: resolved.provision }),
      input: process.stdin,
      output: process.stdout,
      ...(flags.lang === 'zh' || flags.lang === 'en' ? { language: flags.lang } : {}),
    });
  });
  return command;
}

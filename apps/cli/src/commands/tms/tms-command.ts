import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { inspectCommand } from './inspect-command.js';
import { keygenCommand } from './keygen-command.js';
import { packageCommand } from './package-command.js';

/** `payterm tms …`: terminal management — the package-signing key and signed software packages. */
export function tmsCommand(io: CliIo): Command {
  return new Command('tms')
    .description('terminal management: the package-signing key, signed software packages (JSON output)')
    .addCommand(keygenCommand(io))
    .addCommand(packageCommand(io))
    .addCommand(inspectCommand(io));
}

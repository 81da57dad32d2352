import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { inspectCommand } from './inspect-command.js';
import { keygenCommand } from './keygen-command.js';
import { packageCommand } from './package-command.js';
import { publishCommand } from './publish-command.js';
import { rolloutCommand } from './rollout-command.js';
import { fleetCommand } from './fleet-command.js';
import { paramsCommand } from './params-command.js';

/**
 * `payterm tms …`: terminal management — the package-signing key and signed software packages; publishing,
 * rollouts, the fleet and parameter sets through the host's HTTP API.
 */
export function tmsCommand(io: CliIo): Command {
  return new Command('tms')
    .description(
      'terminal management: the package-signing key, signed packages, publishing, rollouts, the fleet, parameters (JSON output)',
    )
    .addCommand(keygenCommand(io))
    .addCommand(packageCommand(io))
    .addCommand(inspectCommand(io))
    .addCommand(publishCommand(io))
    .addCommand(rolloutCommand(io))
    .addCommand(fleetCommand(io))
    .addCommand(paramsCommand(io));
}

import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { printJson } from '../tools/tool-input.js';
import { apiOptions, callApi, type ApiFlags } from './api-client.js';

/** `payterm tms fleet`: every terminal's software and parameter state. */
export function fleetCommand(io: CliIo): Command {
  return apiOptions(
    new Command('fleet').description(
      'every terminal: running version, applied and effective parameter versions, its offer and rollouts',
    ),
  ).action(async (flags: ApiFlags) => printJson(io, await callApi(flags, 'GET', '/api/tms/fleet')));
}

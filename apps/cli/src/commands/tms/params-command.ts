import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { invalidOption, printJson } from '../tools/tool-input.js';
import { apiOptions, callApi, type ApiFlags } from './api-client.js';

interface SetFlags extends ApiFlags {
  readonly scope: string;
}

/** `all`, `merchant:MID` or `terminal:TID` as the API's scope fields. */
function scopeOf(text: string): Record<string, string> {
  if (text === 'all') return { scope: 'all' };
  const match = /^(merchant|terminal):(\S+)$/.exec(text);
  if (match === null) throw invalidOption('--scope', '--scope is all, merchant:MID or terminal:TID');
  return { scope: match[1]!, scopeId: match[2]! };
}

/** Parameters counted in seconds or minor units are numbers; the others are text (docs/TMS.md §2.1). */
function valuesOf(assignments: readonly string[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw invalidOption('KEY=VALUE', `"${assignment.slice(0, 40)}" is not KEY=VALUE`);
    const key = assignment.slice(0, equals);
    const value = assignment.slice(equals + 1);
    if (/(Seconds|Minor)$/.test(key)) {
      if (!/^\d{1,15}$/.test(value)) throw invalidOption(key, `${key} is a whole number`);
      values[key] = Number(value);
    } else {
      values[key] = value;
    }
  }
  return values;
}

/** `payterm tms params …`: versioned parameter sets through the host's API. */
export function paramsCommand(io: CliIo): Command {
  const set = apiOptions(
    new Command('set')
      .description(
        'a new parameter set version for a scope (replaces its set): merchantName, primaryHost, secondaryHost, ' +
          'responseTimeoutSeconds, connectTimeoutSeconds, language, saleLimitMinor, refundLimitMinor',
      )
      .requiredOption('--scope <scope>', 'all, merchant:MID or terminal:TID')
      .argument('<assignments...>', 'KEY=VALUE pairs'),
  ).action(async (assignments: string[], flags: SetFlags) => {
    const body = { ...scopeOf(flags.scope), values: valuesOf(assignments) };
    printJson(io, await callApi(flags, 'POST', '/api/tms/parameters', { json: body }));
  });
  const list = apiOptions(
    new Command('list').description('every parameter set version, oldest first'),
  ).action(async (flags: ApiFlags) => printJson(io, await callApi(flags, 'GET', '/api/tms/parameters')));
  return new Command('params')
    .description('versioned parameter sets: set, list')
    .addCommand(set)
    .addCommand(list);
}

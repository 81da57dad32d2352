import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { printJson, invalidOption } from '../tools/tool-input.js';
import { apiOptions, callApi, type ApiFlags } from './api-client.js';

interface CreateFlags extends ApiFlags {
  readonly package: string;
  readonly all?: boolean;
  readonly merchant?: string;
  readonly tids?: string;
  readonly percent?: string;
  readonly from?: string;
  readonly to?: string;
}

function positiveInteger(text: string, option: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1)
    throw invalidOption(option, `${option} is a whole number from 1`);
  return Number(text);
}

/** The one target the flags name; CLI_INVALID_OPTION for none or several. */
function targetOf(flags: CreateFlags): Record<string, unknown> {
  const targets = [
    flags.all === true ? { kind: 'all' } : undefined,
    flags.merchant === undefined ? undefined : { kind: 'merchant', mid: flags.merchant },
    flags.tids === undefined
      ? undefined
      : {
          kind: 'list',
          tids: flags.tids
            .split(',')
            .map((tid) => tid.trim())
            .filter((tid) => tid !== ''),
        },
    flags.percent === undefined
      ? undefined
      : { kind: 'percent', percent: positiveInteger(flags.percent, '--percent') },
  ].filter((target) => target !== undefined);
  if (targets.length !== 1) {
    throw invalidOption('--all', 'Name exactly one target: --all, --merchant MID, --tids A,B or --percent N');
  }
  return targets[0]!;
}

function isoTime(text: string | undefined, option: string): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms))
    throw invalidOption(option, `${option} is an ISO 8601 time (2026-12-01T08:00:00Z)`);
  return new Date(ms).toISOString();
}

function createCommand(io: CliIo): Command {
  return apiOptions(
    new Command('create')
      .description(
        'roll a published package out to all terminals, a merchant, a list of TIDs or a pilot percentage',
      )
      .requiredOption('--package <id>', 'the package id (payterm tms publish prints it)')
      .option('--all', 'every terminal')
      .option('--merchant <mid>', "one merchant's terminals")
      .option('--tids <list>', 'these terminals, comma-separated TIDs')
      .option(
        '--percent <n>',
        'a pilot: this percentage of terminals, chosen by a stable hash of rollout and TID',
      )
      .option('--from <iso>', 'offer from this time on (ISO 8601)')
      .option('--to <iso>', 'offer until this time (ISO 8601)'),
  ).action(async (flags: CreateFlags) => {
    const from = isoTime(flags.from, '--from');
    const to = isoTime(flags.to, '--to');
    const body = {
      packageId: positiveInteger(flags.package, '--package'),
      target: targetOf(flags),
      ...(from === undefined ? {} : { windowFrom: from }),
      ...(to === undefined ? {} : { windowTo: to }),
    };
    printJson(io, await callApi(flags, 'POST', '/api/tms/rollouts', { json: body }));
  });
}

function actionCommand(io: CliIo, action: 'pause' | 'resume' | 'cancel' | 'status'): Command {
  const descriptions = {
    pause: 'stop offering the package until resumed',
    resume: 'offer a paused rollout again',
    cancel: 'stop the rollout for good',
    status: "the rollout and every targeted terminal's state, bytes and reason",
  } as const;
  return apiOptions(
    new Command(action).description(descriptions[action]).argument('<id>', 'the rollout id'),
  ).action(async (id: string, flags: ApiFlags) => {
    const path = `/api/tms/rollouts/${positiveInteger(id, 'id')}`;
    printJson(
      io,
      await callApi(
        flags,
        action === 'status' ? 'GET' : 'POST',
        action === 'status' ? path : `${path}/${action}`,
      ),
    );
  });
}

/** `payterm tms rollout …`: software rollouts through the host's API. */
export function rolloutCommand(io: CliIo): Command {
  const list = apiOptions(new Command('list').description('every rollout, oldest first')).action(
    async (flags: ApiFlags) => printJson(io, await callApi(flags, 'GET', '/api/tms/rollouts')),
  );
  return new Command('rollout')
    .description('software rollouts: create, pause, resume, cancel, status, list')
    .addCommand(createCommand(io))
    .addCommand(actionCommand(io, 'pause'))
    .addCommand(actionCommand(io, 'resume'))
    .addCommand(actionCommand(io, 'cancel'))
    .addCommand(actionCommand(io, 'status'))
    .addCommand(list);
}

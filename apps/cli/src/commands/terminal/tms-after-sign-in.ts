import type { CliIo } from '../../cli-io.js';
import { progressWriter } from './software-output.js';
import { text } from './terminal-output.js';
import type { CommandContext } from './terminal-runner.js';

/**
 * What the terminal does right after a sign-in (docs/TMS.md §2): the parameter download, and an offered
 * version downloaded and verified with its progress on stderr. Installing stays the administrator's
 * decision (`payterm terminal upgrade`). A failure here never undoes the sign-in: it is only reported.
 */
export async function tmsAfterSignIn(
  io: CliIo,
  { terminal, language }: CommandContext,
): Promise<{ readonly json: Record<string, unknown>; readonly lines: string[] }> {
  let parameters;
  try {
    // Upgrade reports a start made without the host (a trial rolled back offline) go first.
    await terminal.software.flushReports();
    parameters = await terminal.downloadParameters();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { json: { parameters: { approved: false, message } }, lines: [`parameters: ${message}`] };
  }
  const json: Record<string, unknown> = {
    parameters: {
      approved: parameters.approved,
      parameterVersion: parameters.parameterVersion ?? null,
      changed: parameters.changed,
    },
  };
  const lines = [
    parameters.approved
      ? `parameters ${parameters.parameterVersion ?? '-'}${parameters.changed.length === 0 ? '' : ` (changed ${parameters.changed.join(', ')})`}`
      : `parameters not downloaded — ${text(parameters.message, language)}`,
  ];
  if (!parameters.approved || !terminal.software.upgradeAvailable) return { json, lines };
  const progress = progressWriter(io, process.stderr.isTTY === true);
  const outcome = await terminal.software.upgrade({ onProgress: progress.update }).finally(progress.end);
  json['software'] = {
    state: outcome.state,
    version: outcome.version ?? null,
    code: outcome.code ?? null,
    message: text(outcome.text, language),
  };
  lines.push(
    outcome.state === 'verified'
      ? `version ${outcome.version ?? ''} downloaded and verified: payterm terminal upgrade installs it`
      : `version ${outcome.version ?? ''} ${outcome.state} — ${text(outcome.text, language)}${outcome.code === undefined ? '' : ` (${outcome.code})`}`,
  );
  return { json, lines };
}

import { progressBar, type DownloadProgress, type SoftwareState } from '@payterm/terminal';
import type { NodeBootReport, NodeHostAddress } from '@payterm/terminal/node';
import type { CliIo } from '../../cli-io.js';
import { hostAddressText } from './host-address-output.js';

/**
 * The download's progress on stderr: one line redrawn on a terminal, a plain line every 10 % otherwise
 * (a log or a pipe keeps each one). stdout stays for the result.
 */
export function progressWriter(
  io: CliIo,
  tty: boolean,
): {
  readonly update: (progress: DownloadProgress) => void;
  readonly end: () => void;
} {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(progress) {
      const line = `${progress.version} ${progressBar(progress.bytesReceived, progress.totalBytes, 30)} ${progress.bytesReceived}/${progress.totalBytes} bytes`;
      if (tty) {
        io.writeErr(`\r${line}`);
        drawn = true;
        return;
      }
      const tenth =
        progress.totalBytes <= 0 ? 10 : Math.floor((progress.bytesReceived * 10) / progress.totalBytes);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.writeErr(`download ${line}\n`);
    },
    end() {
      if (drawn) io.writeErr('\n');
      drawn = false;
    },
  };
}

/** The slot store for `--json`: versions and states, never the package bytes. */
export function softwareJson(state: SoftwareState, runningVersion: string): Record<string, unknown> {
  const download = state.download;
  return {
    runningVersion,
    target: state.active,
    factoryVersion: state.factoryVersion ?? null,
    slots: state.slots,
    download:
      download === undefined
        ? null
        : {
            version: download.version,
            bytesReceived: download.bytesReceived,
            totalBytes: download.prefixBytes + download.payloadBytes,
          },
    offer: state.offer ?? null,
    lastResult: state.lastResult ?? null,
    installed: state.installed,
    refused: state.refused,
    pendingReports: state.reports.length,
  };
}

/** What this start of the terminal did about software: the trial's end and every rollback. */
export function bootLines(boot: NodeBootReport): string[] {
  const lines = boot.rolledBack.map(
    (rollback) => `rolled back ${rollback.version}: ${rollback.code} — ${rollback.reason}`,
  );
  if (boot.trial !== undefined) {
    const checks = boot.trial.selfTest.checks
      .map((check) => `${check.check} ${check.ok ? 'ok' : `FAILED (${check.detail})`}`)
      .join(', ');
    lines.unshift(
      `self-test of ${boot.trial.version}: ${checks}${boot.trial.confirmed ? ' → confirmed' : ''}`,
    );
  }
  return lines;
}

/** `payterm terminal version` as text: what runs, each slot, the download, the offer, the last result. */
export function versionText(
  state: SoftwareState,
  runningVersion: string,
  boot: NodeBootReport,
  offerIsNew: boolean,
  hostAddress: NodeHostAddress,
): string {
  const where = state.active === 'factory' ? 'factory application' : `slot ${state.active}`;
  const lines = [`running     ${runningVersion} (${where})`, `host        ${hostAddressText(hostAddress)}`];
  for (const slot of ['A', 'B'] as const) {
    const record = state.slots[slot];
    const failure = record.failure === undefined ? '' : ` (${record.failure})`;
    lines.push(
      `slot ${slot}      ${record.state}${record.version === undefined ? '' : ` ${record.version}`}${failure}`,
    );
  }
  const download = state.download;
  if (download !== undefined) {
    const total = download.prefixBytes + download.payloadBytes;
    lines.push(`download    ${download.version} ${progressBar(download.bytesReceived, total, 20)}`);
  }
  if (state.offer !== undefined && offerIsNew)
    lines.push(`offered     ${state.offer.version} (rollout ${state.offer.rolloutId})`);
  const last = state.lastResult;
  if (last !== undefined) {
    const why = last.code === undefined ? '' : ` — ${last.code}: ${last.text?.en ?? ''}`;
    lines.push(`last        ${last.version} ${last.state}${why}`);
  }
  if (state.reports.length > 0) lines.push(`reports     ${state.reports.length} waiting for the host`);
  return [...lines, ...bootLines(boot)].join('\n');
}

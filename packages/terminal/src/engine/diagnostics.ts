import type { StorageUsage } from '../ports/storage.js';
import type { KeyCheckValues } from '../security/security-module.js';
import { batchCount } from './readiness.js';
import { echo, type EchoOutcome } from './sign-in.js';
import type { TerminalCore } from './terminal-core.js';
import { terminalStatus, type PendingOutcome } from './terminal-status.js';

/** The diagnostics screen (product.md): reachability, keys, batch, pending work, storage, clock. */
export interface Diagnostics {
  readonly echo: EchoOutcome;
  readonly checkValues: KeyCheckValues;
  readonly batch: string;
  readonly batchCount: number;
  readonly pending: readonly PendingOutcome[];
  readonly softwareVersion: string;
  readonly journal: StorageUsage;
  /** Host time minus terminal time at the last sign-in. */
  readonly clockOffsetMs: number;
  /** Responses that matched no request since start (late or duplicate). */
  readonly unmatchedResponses: number;
  /** A newer version offered (`available`) or downloaded and verified (`ready`). */
  readonly upgrade?: 'available' | 'ready';
}

export async function diagnose(core: TerminalCore): Promise<Diagnostics> {
  const echoed = await echo(core);
  return {
    echo: echoed,
    checkValues: core.devices.security.checkValues(),
    batch: core.state.batch,
    batchCount: batchCount(core),
    pending: terminalStatus(core).pending,
    softwareVersion: core.profile.softwareVersion,
    journal: await core.devices.storage.usage(),
    clockOffsetMs: core.state.clockOffsetMs,
    unmatchedResponses: core.channel.unmatchedResponses,
  };
}

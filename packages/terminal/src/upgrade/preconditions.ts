import type { TerminalErrorDetails } from '../errors.js';
import type { PowerStatus } from '../ports/power.js';

/** docs/TMS.md §3.2: battery at least 30 % unless on mains. */
export const MIN_BATTERY_PERCENT = 30;
/** docs/TMS.md §3.2: free storage at least twice the package size. */
export const FREE_STORAGE_FACTOR = 2;

export type PreconditionCode = 'UPGRADE_BATTERY_LOW' | 'UPGRADE_STORAGE_LOW' | 'UPGRADE_SETTLE_FIRST';

export interface PreconditionRefusal {
  readonly code: PreconditionCode;
  /** English, for the `362` reason text and the error message. */
  readonly reason: string;
  readonly details: TerminalErrorDetails;
}

/** What the device and the journal say right now. Absent power or free space: the device cannot tell. */
export interface PreconditionFacts {
  readonly power?: PowerStatus;
  readonly freeBytes?: number;
  /** The whole package file. */
  readonly packageBytes: number;
  /** Bytes of this package already stored (a resumed download counted them when it started). */
  readonly storedBytes: number;
  /** Card and QR transactions in the open batch. */
  readonly batchCount: number;
  /** Reversals and repeats still to reach the host. */
  readonly pendingRecoveries: number;
}

/**
 * The first precondition that fails, or undefined. Unknown battery level or free space refuses nothing:
 * a device that cannot report them runs on mains and a full disk is caught when a chunk does not fit
 * (UPGRADE_STORAGE_FULL). The open batch comes first: it is what the operator can fix now.
 */
export function failedPrecondition(facts: PreconditionFacts): PreconditionRefusal | undefined {
  if (facts.batchCount > 0 || facts.pendingRecoveries > 0) {
    return {
      code: 'UPGRADE_SETTLE_FIRST',
      reason:
        facts.pendingRecoveries > 0
          ? 'A reversal is pending: resolve it and settle first'
          : 'The batch has transactions: settle first',
      details: { batchCount: facts.batchCount, pending: facts.pendingRecoveries },
    };
  }
  const power = facts.power;
  if (power !== undefined && !power.charging && power.level < MIN_BATTERY_PERCENT) {
    return {
      code: 'UPGRADE_BATTERY_LOW',
      reason: `Battery at ${power.level} %, below ${MIN_BATTERY_PERCENT} % and not on mains`,
      details: { level: power.level },
    };
  }
  const needBytes = FREE_STORAGE_FACTOR * facts.packageBytes - facts.storedBytes;
  if (facts.freeBytes !== undefined && facts.freeBytes < needBytes) {
    return {
      code: 'UPGRADE_STORAGE_LOW',
      reason: `${facts.freeBytes} bytes free, ${needBytes} needed (twice the package)`,
      details: { freeBytes: facts.freeBytes, needBytes },
    };
  }
  return undefined;
}

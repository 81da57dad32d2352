import { createHash } from 'node:crypto';
import { tmsError } from './tms-error.js';

/** Who a rollout offers its package to (docs/TMS.md §4). */
export type RolloutTarget =
  | { readonly kind: 'all' }
  | { readonly kind: 'merchant'; readonly mid: string }
  | { readonly kind: 'list'; readonly tids: readonly string[] }
  | { readonly kind: 'percent'; readonly percent: number };

/** A terminal as targeting sees it. */
export interface TargetedTerminal {
  readonly tid: string;
  readonly mid: string;
}

/**
 * The pilot bucket 0–99 of a terminal in a rollout: SHA-256 of `rolloutId:tid`, first four bytes
 * modulo 100. Stable across restarts and hosts; another rollout draws another pilot group.
 */
export function pilotBucket(rolloutId: number, tid: string): number {
  const digest = createHash('sha256').update(`${rolloutId}:${tid}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export function targets(rolloutId: number, target: RolloutTarget, terminal: TargetedTerminal): boolean {
  switch (target.kind) {
    case 'all':
      return true;
    case 'merchant':
      return terminal.mid === target.mid;
    case 'list':
      return target.tids.includes(terminal.tid);
    case 'percent':
      return pilotBucket(rolloutId, terminal.tid) < target.percent;
  }
}

/** The stored `(targetKind, targetValue)` of a target. */
export function targetColumns(target: RolloutTarget): { targetKind: string; targetValue: string } {
  switch (target.kind) {
    case 'all':
      return { targetKind: 'all', targetValue: '' };
    case 'merchant':
      return { targetKind: 'merchant', targetValue: target.mid };
    case 'list':
      return { targetKind: 'list', targetValue: target.tids.join(',') };
    case 'percent':
      return { targetKind: 'percent', targetValue: String(target.percent) };
  }
}

/** The target of stored columns; TMS_TARGET_INVALID for anything malformed (input checks use it too). */
export function targetOf(targetKind: string, targetValue: string): RolloutTarget {
  const invalid = (message: string): never => {
    throw tmsError('TMS_TARGET_INVALID', message, { targetKind });
  };
  switch (targetKind) {
    case 'all':
      return { kind: 'all' };
    case 'merchant':
      if (!/^\d{15}$/.test(targetValue)) invalid('A merchant target is a 15-digit MID');
      return { kind: 'merchant', mid: targetValue };
    case 'list': {
      const tids = targetValue.split(',').filter((tid) => tid !== '');
      if (tids.length === 0 || tids.some((tid) => !/^\d{8}$/.test(tid))) {
        invalid('A list target is one or more 8-digit TIDs, comma-separated');
      }
      return { kind: 'list', tids: [...new Set(tids)] };
    }
    case 'percent': {
      const percent = Number(targetValue);
      if (!/^\d{1,3}$/.test(targetValue) || percent < 1 || percent > 100) {
        invalid('A percentage target is a whole number from 1 to 100');
      }
      return { kind: 'percent', percent };
    }
    default:
      return invalid('A target is all, merchant, list or percent');
  }
}

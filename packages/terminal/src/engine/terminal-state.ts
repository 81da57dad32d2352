import type { StorageChange, TerminalStorage } from '../ports/storage.js';
import type { TerminalProfile } from '../profile.js';
import type { SettlementReport } from '../journal/settlement-report.js';

/** Why the terminal must sign in again before its next card transaction. */
export type ResignInReason =
  'never-signed-in' | 'signed-off' | 'batch-mismatch' | 'mac-error' | 'host-request';

/**
 * Why settlement is required before further transactions: the batch is full, or a settlement the
 * host has already closed its side of (0500 answered) has not finished here (upload or end missing).
 */
export type SettlementReason = 'batch-full' | 'unfinished';

/** A merchant-presented QR order shown and not yet paid, closed or expired. */
export interface OpenQrOrder {
  /** Field 37 of the 710000 answer: what status and close name. */
  readonly orderRrn: string;
  readonly amountMinor: number;
  /** The 710000's STAN and batch: the voucher number of the QR sale once paid. */
  readonly stan: string;
  readonly batch: string;
  readonly operator: string;
  readonly payload: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** The terminal's own state, one document (`state` / `terminal`) written with each change. */
export interface TerminalState {
  readonly profile: TerminalProfile;
  /** The last STAN used (0 before the first); never reused within a batch. */
  readonly lastStan: number;
  readonly batch: string;
  readonly signedIn: boolean;
  readonly resignInReason?: ResignInReason;
  readonly signedInAt?: string;
  readonly signedInOperator?: string;
  readonly settlementRequired?: SettlementReason;
  readonly locked: boolean;
  /** Host time minus terminal time, from the last sign-in's fields 12/13. */
  readonly clockOffsetMs: number;
  /** The record of the last transaction slip printed. */
  readonly lastSlipRecordId?: string;
  readonly lastSettlement?: SettlementReport;
  /** Merchant-presented QR orders still open, by order RRN. */
  readonly qrOrders?: Readonly<Record<string, OpenQrOrder>>;
  /** The TMS parameter set version applied last (`361` reported it). */
  readonly parameterVersion?: string;
  /** The host asked for a parameter download (header digit 6): it runs at the next idle moment. */
  readonly parametersDue?: boolean;
  /** When the last parameter download finished (terminal clock, ISO): digit 6 repeats are paced by it. */
  readonly parametersCheckedAt?: string;
}

const STATE_KEY = 'terminal';

export function initialState(profile: TerminalProfile): TerminalState {
  return {
    profile,
    lastStan: 0,
    batch: '000001',
    signedIn: false,
    resignInReason: 'never-signed-in',
    locked: false,
    clockOffsetMs: 0,
  };
}

export function loadState(storage: TerminalStorage): Promise<TerminalState | undefined> {
  return storage.get<TerminalState>('state', STATE_KEY);
}

export function stageState(state: TerminalState): StorageChange {
  return { collection: 'state', key: STATE_KEY, value: state };
}

/** The STAN after `lastStan`: 000001–999999, wrapping. */
export function nextStan(lastStan: number): number {
  return (lastStan % 999_999) + 1;
}

export function formatStan(stan: number): string {
  return String(stan).padStart(6, '0');
}

export function nextBatch(batch: string): string {
  return String((Number(batch) % 999_999) + 1).padStart(6, '0');
}

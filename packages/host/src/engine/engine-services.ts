import type { KeyHandle } from '@payterm/crypto';
import type { MessageCodec } from '@payterm/iso8583';
import type { Clock } from '@payterm/kernel';
import type { Issuer } from '../issuer/issuer-port.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { PanProtector } from '../security/pan-protector.js';
import type { TerminalSecurity } from '../security/terminal-security.js';
import type { CommitQueue } from '../storage/commit/commit-queue.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { HostRepositories } from '../storage/repositories/host-repositories.js';
import type { BatchJournal } from './batch-journal.js';
import type { HostIds } from './host-ids.js';
import type { Wallet } from '../wallet/wallet.js';
import type { TerminalDirectory } from './terminal-directory.js';
import type { TerminalManagement } from '../tms/terminal-management.js';

/** What the engine logs: pino's shape, so the host passes its pino logger. */
export interface EngineLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** Hears about each processed request (Prometheus metrics, tests). */
export interface EngineObserver {
  onProcessed?(event: {
    readonly mti: string;
    readonly kind: string;
    readonly responseCode: string;
    readonly durationMs: number;
  }): void;
}

/** Everything the flows use; one instance per host. */
export interface EngineServices {
  readonly codec: MessageCodec;
  readonly clock: Clock;
  readonly ids: HostIds;
  readonly repositories: HostRepositories;
  readonly commits: CommitQueue;
  readonly terminals: TerminalDirectory;
  readonly journal: BatchJournal;
  readonly security: TerminalSecurity;
  readonly pans: PanProtector;
  readonly issuer: Issuer;
  /** The issuer's zone PIN key: PIN blocks are translated to it. */
  readonly issuerZpk: KeyHandle;
  readonly risk: RiskEngine;
  /** The QR wallet: customer-presented codes, merchant-presented orders, QR voids and refunds. */
  readonly wallet: Wallet;
  /** Terminal management: parameters, software rollouts, header digit 6. */
  readonly tms: TerminalManagement;
  /** Issuer state changes not yet handed to a commit (the issuer reports them synchronously). */
  readonly drainIssuerChanges: (into: WriteBatch) => void;
  readonly logger: EngineLogger;
  readonly observer: EngineObserver;
  /** Delay of the `9168` late-response trigger (test-cards.md: 40 s). */
  readonly lateResponseMs: number;
}

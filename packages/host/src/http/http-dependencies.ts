import type { FastifyBaseLogger } from 'fastify';
import type { Hsm } from '@payterm/crypto';
import type { Clock, RandomSource } from '@payterm/kernel';
import type { ChannelObserver } from '../channel/channel-observer.js';
import type { FrameHandler } from '../channel/frame-handler.js';
import type { HostMetrics } from '../metrics/host-metrics.js';
import type { HostRepositories } from '../storage/repositories/host-repositories.js';
import type { WalletActions } from '../wallet/wallet-actions.js';
import type { TerminalManagement } from '../tms/terminal-management.js';

/** What the transaction engine says about itself for `GET /api/health`. */
export interface HealthReport {
  readonly healthy: boolean;
  /** Facts for operators (open connections, commit queue failed, …); no secrets. */
  readonly checks?: Readonly<Record<string, string | number | boolean>>;
}

/** The engine's cache of terminals and merchants, told to re-read a row the API changed. */
export interface TerminalDirectoryInvalidation {
  forgetTerminal(tid: string): void;
  forgetMerchant(mid: string): void;
}

export interface HttpServerDependencies {
  readonly repositories: HostRepositories;
  readonly hsm: Hsm;
  readonly directory: TerminalDirectoryInvalidation;
  readonly health: () => Promise<HealthReport>;
  readonly metrics: HostMetrics;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** A pino-compatible logger for requests, or false / absent for none. */
  readonly logger?: FastifyBaseLogger | false;
  /** When given, the ISO 8583 WebSocket channel is served at `/iso8583` (terminal authentication is the ISO protocol's: sign-in and MACs, not API tokens). */
  readonly isoHandler?: FrameHandler;
  /** More hooks for the WebSocket channel (logs); connections are counted in `metrics` in any case. */
  readonly isoObserver?: ChannelObserver;
  /** Shown by `GET /api/health` and in the OpenAPI document. */
  readonly version: string;
  /** The QR wallet's actions: its JSON API is served under /api/wallet when given. */
  readonly wallet?: WalletActions;
  /** Terminal management: its JSON API is served under /api/tms when given. */
  readonly tms?: TerminalManagement;
  /** apps/web's build: the start page at `/` and the web terminal at `/terminal` (absent: not served). */
  readonly webRoot?: string;
}

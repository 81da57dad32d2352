import type { LatencySummary } from './latency-stats.js';

/** A terminal the generator signs in with (host mode) or only names in its sales (echo mode). */
export interface LoadTerminal {
  readonly tid: string;
  readonly mid: string;
  /** The terminal master key (test only), for the sign-in. */
  readonly tmkHex: string;
}

/** What the orchestrator sends the generator process (one run per process). */
export interface GeneratorConfig {
  readonly host: string;
  readonly port: number;
  /** `host`: sign in, expect 0210 answers; `echo`: the peer returns each 0200 as it came. */
  readonly mode: 'host' | 'echo';
  readonly connections: number;
  readonly inFlight: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly terminals: readonly LoadTerminal[];
  readonly pan: string;
  readonly pin: string;
  readonly amountMinor: number;
  /** Every n-th response of a connection is unpacked with its layout and its MAC checked. */
  readonly macSampleEvery: number;
}

export type WindowEdge = 'start' | 'end';

/** What the generator reports about the measured window. */
export interface GeneratorResult {
  /** Responses received inside the window. */
  readonly responses: number;
  readonly elapsedMs: number;
  readonly latency: LatencySummary;
  /** Field 39 of the responses inside the window (`none` when absent, as in echo mode). */
  readonly responseCodes: Readonly<Record<string, number>>;
  readonly macChecked: number;
  readonly macFailed: number;
  /** Responses whose STAN no request of their connection was waiting for. */
  readonly unmatched: number;
  /** Requests still unanswered when the drain after the window gave up. */
  readonly unanswered: number;
  /** Generator process CPU time over the window, in ms (user + system). */
  readonly generatorCpuMs: number;
}

export type GeneratorMessage =
  | { readonly type: 'ready' }
  /** The measured window starts or ends now (so the orchestrator can read the peer's counters). */
  | { readonly type: 'window'; readonly edge: WindowEdge }
  | { readonly type: 'result'; readonly result: GeneratorResult }
  | { readonly type: 'error'; readonly message: string };

import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChannelObserver } from '../channel/channel-observer.js';

/** Request latency from 0.5 ms (an answer from memory) to 5 s (a slow issuer or HSM). */
const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Group commits take from one submission to the queue's bound (1000 by default). */
const GROUP_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** The label a message without a response code (an advice answered with nothing, a dropped frame) gets. */
export const NO_RESPONSE_CODE = 'none';

/** One label combination of the message counter and the messages counted since prom-client last read it. */
interface MessageCount {
  readonly child: Counter.Internal;
  pending: number;
}

/**
 * The host's Prometheus metrics in a registry of their own (never prom-client's global one, so that two
 * hosts in one process — tests — do not share counters). The observe methods run on the transaction
 * path: label children are looked up once and kept, and messages are counted in plain numbers that
 * the counter takes over whenever it is read (each prom-client increment hashes and checks labels).
 */
export class HostMetrics {
  readonly registry: Registry;
  readonly #messages: Counter<'mti' | 'response_code'>;
  readonly #requestDuration: Histogram;
  readonly #openConnections: Gauge<'channel'>;
  readonly #commitGroupSize: Histogram;
  readonly #commitDuration: Histogram;
  /** By MTI, then response code: no key string is built per call. */
  readonly #messageCounts = new Map<string, Map<string, MessageCount>>();
  /** In order of first use, the order in which prom-client lists them. */
  readonly #messageCountList: MessageCount[] = [];
  readonly #connectionChildren = new Map<string, Gauge.Internal<'channel'>>();

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    this.registry = new Registry();
    const registers = [this.registry];
    this.#messages = new Counter({
      name: 'payterm_iso_messages_total',
      help: 'ISO 8583 messages answered, by request MTI and response code',
      labelNames: ['mti', 'response_code'],
      registers,
      collect: () => this.#flushMessageCounts(),
    });
    this.#requestDuration = new Histogram({
      name: 'payterm_iso_request_duration_seconds',
      help: 'Time from a request frame to its answer',
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    });
    this.#openConnections = new Gauge({
      name: 'payterm_iso_open_connections',
      help: 'Open ISO 8583 connections, by channel',
      labelNames: ['channel'],
      registers,
    });
    this.#commitGroupSize = new Histogram({
      name: 'payterm_commit_group_size',
      help: 'Submissions per group commit',
      buckets: GROUP_SIZE_BUCKETS,
      registers,
    });
    this.#commitDuration = new Histogram({
      name: 'payterm_commit_duration_seconds',
      help: 'Duration of one group commit',
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    });
    new Gauge({
      name: 'payterm_event_loop_busy_seconds',
      help:
        'Time the main thread spent running (not waiting in its event loop) since the host started; ' +
        'its rate is the event loop utilisation, which approaches 1 when the host is CPU-bound',
      registers,
      collect() {
        this.set(performance.eventLoopUtilization().active / 1000);
      },
    });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One answered request: its MTI, the response code sent (or NO_RESPONSE_CODE) and the time it took. */
  observeMessage(mti: string, responseCode: string | undefined, durationMs: number): void {
    const code = responseCode ?? NO_RESPONSE_CODE;
    let byCode = this.#messageCounts.get(mti);
    if (byCode === undefined) {
      byCode = new Map();
      this.#messageCounts.set(mti, byCode);
    }
    let count = byCode.get(code);
    if (count === undefined) {
      count = { child: this.#messages.labels(mti, code), pending: 0 };
      byCode.set(code, count);
      this.#messageCountList.push(count);
    }
    count.pending += 1;
    this.#requestDuration.observe(durationMs / 1000);
  }

  connectionOpened(channel: string): void {
    this.#connection(channel).inc();
  }

  connectionClosed(channel: string): void {
    this.#connection(channel).dec();
  }

  /** One group commit (CommitQueue's `onCommit`). */
  observeCommit(groupSize: number, durationMs: number): void {
    this.#commitGroupSize.observe(groupSize);
    this.#commitDuration.observe(durationMs / 1000);
  }

  /** Counts connections of an ISO channel (TCP server or WebSocket plugin) by `peer.channel`. */
  channelObserver(): ChannelObserver {
    return {
      onConnectionOpen: (peer) => this.connectionOpened(peer.channel),
      onConnectionClose: (peer) => this.connectionClosed(peer.channel),
    };
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  #flushMessageCounts(): void {
    for (const count of this.#messageCountList) {
      if (count.pending > 0) {
        count.child.inc(count.pending);
        count.pending = 0;
      }
    }
  }

  #connection(channel: string): Gauge.Internal<'channel'> {
    let child = this.#connectionChildren.get(channel);
    if (child === undefined) {
      child = this.#openConnections.labels(channel);
      this.#connectionChildren.set(channel, child);
    }
    return child;
  }
}

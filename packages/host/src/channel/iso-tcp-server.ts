import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Clock } from '@payterm/kernel';
import { channelError } from './channel-error.js';
import type { ChannelObserver } from './channel-observer.js';
import { CHANNEL_DEFAULTS, checkedOption, resolveChannelOptions } from './channel-options.js';
import type { FrameHandler, PeerInfo } from './frame-handler.js';
import { TcpConnection, type ConnectionStats, type TcpConnectionSettings } from './tcp-connection.js';

export interface IsoTcpServerOptions {
  readonly handler: FrameHandler;
  readonly observer?: ChannelObserver;
  /** Largest message accepted, without the 2-byte prefix (default 8192); a longer one closes the connection. */
  readonly maxFrameBytes?: number;
  /** No bytes received for this long closes the connection (default 120 000). */
  readonly idleTimeoutMs?: number;
  /** Handlers running at once per connection; reading pauses at the limit (default 64). */
  readonly maxInFlightPerConnection?: number;
  /** Connections held at once; more are refused (default 10 000). */
  readonly maxConnections?: number;
  /** Measures handler time for `onReply` (default the system clock). */
  readonly clock?: Clock;
}

export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly backlog?: number;
}

export interface BoundAddress {
  readonly host: string;
  readonly port: number;
  readonly family: string;
}

export interface CloseOptions {
  /** How long in-flight handlers get to answer before connections are dropped (default 10 000). */
  readonly drainTimeoutMs?: number;
}

/**
 * The ISO 8583 TCP channel: CUP framing (2-byte big-endian length), many connections, several
 * requests in flight per connection answered as they complete, bounded memory per connection.
 */
export class IsoTcpServer {
  private readonly server: Server;
  private readonly settings: TcpConnectionSettings;
  private readonly maxConnections: number;
  private readonly connections = new Map<string, TcpConnection>();
  private nextConnectionNumber = 1;
  private state: 'new' | 'listening' | 'closing' | 'closed' = 'new';
  private closing: Promise<void> | undefined;

  constructor(options: IsoTcpServerOptions) {
    const resolved = resolveChannelOptions(options);
    this.settings = resolved.settings;
    this.maxConnections = resolved.maxConnections;
    // allowHalfOpen: a terminal that sends and then shuts its side down still gets its replies.
    this.server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.accept(socket));
  }

  /** Starts listening; resolves with the bound address. */
  listen(options: ListenOptions): Promise<BoundAddress> {
    if (this.state !== 'new') {
      return Promise.reject(
        channelError('CHANNEL_ALREADY_LISTENING', `the server is ${this.state}`, { state: this.state }),
      );
    }
    this.state = 'listening';
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        this.state = 'new';
        reject(error);
      };
      this.server.once('error', onError);
      this.server.listen({ host: options.host, port: options.port, backlog: options.backlog ?? 511 }, () => {
        this.server.removeListener('error', onError);
        resolve(this.address());
      });
    });
  }

  address(): BoundAddress {
    const bound = this.server.address();
    if (bound === null || typeof bound === 'string') {
      throw channelError('CHANNEL_NOT_LISTENING', 'the server has no TCP address', { state: this.state });
    }
    const { address, port, family } = bound as AddressInfo;
    return { host: address, port, family };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Per-connection in-flight, queue and pause state. */
  connectionStats(): ConnectionStats[] {
    return [...this.connections.values()].map((connection) => connection.stats());
  }

  /**
   * Stops accepting, lets every connection answer what it has received (no more reads), ends each
   * once its replies are written, and drops those still busy after `drainTimeoutMs`.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    const drainTimeoutMs = checkedOption(
      'drainTimeoutMs',
      options.drainTimeoutMs,
      CHANNEL_DEFAULTS.drainTimeoutMs,
      0,
      2 ** 31 - 1,
    );
    const wasListening = this.state === 'listening';
    this.state = 'closing';
    this.closing = this.drain(wasListening, drainTimeoutMs).then(() => {
      this.state = 'closed';
    });
    return this.closing;
  }

  private async drain(wasListening: boolean, drainTimeoutMs: number): Promise<void> {
    const stopped = wasListening
      ? new Promise<void>((resolve) => this.server.close(() => resolve()))
      : Promise.resolve();
    const connections = [...this.connections.values()];
    for (const connection of connections) connection.beginClose('server-closing');
    const timer = setTimeout(() => {
      for (const connection of this.connections.values()) connection.destroy('drain-timeout');
    }, drainTimeoutMs);
    try {
      await Promise.all(connections.map((connection) => connection.done));
      await stopped;
    } finally {
      clearTimeout(timer);
    }
  }

  private accept(socket: Socket): void {
    const peer: PeerInfo = {
      channel: 'tcp',
      connectionId: `tcp-${this.nextConnectionNumber++}`,
      remoteAddress: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`,
    };
    if (this.state !== 'listening' || this.connections.size >= this.maxConnections) {
      const error = channelError(
        'CHANNEL_CONNECTION_LIMIT',
        'connection refused: the server is full or closing',
        {
          connectionId: peer.connectionId,
          maxConnections: this.maxConnections,
        },
      );
      this.settings.observer.onError?.('connection-limit', peer, error);
      socket.destroy();
      return;
    }
    const connection = new TcpConnection(socket, peer, this.settings);
    this.connections.set(peer.connectionId, connection);
    void connection.done.then(() => this.connections.delete(peer.connectionId));
  }
}

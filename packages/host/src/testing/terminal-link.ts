import { IsoTcpClient } from '../channel/iso-tcp-client.js';

/**
 * What the test terminal needs from a channel: send one message (TPDU … end; the link adds its own
 * framing), write bytes as they are (malformed-frame tests), and hand over every received message.
 * TCP is the one implementation; a WebSocket link would send one binary message per frame.
 */
export interface TerminalLink {
  /** Sends one message; the link frames it (2-byte length on TCP). */
  send(message: Uint8Array): void;
  /** Writes bytes without framing. */
  sendUnframed(bytes: Uint8Array): void;
  /** Receives every message the peer sends (unframed); returns the unsubscribe function. */
  onMessage(listener: (message: Uint8Array) => void): () => void;
  /** Resolves when the link has closed, for any reason. */
  readonly closed: Promise<void>;
  /** Closes the link (half-close first on TCP, so replies already sent still arrive). */
  close(): Promise<void>;
}

export interface TcpTerminalLinkOptions {
  readonly host: string;
  readonly port: number;
  /** Connection timeout (default 10 000). */
  readonly connectTimeoutMs?: number;
  /** Largest reply accepted, without the length prefix (default 8192). */
  readonly maxFrameBytes?: number;
}

/** The TCP link: CUP framing over IsoTcpClient. */
export class TcpTerminalLink implements TerminalLink {
  private constructor(private readonly client: IsoTcpClient) {}

  static async connect(options: TcpTerminalLinkOptions): Promise<TcpTerminalLink> {
    const client = await IsoTcpClient.connect({
      host: options.host,
      port: options.port,
      ...(options.connectTimeoutMs === undefined ? {} : { timeoutMs: options.connectTimeoutMs }),
      ...(options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes }),
    });
    return new TcpTerminalLink(client);
  }

  get closed(): Promise<void> {
    return this.client.closed;
  }

  send(message: Uint8Array): void {
    this.client.send(message);
  }

  sendUnframed(bytes: Uint8Array): void {
    this.client.sendRaw(bytes);
  }

  onMessage(listener: (message: Uint8Array) => void): () => void {
    return this.client.onFrame(listener);
  }

  /** Half-closes, then drops the socket if the peer has not closed its side within `graceMs`. */
  async close(graceMs = 1000): Promise<void> {
    const timer = setTimeout(() => void this.client.destroy(), graceMs);
    try {
      await this.client.end();
    } finally {
      clearTimeout(timer);
    }
  }
}

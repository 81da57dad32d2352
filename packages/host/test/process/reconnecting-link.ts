import { TcpTerminalLink, type TerminalLink } from '../../src/testing/terminal-link.js';

/**
 * A terminal's TCP link that survives its host: when the connection drops, requests in flight are not
 * failed at once but time out (as on a real terminal, which then reverses them), messages sent while
 * disconnected are lost, and `reconnect(port)` dials the restarted host. The terminal object keeps its
 * STAN sequence, batch, journal and working keys across the outage.
 */
export class ReconnectingLink implements TerminalLink {
  readonly closed: Promise<void>;
  private readonly listeners = new Set<(message: Uint8Array) => void>();
  private current: TcpTerminalLink | undefined;
  private connected = false;
  private markClosed: () => void = () => undefined;
  /** Messages written while no connection was up (lost, like bytes into a dead socket). */
  lostMessages = 0;

  private constructor() {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
  }

  static async connect(port: number): Promise<ReconnectingLink> {
    const link = new ReconnectingLink();
    await link.reconnect(port);
    return link;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Drops the current connection (if any) and connects to `port`. */
  async reconnect(port: number): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.connected = false;
    if (previous !== undefined) await previous.close(0).catch(() => undefined);
    const next = await TcpTerminalLink.connect({ host: '127.0.0.1', port, connectTimeoutMs: 5_000 });
    next.onMessage((message) => {
      for (const listener of this.listeners) listener(message);
    });
    this.current = next;
    this.connected = true;
    void next.closed.then(() => {
      if (this.current === next) this.connected = false;
    });
  }

  send(message: Uint8Array): void {
    if (this.current === undefined || !this.connected) {
      this.lostMessages += 1;
      return;
    }
    this.current.send(message);
  }

  sendUnframed(bytes: Uint8Array): void {
    if (this.current === undefined || !this.connected) {
      this.lostMessages += 1;
      return;
    }
    this.current.sendUnframed(bytes);
  }

  onMessage(listener: (message: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.connected = false;
    if (current !== undefined) await current.close().catch(() => undefined);
    this.markClosed();
  }
}

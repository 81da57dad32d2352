import { createRequire } from 'node:module';
import type { TerminalLink } from '../../src/testing/terminal-link.js';

/** The part of the `ws` client used here (the package ships no types of its own). */
interface WsClient {
  binaryType: string;
  send(data: Uint8Array): void;
  close(): void;
  terminate(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => WsClient;

/**
 * A TerminalLink over the host's WebSocket channel: one binary message = one frame, exactly the TCP
 * frame bytes (2-byte length prefix + message).
 */
export class WebSocketTerminalLink implements TerminalLink {
  readonly closed: Promise<void>;
  /** Messages that were not one frame (length prefix and size disagree): never delivered. */
  readonly malformed: Uint8Array[] = [];
  private readonly listeners = new Set<(message: Uint8Array) => void>();

  private constructor(private readonly socket: WsClient) {
    this.closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('message', (data) => {
      const bytes = new Uint8Array(data);
      const length = bytes.length >= 2 ? ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0) : -1;
      if (length !== bytes.length - 2) {
        this.malformed.push(bytes);
        return;
      }
      const message = bytes.subarray(2);
      for (const listener of this.listeners) listener(message);
    });
  }

  /** Opens `ws://…/iso8583`; rejects when the connection fails or takes longer than `timeoutMs`. */
  static connect(url: string, timeoutMs = 5_000): Promise<WebSocketTerminalLink> {
    const socket = new WebSocket(url);
    socket.binaryType = 'nodebuffer';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`no WebSocket connection to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('open', () => {
        clearTimeout(timer);
        resolve(new WebSocketTerminalLink(socket));
      });
    });
  }

  send(message: Uint8Array): void {
    if (message.length > 0xffff) throw new Error(`A frame of ${message.length} bytes does not fit`);
    const frame = new Uint8Array(message.length + 2);
    frame[0] = message.length >> 8;
    frame[1] = message.length & 0xff;
    frame.set(message, 2);
    this.socket.send(frame);
  }

  sendUnframed(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  onMessage(listener: (message: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A closing handshake, then the socket is dropped if the peer has not answered within `graceMs`. */
  async close(graceMs = 1_000): Promise<void> {
    const timer = setTimeout(() => this.socket.terminate(), graceMs);
    try {
      this.socket.close();
      await this.closed;
    } finally {
      clearTimeout(timer);
    }
  }
}

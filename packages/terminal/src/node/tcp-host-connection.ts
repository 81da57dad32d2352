import type { Socket } from 'node:net';
import { FrameDecoder, FrameDecoderError, encodeFrame } from '@payterm/iso8583';
import { terminalError } from '../errors.js';
import type { HostConnection } from '../ports/host-link.js';

/** How long a graceful close waits for the host to close its side before the socket is destroyed. */
export const CLOSE_GRACE_MS = 1000;

/**
 * One open TCP connection to the host. Adds the 2-byte length on send; reassembles messages from TCP
 * chunks on receipt. A frame the decoder refuses (longer than the limit) closes the connection: after
 * it the next frame boundary is unknown.
 */
export class TcpHostConnection implements HostConnection {
  private readonly decoder: FrameDecoder;
  private readonly messageListeners = new Set<(message: Uint8Array) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closed = false;
  private readonly whenClosed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    private readonly endpoint: string,
    maxFrameBytes: number,
  ) {
    this.decoder = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: maxFrameBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // An error is always followed by 'close', which is what listeners hear about.
    socket.on('error', () => undefined);
    this.whenClosed = new Promise((resolve) => {
      socket.once('close', () => {
        this.closed = true;
        const listeners = [...this.closeListeners];
        this.closeListeners.clear();
        this.messageListeners.clear();
        for (const listener of listeners) listener();
        resolve();
      });
    });
  }

  send(message: Uint8Array): void {
    if (this.closed || !this.socket.writable) {
      throw terminalError('TERMINAL_HOST_UNREACHABLE', 'the connection to the host is closed', {
        endpoint: this.endpoint,
        reason: 'closed',
      });
    }
    this.socket.write(encodeFrame(message, 'binary-2'));
  }

  onMessage(listener: (message: Uint8Array) => void): () => void {
    if (!this.closed) this.messageListeners.add(listener);
    return () => void this.messageListeners.delete(listener);
  }

  /** A listener added after the connection closed is called on the next microtask, so none waits forever. */
  onClose(listener: () => void): () => void {
    if (this.closed) {
      let subscribed = true;
      queueMicrotask(() => {
        if (subscribed) listener();
      });
      return () => void (subscribed = false);
    }
    this.closeListeners.add(listener);
    return () => void this.closeListeners.delete(listener);
  }

  /** Half-closes (what the host already sent still arrives), then destroys the socket after CLOSE_GRACE_MS. */
  close(): Promise<void> {
    if (!this.closed) {
      this.socket.end();
      const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
      void this.whenClosed.then(() => clearTimeout(timer));
    }
    return this.whenClosed;
  }

  private receive(chunk: Buffer): void {
    let messages: Uint8Array[];
    try {
      messages = this.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (error) {
      // Messages completed before the bad prefix in the same chunk are still the host's answers.
      if (error instanceof FrameDecoderError) this.deliver(error.completedFrames);
      this.socket.destroy();
      return;
    }
    this.deliver(messages);
  }

  private deliver(messages: readonly Uint8Array[]): void {
    for (const message of messages) {
      for (const listener of [...this.messageListeners]) listener(message);
    }
  }
}

import { connect, type Socket } from 'node:net';
import { FrameDecoder, encodeFrame } from '@payterm/iso8583';
import { channelError } from './channel-error.js';
import { CHANNEL_DEFAULTS, MAX_FRAME_CAPACITY, checkedOption } from './channel-options.js';

export interface IsoTcpClientOptions {
  readonly host: string;
  readonly port: number;
  /** Connection timeout (default 10 000). */
  readonly timeoutMs?: number;
  /** Largest reply accepted, without the prefix (default 8192). */
  readonly maxFrameBytes?: number;
}

interface Waiter {
  readonly match: (reply: Uint8Array) => boolean;
  readonly resolve: (reply: Uint8Array) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A small ISO 8583 TCP client for tests, the benchmark and the CLI terminal: frames what it sends,
 * reassembles what it receives, and hands each reply to the first pending `request` whose `match`
 * accepts it (terminals match by STAN), otherwise to the `onFrame` listeners.
 */
export class IsoTcpClient {
  private readonly decoder: FrameDecoder;
  private readonly waiters: Waiter[] = [];
  private readonly listeners = new Set<(frame: Uint8Array) => void>();
  private failure: unknown;
  /** Resolves when the socket has closed, for any reason. */
  readonly closed: Promise<void>;

  private constructor(
    private readonly socket: Socket,
    maxFrameBytes: number,
  ) {
    this.decoder = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: maxFrameBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => (this.failure ??= error));
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.rejectAll();
        resolve();
      });
    });
  }

  static connect(options: IsoTcpClientOptions): Promise<IsoTcpClient> {
    const timeoutMs = checkedOption('timeoutMs', options.timeoutMs, 10_000, 1, 2 ** 31 - 1);
    const maxFrameBytes = checkedOption(
      'maxFrameBytes',
      options.maxFrameBytes,
      CHANNEL_DEFAULTS.maxFrameBytes,
      1,
      MAX_FRAME_CAPACITY,
    );
    return new Promise((resolve, reject) => {
      const socket = connect({ host: options.host, port: options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          channelError('CHANNEL_CONNECT_TIMEOUT', `no connection within ${timeoutMs} ms`, { timeoutMs }),
        );
      }, timeoutMs);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', onError);
        resolve(new IsoTcpClient(socket, maxFrameBytes));
      });
    });
  }

  /** Sends one message (TPDU … end); the 2-byte length prefix is added here. */
  send(frame: Uint8Array): void {
    this.socket.write(encodeFrame(frame, 'binary-2'));
  }

  /** Writes bytes as they are, without framing (tests of split, merged or malformed frames). */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Sends a message and resolves with the first reply `match` accepts. */
  request(frame: Uint8Array, match: (reply: Uint8Array) => boolean, timeoutMs: number): Promise<Uint8Array> {
    const reply = this.expect(match, timeoutMs);
    this.send(frame);
    return reply;
  }

  /** Waits for a reply `match` accepts, without sending anything. */
  expect(match: (reply: Uint8Array) => boolean, timeoutMs: number): Promise<Uint8Array> {
    if (this.socket.destroyed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.remove(waiter);
          reject(
            channelError('CHANNEL_REQUEST_TIMEOUT', `no matching reply within ${timeoutMs} ms`, {
              timeoutMs,
            }),
          );
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Receives every frame no pending request claims; returns the unsubscribe function. */
  onFrame(listener: (frame: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops or restarts reading from the socket (a slow terminal, in back-pressure tests). */
  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Half-closes (the server still answers what it received) and resolves when the socket is closed. */
  end(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  destroy(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }

  private receive(chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (error) {
      this.failure = error;
      this.socket.destroy();
      return;
    }
    for (const frame of frames) this.dispatch(frame);
  }

  private dispatch(frame: Uint8Array): void {
    const waiter = this.waiters.find((candidate) => candidate.match(frame));
    if (waiter !== undefined) {
      this.remove(waiter);
      waiter.resolve(frame);
      return;
    }
    for (const listener of this.listeners) listener(frame);
  }

  private remove(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private rejectAll(): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(this.closedError());
    }
  }

  private closedError(): Error {
    return channelError(
      'CHANNEL_CONNECTION_CLOSED',
      'the connection closed before a matching reply arrived',
      {},
      this.failure,
    );
  }
}

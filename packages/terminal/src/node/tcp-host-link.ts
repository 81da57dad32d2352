import { connect, isIPv6 } from 'node:net';
import { assertInvariant } from '@payterm/kernel';
import { TerminalError } from '../errors.js';
import type { HostConnection, HostLink } from '../ports/host-link.js';
import { TcpHostConnection } from './tcp-host-connection.js';

export interface TcpHostLinkOptions {
  readonly host: string;
  readonly port: number;
  /** Largest message accepted from the host, without the 2-byte prefix (default 8192, at most 65535). */
  readonly maxFrameBytes?: number;
}

const DEFAULT_MAX_FRAME_BYTES = 8192;
/** The 2-byte big-endian prefix cannot announce more. */
const FRAME_CAPACITY = 0xffff;
/** setTimeout's limit; a longer delay would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The terminal's host link over TCP: one connection per `connect`, messages framed with a 2-byte length. */
export class TcpHostLink implements HostLink {
  readonly endpoint: string;
  private readonly host: string;
  private readonly port: number;
  private readonly maxFrameBytes: number;

  constructor(options: TcpHostLinkOptions) {
    const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    assertInvariant(typeof options.host === 'string' && options.host.length > 0, 'the host name is empty');
    assertInvariant(
      Number.isInteger(options.port) && options.port >= 1 && options.port <= 0xffff,
      'the port must be an integer of 1..65535',
      { port: options.port },
    );
    assertInvariant(
      Number.isInteger(maxFrameBytes) && maxFrameBytes >= 1 && maxFrameBytes <= FRAME_CAPACITY,
      `maxFrameBytes must be an integer of 1..${String(FRAME_CAPACITY)}`,
      { maxFrameBytes },
    );
    this.host = options.host;
    this.port = options.port;
    this.maxFrameBytes = maxFrameBytes;
    this.endpoint = `tcp://${isIPv6(options.host) ? `[${options.host}]` : options.host}:${String(options.port)}`;
  }

  /** Rejects with TERMINAL_HOST_UNREACHABLE (reason `timeout`, `refused` or the errno code). */
  connect(timeoutMs: number): Promise<HostConnection> {
    assertInvariant(
      Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS,
      'the connect timeout must be a positive integer of milliseconds',
      { timeoutMs },
    );
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const settle = (): void => {
        clearTimeout(timer);
        socket.removeListener('error', onError);
        socket.removeListener('connect', onConnect);
      };
      const onError = (error: NodeJS.ErrnoException): void => {
        settle();
        socket.destroy();
        reject(this.unreachable(reasonOf(error), timeoutMs, error));
      };
      const onConnect = (): void => {
        settle();
        resolve(new TcpHostConnection(socket, this.endpoint, this.maxFrameBytes));
      };
      const timer = setTimeout(() => {
        settle();
        // Without a handler, an error the destroyed socket still reports would be thrown.
        socket.on('error', () => undefined);
        socket.destroy();
        reject(this.unreachable('timeout', timeoutMs));
      }, timeoutMs);
      socket.once('error', onError);
      socket.once('connect', onConnect);
    });
  }

  private unreachable(reason: string, timeoutMs: number, cause?: unknown): TerminalError {
    const message =
      reason === 'timeout'
        ? `the host at ${this.endpoint} did not accept a connection within ${String(timeoutMs)} ms`
        : `the host at ${this.endpoint} could not be reached (${reason})`;
    return new TerminalError(
      'TERMINAL_HOST_UNREACHABLE',
      message,
      { endpoint: this.endpoint, reason, timeoutMs },
      cause === undefined ? undefined : { cause },
    );
  }
}

function reasonOf(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'refused';
  return error.code ?? error.message;
}

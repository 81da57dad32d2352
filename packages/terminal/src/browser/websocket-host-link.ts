import { assertInvariant } from '@payterm/kernel';
import { TerminalError } from '../errors.js';
import type { HostConnection, HostLink } from '../ports/host-link.js';
import type { BrowserWebSocket, WebSocketConstructor } from './websocket-api.js';
import { WebSocketHostConnection } from './websocket-host-connection.js';

export interface WebSocketHostLinkOptions {
  /** The WebSocket implementation (default `globalThis.WebSocket`); in Node, the `ws` package's. */
  readonly WebSocket?: WebSocketConstructor;
  /** Largest message accepted from the host, without the 2-byte prefix (default 8192, at most 65535). */
  readonly maxFrameBytes?: number;
}

const DEFAULT_MAX_FRAME_BYTES = 8192;
/** The 2-byte big-endian prefix cannot announce more. */
const FRAME_CAPACITY = 0xffff;
/** setTimeout's limit; a longer delay would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The terminal's host link in the browser: the host's ISO 8583 WebSocket channel (`ws://host/iso8583`),
 * one connection per `connect`, one binary WebSocket message per frame.
 */
export class WebSocketHostLink implements HostLink {
  readonly endpoint: string;
  private readonly WebSocket: WebSocketConstructor;
  private readonly maxFrameBytes: number;

  constructor(url: string, options: WebSocketHostLinkOptions = {}) {
    const implementation =
      options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    assertInvariant(
      implementation !== undefined,
      'this environment has no WebSocket: pass options.WebSocket (in Node, the ws package)',
    );
    assertInvariant(isWebSocketUrl(url), 'the host URL must be a ws:// or wss:// URL', { url });
    assertInvariant(
      Number.isInteger(maxFrameBytes) && maxFrameBytes >= 1 && maxFrameBytes <= FRAME_CAPACITY,
      `maxFrameBytes must be an integer of 1..${String(FRAME_CAPACITY)}`,
      { maxFrameBytes },
    );
    this.WebSocket = implementation;
    this.maxFrameBytes = maxFrameBytes;
    this.endpoint = url;
  }

  /** Rejects with TERMINAL_HOST_UNREACHABLE (reason `timeout`, `refused` or the error's code). */
  connect(timeoutMs: number): Promise<HostConnection> {
    assertInvariant(
      Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS,
      'the connect timeout must be a positive integer of milliseconds',
      { timeoutMs },
    );
    return new Promise((resolve, reject) => {
      let socket: BrowserWebSocket;
      try {
        socket = new this.WebSocket(this.endpoint);
      } catch (error) {
        // A browser refuses some URLs outright (a blocked port, a ws:// page served over https).
        reject(this.unreachable(errorName(error) ?? 'refused', timeoutMs, error));
        return;
      }
      socket.binaryType = 'arraybuffer';
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(
        () =>
          settle(() => {
            // Closing a connecting socket fails it; its error and close events then find us settled.
            socket.close();
            reject(this.unreachable('timeout', timeoutMs));
          }),
        timeoutMs,
      );
      // Registered for the socket's whole life: the `ws` package throws an error nobody listens to.
      socket.addEventListener('error', (event) =>
        settle(() => reject(this.unreachable(reasonOf(event), timeoutMs, errorOf(event)))),
      );
      socket.addEventListener('close', () => settle(() => reject(this.unreachable('refused', timeoutMs))));
      socket.addEventListener('open', () =>
        settle(() => resolve(new WebSocketHostConnection(socket, this.endpoint, this.maxFrameBytes))),
      );
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

function isWebSocketUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'ws:' || protocol === 'wss:';
  } catch {
    return false;
  }
}

/** The `ws` package puts the socket error on its error event; a browser's says nothing. */
function errorOf(event: Event): unknown {
  return (event as { error?: unknown }).error;
}

/**
 * `refused` for ECONNREFUSED, the errno code for another socket error (`ws` in Node). A browser hides
 * why a connection failed (refused, DNS, TLS, a rejected handshake look alike to a page): `refused`.
 */
function reasonOf(event: Event): string {
  const code = (errorOf(event) as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string' || code === 'ECONNREFUSED') return 'refused';
  return code;
}

function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

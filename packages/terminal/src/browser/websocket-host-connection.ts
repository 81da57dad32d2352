import { encodeFrame, framePrefixSize, readFrameLength } from '@payterm/iso8583';
import { terminalError } from '../errors.js';
import type { HostConnection } from '../ports/host-link.js';
import { CLOSE_CODES, WEBSOCKET_OPEN, type BrowserWebSocket } from './websocket-api.js';

/** How long a graceful close waits for the host's closing handshake before the connection counts as closed. */
export const CLOSE_GRACE_MS = 1000;

const PREFIX_BYTES = framePrefixSize('binary-2');

type Unframed =
  | { readonly ok: true; readonly message: Uint8Array }
  | { readonly ok: false; readonly code: number; readonly reason: string };

/**
 * One open WebSocket connection to the host's `/iso8583` channel. Each binary message is exactly one
 * TCP frame: the 2-byte big-endian length, then the message. A message that is not one frame (a text
 * message, a prefix that disagrees with the size, longer than the limit) is not delivered and closes
 * the connection, as the TCP link does with a frame it refuses: the host is not speaking the protocol.
 */
export class WebSocketHostConnection implements HostConnection {
  private readonly messageListeners = new Set<(message: Uint8Array) => void>();
  private readonly closeListeners = new Set<() => void>();
  /** Set by close() or a refused message; what arrives during a graceful close is still delivered. */
  private closing = false;
  private refusing = false;
  private closed = false;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly whenClosed: Promise<void>;
  private markClosed: () => void = () => undefined;

  constructor(
    private readonly socket: BrowserWebSocket,
    private readonly endpoint: string,
    private readonly maxFrameBytes: number,
  ) {
    this.whenClosed = new Promise((resolve) => (this.markClosed = resolve));
    socket.addEventListener('message', (event) => this.receive(event.data));
    // An error is always followed by 'close', which is what listeners hear about.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => this.finish());
  }

  send(message: Uint8Array): void {
    if (this.closed || this.closing || this.socket.readyState !== WEBSOCKET_OPEN) {
      throw terminalError('TERMINAL_HOST_UNREACHABLE', 'the connection to the host is closed', {
        endpoint: this.endpoint,
        reason: 'closed',
      });
    }
    // A new buffer, never a SharedArrayBuffer, which WebSocket.send refuses.
    this.socket.send(encodeFrame(message, 'binary-2') as Uint8Array<ArrayBuffer>);
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

  /** The closing handshake (code 1000); counts as closed after CLOSE_GRACE_MS if the host never answers. */
  close(): Promise<void> {
    this.beginClose(CLOSE_CODES.normal, 'terminal closing');
    return this.whenClosed;
  }

  private receive(data: unknown): void {
    if (this.closed || this.refusing) return;
    const unframed = unframe(data, this.maxFrameBytes);
    if (!unframed.ok) {
      this.refusing = true;
      this.beginClose(unframed.code, unframed.reason);
      return;
    }
    for (const listener of [...this.messageListeners]) listener(unframed.message);
  }

  private beginClose(code: number, reason: string): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.graceTimer = setTimeout(() => this.finish(), CLOSE_GRACE_MS);
    try {
      this.socket.close(code, reason);
    } catch {
      // The socket refused the close (already closing on its own): its close event still comes.
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    for (const listener of listeners) listener();
    this.markClosed();
  }
}

/** The message inside one binary WebSocket message, or why that message is not one frame. */
function unframe(data: unknown, maxFrameBytes: number): Unframed {
  const bytes = asBytes(data);
  if (bytes === undefined) {
    return { ok: false, code: CLOSE_CODES.textMessage, reason: 'binary frames only' };
  }
  const payloadBytes = bytes.length - PREFIX_BYTES;
  if (payloadBytes < 0 || readFrameLength(bytes, 0, 'binary-2') !== payloadBytes) {
    return { ok: false, code: CLOSE_CODES.notOneFrame, reason: 'length prefix does not match the message' };
  }
  if (payloadBytes > maxFrameBytes) {
    return { ok: false, code: CLOSE_CODES.frameTooLong, reason: 'frame too long' };
  }
  return { ok: true, message: bytes.slice(PREFIX_BYTES) };
}

/** binaryType is `arraybuffer`; anything else (a string, a Blob) is not a frame. */
function asBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

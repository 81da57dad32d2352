import { encodeFrame, framePrefixSize, readFrameLength } from '@payterm/iso8583';
import type { ConnectionSettings } from './channel-options.js';
import { channelError, type ChannelError } from './channel-error.js';
import type { CloseReason } from './channel-observer.js';
import { FrameDispatcher } from './frame-dispatcher.js';
import type { PeerInfo } from './frame-handler.js';
import { IdleTimer } from './idle-timer.js';

/** The part of a `ws` WebSocket this channel uses. */
export interface WsSocketLike {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: Uint8Array, options: { binary: boolean }, callback: (error?: Error) => void): void;
  close(code: number, reason: string): void;
  pause(): void;
  resume(): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type WsConnectionSettings = ConnectionSettings;

/** WebSocket close codes (RFC 6455 §7.4.1). */
export const WS_CLOSE = Object.freeze({
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  tryAgainLater: 1013,
});

const WS_OPEN = 1;
/** Above this many unsent bytes the connection stops reading until sends complete. */
const WRITE_HIGH_WATER_BYTES = 64 * 1024;
const PREFIX_BYTES = framePrefixSize('binary-2');

/**
 * One WebSocket terminal connection: each binary message is one framed message (the TCP frame bytes,
 * 2-byte prefix included), checked, unframed and dispatched; replies go back one message per frame.
 */
export class WsConnection {
  private readonly dispatcher: FrameDispatcher;
  private readonly idleTimer: IdleTimer;
  private pendingSends = 0;
  private readPaused = false;
  private closing: { reason: CloseReason; code: number; text: string } | undefined;
  private closed = false;
  readonly done: Promise<void>;
  private markDone: () => void = () => undefined;

  constructor(
    private readonly socket: WsSocketLike,
    readonly peer: PeerInfo,
    private readonly settings: WsConnectionSettings,
  ) {
    this.dispatcher = new FrameDispatcher(
      peer,
      settings.handler,
      settings.observer,
      settings.clock,
      settings.maxInFlight,
      {
        deliver: (frames) => this.deliver(frames),
        changed: () => this.update(),
        writable: () => this.socket.bufferedAmount <= WRITE_HIGH_WATER_BYTES,
      },
    );
    this.idleTimer = new IdleTimer(settings.idleTimeoutMs, () =>
      this.beginClose('idle-timeout', WS_CLOSE.goingAway, 'idle timeout'),
    );
    this.done = new Promise((resolve) => (this.markDone = resolve));
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('error', (error) => settings.observer.onError?.('socket', peer, error));
    socket.on('close', () => this.onClosed());
    settings.observer.onConnectionOpen?.(peer);
    this.idleTimer.touch();
  }

  get inFlight(): number {
    return this.dispatcher.inFlight;
  }

  /** Stops accepting messages; closes with `code` once everything received is answered and sent. */
  beginClose(reason: CloseReason, code: number, text: string): void {
    if (this.closing !== undefined || this.closed) return;
    this.closing = { reason, code, text };
    this.update();
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closing !== undefined) return;
    this.idleTimer.touch();
    if (!isBinary) {
      this.reject(
        channelError('CHANNEL_WS_TEXT_MESSAGE', 'a text message arrived; frames travel as binary messages', {
          connectionId: this.peer.connectionId,
        }),
        WS_CLOSE.unsupportedData,
        'binary frames only',
      );
      return;
    }
    const message = asBytes(data);
    const payloadBytes = message.length - PREFIX_BYTES;
    const announced = payloadBytes >= 0 ? readFrameLength(message, 0, 'binary-2') : -1;
    if (payloadBytes < 0 || announced !== payloadBytes || payloadBytes > this.settings.maxFrameBytes) {
      const tooBig = payloadBytes >= 0 && announced === payloadBytes;
      this.reject(
        channelError(
          'CHANNEL_WS_BAD_LENGTH_PREFIX',
          tooBig
            ? `the message holds ${payloadBytes} bytes, more than the maximum ${this.settings.maxFrameBytes}`
            : `the length prefix announces ${announced} bytes, the message holds ${payloadBytes}`,
          {
            connectionId: this.peer.connectionId,
            need: announced,
            have: payloadBytes,
            max: this.settings.maxFrameBytes,
          },
        ),
        tooBig ? WS_CLOSE.messageTooBig : WS_CLOSE.policyViolation,
        tooBig ? 'frame too long' : 'length prefix does not match the message',
      );
      return;
    }
    this.dispatcher.accept(message.slice(PREFIX_BYTES));
    this.update();
  }

  private reject(error: ChannelError, code: number, text: string): void {
    this.settings.observer.onError?.('protocol', this.peer, error);
    this.beginClose('protocol-error', code, text);
  }

  private deliver(frames: readonly Uint8Array[]): void {
    for (const frame of frames) {
      if (this.closed || this.socket.readyState !== WS_OPEN) {
        const error = channelError(
          'CHANNEL_CONNECTION_CLOSED',
          'a reply was ready after the connection closed',
          {
            connectionId: this.peer.connectionId,
          },
        );
        this.settings.observer.onError?.('reply', this.peer, error);
        return;
      }
      let framed: Uint8Array;
      try {
        framed = encodeFrame(frame, 'binary-2');
      } catch (error) {
        this.settings.observer.onError?.('reply', this.peer, error);
        continue;
      }
      this.pendingSends++;
      this.socket.send(framed, { binary: true }, (error) => {
        this.pendingSends--;
        if (error !== undefined && error !== null)
          this.settings.observer.onError?.('reply', this.peer, error);
        this.dispatcher.pump();
        this.update();
      });
    }
  }

  private update(): void {
    if (this.closed || this.socket.readyState !== WS_OPEN) return;
    // Reading goes on while closing (messages are ignored then): the close handshake has to be read.
    const pause =
      this.closing === undefined &&
      (this.dispatcher.saturated || this.socket.bufferedAmount > WRITE_HIGH_WATER_BYTES);
    if (pause && !this.readPaused) {
      this.readPaused = true;
      this.socket.pause();
      this.idleTimer.stop();
    } else if (!pause && this.readPaused) {
      this.readPaused = false;
      this.socket.resume();
      this.idleTimer.touch();
    }
    if (this.closing !== undefined && this.dispatcher.idle && this.pendingSends === 0) {
      this.socket.close(this.closing.code, this.closing.text);
    }
  }

  private onClosed(): void {
    this.closed = true;
    this.idleTimer.stop();
    this.settings.observer.onConnectionClose?.(this.peer, this.closing?.reason ?? 'peer');
    this.markDone();
  }
}

/** A message as a plain Uint8Array view (so slice() copies), whatever binaryType the server uses. */
function asBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return asBytes(Buffer.concat(data as Uint8Array[]));
  const view = data as Uint8Array;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

import type { Socket } from 'node:net';
import { FrameDecoder, FrameDecoderError, encodeFrame, framePrefixSize } from '@payterm/iso8583';
import type { ConnectionSettings } from './channel-options.js';
import { channelError } from './channel-error.js';
import type { CloseReason } from './channel-observer.js';
import { FrameDispatcher } from './frame-dispatcher.js';
import type { PeerInfo } from './frame-handler.js';
import { IdleTimer } from './idle-timer.js';

export type TcpConnectionSettings = ConnectionSettings;

const PREFIX_BYTES = framePrefixSize('binary-2');
/** The largest payload a 2-byte prefix can count. */
const MAX_PAYLOAD_BYTES = 0xffff;

/** A connection's state, for tests, health endpoints and metrics. */
export interface ConnectionStats {
  readonly connectionId: string;
  readonly inFlight: number;
  /** Frames received and waiting for an in-flight slot. */
  readonly queued: number;
  /** Reading is paused (in-flight limit, write buffer above its high-water mark, or closing). */
  readonly readPaused: boolean;
  /** The socket's write buffer is above its high-water mark (waiting for drain). */
  readonly writeBlocked: boolean;
  /** Bytes of an incomplete frame held by the decoder. */
  readonly bufferedBytes: number;
  /** Bytes accepted by the socket but not yet handed to the kernel. */
  readonly writableBytes: number;
  readonly handlerFailures: number;
}

/**
 * One terminal connection: reassembles frames, hands them to a dispatcher, frames the replies that
 * become ready in the same tick into one buffer written at once, and pauses reading while the dispatcher is
 * saturated or the socket's write buffer is full. After a framing error, an idle timeout, the peer's
 * end of stream or a server close it reads no more, answers what it has received, then ends.
 */
export class TcpConnection {
  private readonly decoder: FrameDecoder;
  private readonly dispatcher: FrameDispatcher;
  private readonly idleTimer: IdleTimer;
  /** Reply payloads waiting for this tick's flush, and their size once framed. */
  private outgoing: Uint8Array[] = [];
  private outgoingBytes = 0;
  private flushScheduled = false;
  private writeBlocked = false;
  private readPaused = false;
  private closing: CloseReason | undefined;
  private closed = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  readonly done: Promise<void>;
  private markDone: () => void = () => undefined;

  constructor(
    private readonly socket: Socket,
    readonly peer: PeerInfo,
    private readonly settings: TcpConnectionSettings,
  ) {
    this.decoder = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: settings.maxFrameBytes });
    this.dispatcher = new FrameDispatcher(
      peer,
      settings.handler,
      settings.observer,
      settings.clock,
      settings.maxInFlight,
      {
        deliver: (frames) => this.deliver(frames),
        changed: () => this.update(),
        writable: () => this.canWrite(),
      },
    );
    this.idleTimer = new IdleTimer(settings.idleTimeoutMs, () => this.onIdle());
    this.done = new Promise((resolve) => (this.markDone = resolve));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => {
      this.writeBlocked = false;
      this.dispatcher.pump();
      this.update();
    });
    socket.on('end', () => this.beginClose('peer'));
    socket.on('error', (error) => {
      this.closing ??= 'socket-error';
      settings.observer.onError?.('socket', peer, error);
    });
    socket.on('close', () => this.onClosed());
    settings.observer.onConnectionOpen?.(peer);
    this.idleTimer.touch();
  }

  stats(): ConnectionStats {
    return {
      connectionId: this.peer.connectionId,
      inFlight: this.dispatcher.inFlight,
      queued: this.dispatcher.queued,
      readPaused: this.readPaused,
      writeBlocked: this.writeBlocked,
      bufferedBytes: this.decoder.buffered,
      writableBytes: this.socket.writableLength,
      handlerFailures: this.dispatcher.handlerFailures,
    };
  }

  /** Stops reading; ends the connection once everything received has been answered and written. */
  beginClose(reason: CloseReason): void {
    if (this.closing !== undefined || this.closed) return;
    this.closing = reason;
    this.update();
  }

  /** Drops the connection now (drain timeout). */
  destroy(reason: CloseReason): void {
    if (this.closed) return;
    this.closing = reason;
    this.socket.destroy();
  }

  /** A quiet peer is closed gracefully; one that has not read its replies for as long is dropped. */
  private onIdle(): void {
    if (this.writeBlocked) this.destroy('idle-timeout');
    else this.beginClose('idle-timeout');
  }

  private receive(chunk: Buffer): void {
    if (this.closing !== undefined) return;
    this.idleTimer.touch();
    // A plain view, so the decoder's slice() copies each frame out of the socket's read buffer.
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let frames: readonly Uint8Array[];
    let failure: FrameDecoderError | undefined;
    try {
      frames = this.decoder.push(bytes);
    } catch (error) {
      if (!(error instanceof FrameDecoderError)) throw error;
      failure = error;
      frames = error.completedFrames;
    }
    for (const frame of frames) this.dispatcher.accept(frame);
    if (failure !== undefined) {
      this.settings.observer.onError?.('frame', this.peer, failure);
      this.beginClose('frame-error');
    } else {
      this.update();
    }
  }

  private deliver(frames: readonly Uint8Array[]): void {
    if (this.closed || this.socket.destroyed) {
      this.reportDropped(frames.length);
      return;
    }
    for (const frame of frames) {
      if (frame.length > MAX_PAYLOAD_BYTES) {
        this.reportUnframable(frame);
        continue;
      }
      this.outgoing.push(frame);
      this.outgoingBytes += PREFIX_BYTES + frame.length;
    }
    if (!this.flushScheduled && this.outgoing.length > 0) {
      this.flushScheduled = true;
      // Replies completing in the same tick leave in one write (one syscall for many frames).
      process.nextTick(() => this.flush());
    }
  }

  /** encodeFrame refuses a payload its prefix cannot count: report its error, as for any reply. */
  private reportUnframable(frame: Uint8Array): void {
    try {
      encodeFrame(frame, 'binary-2');
    } catch (error) {
      this.settings.observer.onError?.('reply', this.peer, error);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const frames = this.outgoing;
    const size = this.outgoingBytes;
    this.outgoing = [];
    this.outgoingBytes = 0;
    if (this.closed || this.socket.destroyed) {
      this.reportDropped(frames.length);
    } else {
      // One buffer with the prefixes written in place: a single write instead of a writev of many
      // small buffers, each with its own trip through the stream's bookkeeping.
      const out = Buffer.allocUnsafe(size);
      let pos = 0;
      for (const frame of frames) {
        const length = frame.length;
        out[pos] = length >> 8;
        out[pos + 1] = length & 0xff;
        out.set(frame, pos + PREFIX_BYTES);
        pos += PREFIX_BYTES + length;
      }
      if (!this.socket.write(out)) this.writeBlocked = true;
      this.dispatcher.pump();
    }
    this.update();
  }

  /**
   * Replies may be produced while the socket takes them without growing past its high-water mark.
   * Counting the replies still waiting for this tick's flush matters: handlers that resolve at once
   * would otherwise run the whole queue in one tick, before the socket could say it is full.
   */
  private canWrite(): boolean {
    return (
      !this.writeBlocked &&
      this.outgoingBytes + this.socket.writableLength < this.socket.writableHighWaterMark
    );
  }

  private reportDropped(count: number): void {
    const error = channelError('CHANNEL_CONNECTION_CLOSED', 'a reply was ready after the connection closed', {
      connectionId: this.peer.connectionId,
      frames: count,
    });
    this.settings.observer.onError?.('reply', this.peer, error);
  }

  /** Pauses or resumes reading, and ends the connection when closing and nothing is left to do. */
  private update(): void {
    if (this.closed) return;
    const pause = this.closing !== undefined || this.writeBlocked || this.dispatcher.saturated;
    if (pause && !this.readPaused) {
      this.readPaused = true;
      this.socket.pause();
    } else if (!pause && this.readPaused) {
      this.readPaused = false;
      this.socket.resume();
      this.idleTimer.touch();
    }
    // Paused because the host is busy: the peer is not idle. Paused because the peer does not read
    // its replies: keep counting, so a terminal that never reads is dropped.
    if (this.readPaused) {
      if (this.writeBlocked && this.closing === undefined) this.idleTimer.ensureRunning();
      else this.idleTimer.stop();
    }
    if (
      this.closing !== undefined &&
      this.dispatcher.idle &&
      !this.flushScheduled &&
      !this.socket.writableEnded &&
      !this.socket.destroyed
    ) {
      this.socket.end();
      // Read on (what arrives is dropped while closing), or the peer's FIN behind unread bytes is never
      // seen and 'close' waits for the drain timeout.
      this.socket.resume();
      // A peer that never reads would hold the connection open forever: give it one idle period.
      this.lingerTimer = setTimeout(() => this.socket.destroy(), this.settings.idleTimeoutMs);
      this.lingerTimer.unref();
    }
  }

  private onClosed(): void {
    this.closed = true;
    this.idleTimer.stop();
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
    this.settings.observer.onConnectionClose?.(this.peer, this.closing ?? 'peer');
    this.markDone();
  }
}

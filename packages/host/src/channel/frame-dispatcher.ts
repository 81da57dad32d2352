import type { Clock } from '@payterm/kernel';
import { channelError } from './channel-error.js';
import type { ChannelObserver } from './channel-observer.js';
import type { FrameHandler, FrameReply, PeerInfo } from './frame-handler.js';

/** What a transport does with a dispatcher's output. */
export interface DispatchSink {
  /** The reply frames of one handled frame, unframed, in order (never called with none). */
  deliver(frames: readonly Uint8Array[]): void;
  /** In-flight or queued counts changed: re-evaluate reading and closing. */
  changed(): void;
  /** False while replies cannot be written (full write buffer): queued frames wait instead of running. */
  writable(): boolean;
}

/**
 * Runs the handler for the frames of one connection with at most `maxInFlight` at a time. Frames
 * beyond the limit wait in a queue the transport keeps short by pausing its reads while `saturated`.
 * Replies are delivered as each handler completes, in completion order (terminals match by STAN).
 */
export class FrameDispatcher {
  private running = 0;
  private readonly waiting: Uint8Array[] = [];
  private failures = 0;

  constructor(
    private readonly peer: PeerInfo,
    private readonly handler: FrameHandler,
    private readonly observer: ChannelObserver,
    private readonly clock: Clock,
    private readonly maxInFlight: number,
    private readonly sink: DispatchSink,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Handler rejections on this connection. */
  get handlerFailures(): number {
    return this.failures;
  }

  /** True while no more frames should be read. */
  get saturated(): boolean {
    return this.running >= this.maxInFlight || this.waiting.length > 0;
  }

  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }

  accept(frame: Uint8Array): void {
    this.observer.onFrame?.(this.peer, frame.length);
    if (this.running < this.maxInFlight && this.waiting.length === 0 && this.sink.writable()) this.run(frame);
    else this.waiting.push(frame);
  }

  private run(frame: Uint8Array): void {
    this.running++;
    const startedMs = this.clock.monotonicMs();
    let answer: Promise<FrameReply>;
    try {
      answer = this.handler(frame, this.peer);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (reply) => this.settle(reply, startedMs),
      (error: unknown) => this.fail(error),
    );
  }

  private settle(reply: FrameReply, startedMs: number): void {
    this.running--;
    if (isFrameReply(reply)) {
      let bytes = 0;
      if (reply.kind === 'reply' && reply.frames.length > 0) {
        for (const frame of reply.frames) bytes += frame.length + 2;
        this.sink.deliver(reply.frames);
      }
      this.observer.onReply?.(this.peer, {
        frameCount: reply.kind === 'reply' ? reply.frames.length : 0,
        bytes,
        elapsedMs: this.clock.monotonicMs() - startedMs,
      });
    } else {
      this.failures++;
      const error = channelError(
        'CHANNEL_HANDLER_INVALID_REPLY',
        'the frame handler resolved with an invalid reply',
        {
          connectionId: this.peer.connectionId,
        },
      );
      this.observer.onError?.('handler', this.peer, error);
    }
    this.next();
  }

  private fail(error: unknown): void {
    this.running--;
    this.failures++;
    this.observer.onError?.('handler', this.peer, error);
    this.next();
  }

  /** Starts queued frames while slots are free and the transport can write; call when it can again. */
  pump(): void {
    while (this.running < this.maxInFlight && this.waiting.length > 0 && this.sink.writable()) {
      this.run(this.waiting.shift() as Uint8Array);
    }
  }

  private next(): void {
    this.pump();
    this.sink.changed();
  }
}

function isFrameReply(value: unknown): value is FrameReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { kind?: unknown; frames?: unknown };
  if (reply.kind === 'none') return true;
  return (
    reply.kind === 'reply' &&
    Array.isArray(reply.frames) &&
    reply.frames.every((frame) => frame instanceof Uint8Array)
  );
}

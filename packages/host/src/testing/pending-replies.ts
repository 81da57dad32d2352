import type { Iso8583Message, MessageCodec, MessageLayout } from '@payterm/iso8583';

/** A received message: its bytes and, when it unpacks, the message and where its fields sit. */
export interface ReceivedMessage {
  readonly bytes: Uint8Array;
  /** Undefined when the bytes do not unpack with the terminal's codec. */
  readonly message: Iso8583Message | undefined;
  readonly layout: MessageLayout | undefined;
}

interface Waiter {
  readonly responseMti: string;
  readonly stan: string;
  readonly resolve: (received: ReceivedMessage) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

interface RawWaiter {
  readonly resolve: (received: ReceivedMessage) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/** Management answers may carry the host's own trace number (reference TV1): matched by MTI alone. */
const MANAGEMENT_RESPONSE_MTIS: ReadonlySet<string> = new Set(['0810', '0830']);
/** Keys answered lately: a duplicate of one of them is never taken for another request's answer. */
const RECENT_KEYS = 256;

/**
 * Requests waiting for their answers, matched on response MTI and STAN (field 11) so several may be in
 * flight on one connection and answered in any order. Messages nobody waits for go to raw waiters
 * (`sendRawAndWait`), else into a bounded list of unmatched messages (late or duplicate responses).
 */
export class PendingReplies {
  private readonly waiters = new Map<string, Waiter>();
  private readonly rawWaiters: RawWaiter[] = [];
  private readonly unmatchedList: ReceivedMessage[] = [];
  private readonly recentKeys: string[] = [];

  constructor(
    private readonly codec: MessageCodec,
    private readonly maxUnmatched: number,
  ) {}

  /** The unmatched messages kept (the most recent `maxUnmatched`). */
  get unmatched(): readonly ReceivedMessage[] {
    return this.unmatchedList;
  }

  isWaiting(responseMti: string, stan: string): boolean {
    return this.waiters.has(`${responseMti}:${stan}`);
  }

  /** Registers a waiter; `timeoutError` makes the rejection when nothing matches within `timeoutMs`. */
  wait(
    responseMti: string,
    stan: string,
    timeoutMs: number,
    timeoutError: () => Error,
  ): Promise<ReceivedMessage> {
    const key = `${responseMti}:${stan}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(timeoutError());
      }, timeoutMs);
      this.waiters.set(key, { responseMti, stan, resolve, reject, timer });
    });
  }

  /** The next message no request claims. */
  waitRaw(timeoutMs: number, timeoutError: () => Error): Promise<ReceivedMessage> {
    return new Promise((resolve, reject) => {
      const waiter: RawWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = this.rawWaiters.indexOf(waiter);
          if (index >= 0) this.rawWaiters.splice(index, 1);
          reject(timeoutError());
        }, timeoutMs),
      };
      this.rawWaiters.push(waiter);
    });
  }

  deliver(bytes: Uint8Array): void {
    const received = this.unpack(bytes);
    const waiter = this.claim(received.message);
    if (waiter !== undefined) {
      clearTimeout(waiter.timer);
      waiter.resolve(received);
      return;
    }
    const raw = this.rawWaiters.shift();
    if (raw !== undefined) {
      clearTimeout(raw.timer);
      raw.resolve(received);
      return;
    }
    this.unmatchedList.push(received);
    if (this.unmatchedList.length > this.maxUnmatched) this.unmatchedList.shift();
  }

  rejectAll(error: () => Error): void {
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error());
    }
    this.waiters.clear();
    for (const waiter of this.rawWaiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error());
    }
  }

  private unpack(bytes: Uint8Array): ReceivedMessage {
    try {
      const { message, layout } = this.codec.unpackWithLayout(bytes);
      return { bytes, message, layout };
    } catch {
      return { bytes, message: undefined, layout: undefined };
    }
  }

  /**
   * The waiter for `message`: by response MTI and STAN; for an 0810/0830 whose STAN is none of ours
   * (neither waiting nor answered lately), the only waiter of that MTI.
   */
  private claim(message: Iso8583Message | undefined): Waiter | undefined {
    if (message === undefined) return undefined;
    const stan = message.fields[11];
    const key = `${message.mti}:${typeof stan === 'string' ? stan : ''}`;
    let waiter = this.waiters.get(key);
    if (waiter === undefined && MANAGEMENT_RESPONSE_MTIS.has(message.mti) && !this.recentKeys.includes(key)) {
      const candidates = [...this.waiters.values()].filter(
        (candidate) => candidate.responseMti === message.mti,
      );
      if (candidates.length === 1) waiter = candidates[0];
    }
    if (waiter === undefined) return undefined;
    const claimed = `${waiter.responseMti}:${waiter.stan}`;
    this.waiters.delete(claimed);
    this.recentKeys.push(claimed);
    if (this.recentKeys.length > RECENT_KEYS) this.recentKeys.shift();
    return waiter;
  }
}

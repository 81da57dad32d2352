import type { BlockCipher, CipherFactory, CupWorkingKeys, Mac } from '@payterm/crypto';
import {
  CryptoError,
  createCupEcbMac,
  decryptCupSignInKeys,
  encryptPinBlock,
  hexToBytes,
} from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';
import { createCodec, cupPosSpec, type MessageCodec } from '@payterm/iso8583';
import { StanSequence, systemClock, systemRandom, type Clock, type RandomSource } from '@payterm/kernel';
import {
  checkMac,
  decodePosResponse,
  encodePosRequest,
  macRequired,
  packWithMac,
  responseMti,
  type PosRequest,
  type PosRequestKind,
  type PosResponse,
  type SignInKeyLayout,
} from '@payterm/protocol';
import { PendingReplies, type ReceivedMessage } from './pending-replies.js';
import { terminalError } from './terminal-error.js';
import { TerminalJournal } from './terminal-journal.js';
import type { TerminalLink } from './terminal-link.js';
import type { RequestDraft, TerminalExchange } from './terminal-requests.js';

export interface TestTerminalOptions {
  /** Field 41 (8 characters). */
  readonly tid: string;
  /** Field 42 (15 characters). */
  readonly mid: string;
  /** The terminal master key, 16 or 32 hex digits (test only). */
  readonly tmkHex: string;
  /** How long a request waits for its response (default 30 000, the dialect's terminal timeout). */
  readonly timeoutMs?: number;
  /** Default `6000030000`. */
  readonly tpdu?: string;
  /** Default `603100000000` (magstripe application, version 31). */
  readonly header?: string;
  /** The last STAN issued (default none: the first is 000001). */
  readonly lastStan?: number | string;
  /** The batch before the first sign-in adopts the host's (default `000001`). */
  readonly batch?: string;
  /** Field 49 (default `156`, CNY). */
  readonly currency?: string;
  /** The terminal's time zone for its own MMDD dates (default +480, China Standard Time). */
  readonly utcOffsetMinutes?: number;
  readonly clock?: Clock;
  /** Used for PIN block fill only (format 0 needs none; kept for other formats). */
  readonly random?: RandomSource;
  /** Default node:crypto. */
  readonly cipherFactory?: CipherFactory;
  /** Default the cup-pos spec. */
  readonly codec?: MessageCodec;
  /** Unclaimed messages kept for inspection (default 256). */
  readonly maxUnmatched?: number;
  /** Keep the journal of approved transactions (default true; a long benchmark run may turn it off). */
  readonly keepJournal?: boolean;
}

export interface SendOptions {
  /** Overrides the terminal's response timeout for this request. */
  readonly timeoutMs?: number;
}

interface Keys {
  readonly clear: CupWorkingKeys;
  readonly mac: Mac;
  readonly pin: BlockCipher;
}

function checkOption(ok: boolean, option: string, rule: string): void {
  if (!ok) throw terminalError('TERMINAL_INVALID_OPTION', `${option} must be ${rule}`, { option });
}

/**
 * The core of a scriptable POS terminal: envelope, STAN, MAC, response matching and terminal state
 * (batch, working keys, journal). The transaction methods live in `TestTerminal`.
 */
export class TerminalCore {
  readonly codec: MessageCodec;
  readonly journal = new TerminalJournal();
  protected readonly clock: Clock;
  protected readonly random: RandomSource;
  protected readonly cipherFactory: CipherFactory;
  protected readonly currency: string;
  protected operatorCode = '001';
  private readonly tmk: Uint8Array;
  private readonly stans: StanSequence;
  private readonly pending: PendingReplies;
  private readonly timeoutMs: number;
  private readonly utcOffsetMs: number;
  private currentBatch: string;
  private keys: Keys | undefined;
  private closedLink = false;
  private resignInRequested = false;

  constructor(
    protected readonly link: TerminalLink,
    protected readonly options: TestTerminalOptions,
  ) {
    checkOption(/^([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})$/.test(options.tmkHex), 'tmkHex', '16 or 32 hex digits');
    checkOption(options.tid.length === 8, 'tid', '8 characters');
    checkOption(options.mid.length === 15, 'mid', '15 characters');
    this.tmk = hexToBytes(options.tmkHex);
    this.stans = new StanSequence(options.lastStan);
    this.currentBatch = options.batch ?? '000001';
    this.currency = options.currency ?? '156';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.utcOffsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.cipherFactory = options.cipherFactory ?? createNodeCipher;
    this.codec = options.codec ?? createCodec(cupPosSpec);
    this.pending = new PendingReplies(this.codec, options.maxUnmatched ?? 256);
    link.onMessage((message) => this.pending.deliver(message));
    void link.closed.then(() => {
      this.closedLink = true;
      this.pending.rejectAll(() => this.closedError());
    });
  }

  /** 60.2 of the next request (adopted from the sign-in response). */
  get batch(): string {
    return this.currentBatch;
  }

  /** The last STAN issued. */
  get lastStan(): string | undefined {
    return this.stans.current;
  }

  /** The clear working keys of the last sign-in (test only). */
  get workingKeys(): CupWorkingKeys | undefined {
    return this.keys?.clear;
  }

  get signedIn(): boolean {
    return this.keys !== undefined;
  }

  /** A response carried header digit 3 (sign in again) since the last sign-in. */
  get signInRequested(): boolean {
    return this.resignInRequested;
  }

  /** Messages no request claimed (late or duplicate responses), the most recent first-in-first-out. */
  get unmatched(): readonly ReceivedMessage[] {
    return this.pending.unmatched;
  }

  nextStan(): string {
    return this.stans.next();
  }

  /** MMDD of the terminal's clock in its time zone. */
  today(): string {
    return new Date(this.clock.nowMs() + this.utcOffsetMs).toISOString().slice(5, 10).replace('-', '');
  }

  /**
   * Fills the envelope, encodes, MACs when the dialect says so, sends and waits for the response with
   * the same STAN and the response MTI; checks the MAC of an approved response and decodes it. Several
   * sends may be in flight at once.
   */
  async send<K extends PosRequestKind>(
    draft: RequestDraft<K>,
    options: SendOptions = {},
  ): Promise<TerminalExchange<K>> {
    if (this.closedLink) throw this.closedError();
    const request = this.complete(draft);
    const message = encodePosRequest(request);
    const requestBytes = macRequired(message.mti, request)
      ? await packWithMac(this.codec, message, (input) => this.requireKeys('MAC').mac.compute(input))
      : this.codec.pack(message);
    const expected = responseMti(message.mti);
    if (this.pending.isWaiting(expected, request.stan)) {
      throw terminalError(
        'TERMINAL_STAN_IN_FLIGHT',
        `STAN ${request.stan} is already waiting for a ${expected}`,
        {
          stan: request.stan,
          mti: expected,
        },
      );
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const reply = this.pending.wait(expected, request.stan, timeoutMs, () =>
      terminalError(
        'TERMINAL_RESPONSE_TIMEOUT',
        `no ${expected} for STAN ${request.stan} within ${timeoutMs} ms`,
        { stan: request.stan, mti: expected, timeoutMs },
        { request },
      ),
    );
    this.link.send(requestBytes);
    const received = await reply;
    const response = await this.readResponse(request, received);
    this.apply(request, response);
    // The response decoded against this request has the request's kind (decodePosResponse).
    return {
      request,
      response,
      requestBytes,
      responseBytes: received.bytes,
    } as unknown as TerminalExchange<K>;
  }

  /** Sends one message as given (framed by the link): malformed-message tests. */
  sendRaw(message: Uint8Array): void {
    if (this.closedLink) throw this.closedError();
    this.link.send(message);
  }

  /** Writes bytes without framing: broken-frame tests. */
  sendUnframed(bytes: Uint8Array): void {
    if (this.closedLink) throw this.closedError();
    this.link.sendUnframed(bytes);
  }

  /** Sends one message as given and resolves with the next message no request claims. */
  sendRawAndWait(message: Uint8Array, timeoutMs: number): Promise<ReceivedMessage> {
    if (this.closedLink) return Promise.reject(this.closedError());
    const reply = this.pending.waitRaw(timeoutMs, () =>
      terminalError('TERMINAL_RESPONSE_TIMEOUT', `no unclaimed message within ${timeoutMs} ms`, {
        timeoutMs,
      }),
    );
    this.link.send(message);
    return reply;
  }

  /** After settlement and batch upload: the journal is cleared and the batch number moves on. */
  closeBatch(): void {
    this.journal.clear();
    this.currentBatch = String((Number(this.currentBatch) % 999_999) + 1).padStart(6, '0');
  }

  /** Closes the link; requests still waiting fail with TERMINAL_CONNECTION_CLOSED. */
  async close(): Promise<void> {
    this.closedLink = true;
    await this.link.close();
    this.pending.rejectAll(() => this.closedError());
  }

  /** A format-0 PIN block under the current PIK. */
  protected pinBlock(pin: string, pan: string): Uint8Array {
    return encryptPinBlock(this.requireKeys('PIN').pin, { format: 0, pin, pan, random: this.random });
  }

  private complete(draft: RequestDraft): PosRequest & { readonly stan: string } {
    return {
      ...draft,
      tpdu: draft.tpdu ?? this.options.tpdu ?? '6000030000',
      header: draft.header ?? this.options.header ?? '603100000000',
      tid: draft.tid ?? this.options.tid,
      mid: draft.mid ?? this.options.mid,
      batch: draft.batch ?? this.currentBatch,
      stan: draft.stan ?? this.stans.next(),
    } as PosRequest & { readonly stan: string };
  }

  private requireKeys(use: 'MAC' | 'PIN'): Keys {
    if (this.keys === undefined) {
      throw terminalError('TERMINAL_NOT_SIGNED_IN', `a ${use} needs working keys: sign in first`, { use });
    }
    return this.keys;
  }

  private async readResponse(
    request: PosRequest & { readonly stan: string },
    received: ReceivedMessage,
  ): Promise<PosResponse> {
    const { message, layout, bytes } = received;
    if (message === undefined || layout === undefined) {
      throw terminalError('TERMINAL_RESPONSE_INVALID', 'the response does not unpack', {}, { request });
    }
    const decoded = decodePosResponse(request, message);
    const response = decoded.ok ? decoded.value : undefined;
    if (message.fields[39] === '00' && macRequired(message.mti, request)) {
      const mac = this.keys?.mac;
      const checked =
        mac === undefined
          ? undefined
          : await checkMac(bytes, layout, (input, presented) => mac.verify(input, presented));
      if (checked === undefined || !checked.ok) {
        throw terminalError(
          'TERMINAL_RESPONSE_MAC_INVALID',
          `the approved ${message.mti} for STAN ${request.stan} has ${checked === undefined ? 'no key to check its MAC' : 'a bad MAC'}`,
          { stan: request.stan, reason: checked === undefined ? 'no-key' : checked.error.code },
          {
            request,
            ...(response === undefined ? {} : { response }),
            cause: checked?.ok === false ? checked.error : undefined,
          },
        );
      }
    }
    if (!decoded.ok) {
      throw terminalError(
        'TERMINAL_RESPONSE_INVALID',
        `the response does not answer the ${request.kind}: ${decoded.error.message}`,
        { field: decoded.error.field },
        { request, cause: decoded.error },
      );
    }
    return decoded.value;
  }

  /** Terminal state after a response: keys and batch, journal, reversals, batch close. */
  private apply(request: PosRequest, response: PosResponse): void {
    if (response.processingRequirement === '3') this.resignInRequested = true;
    const approved = response.responseCode === '00';
    switch (request.kind) {
      case 'sign-in':
        if (approved) this.adoptKeys(request.keyLayout, request.operator, response);
        return;
      case 'sign-off':
        if (approved) this.keys = undefined;
        return;
      case 'reversal':
        this.journal.recordReversal(request);
        return;
      case 'batch-upload':
        if (approved && request.upload.type === 'end') this.closeBatch();
        return;
      default:
        if (approved && this.options.keepJournal !== false) {
          this.journal.recordApproved(request, response, response.localDate ?? this.today());
        }
    }
  }

  private adoptKeys(layout: SignInKeyLayout, operator: string, response: PosResponse): void {
    const field62 = response.kind === 'sign-in' ? response.workingKeys : undefined;
    if (field62 === undefined) {
      throw terminalError(
        'TERMINAL_SIGN_IN_KEYS_INVALID',
        'the approved sign-in response has no field 62',
        {},
      );
    }
    let clear: CupWorkingKeys;
    try {
      clear = decryptCupSignInKeys(this.tmk, field62, { layout, cipherFactory: this.cipherFactory });
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      throw terminalError(
        'TERMINAL_SIGN_IN_KEYS_INVALID',
        `the sign-in working keys are not usable: ${error.message}`,
        { reason: error.code },
        { cause: error },
      );
    }
    this.keys = {
      clear,
      mac: createCupEcbMac(this.cipherFactory, clear.mak),
      pin: this.cipherFactory(clear.pik.length === 8 ? 'des' : 'tdes', clear.pik),
    };
    if (response.batch !== undefined) this.currentBatch = response.batch;
    this.operatorCode = operator;
    this.resignInRequested = false;
  }

  private closedError(): Error {
    return terminalError('TERMINAL_CONNECTION_CLOSED', 'the terminal link is closed', {});
  }
}

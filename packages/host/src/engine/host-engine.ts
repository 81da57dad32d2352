import { bytesToHex, type Iso8583Message } from '@payterm/iso8583';
import {
  checkMac,
  decodePosRequest,
  encodePosResponse,
  macRequired,
  packWithMac,
  type PosRequest,
  type PosResponse,
  type ProcessingRequirement,
} from '@payterm/protocol';
import { NO_REPLY, replyWith, type FrameHandler, type FrameReply } from '../channel/frame-handler.js';
import { batchUploadFlow } from '../flows/batch-upload-flow.js';
import type { FlowContext, FlowResult, JournalledFlowContext } from '../flows/flow-context.js';
import { echoFlow, signInFlow, signOffFlow, tmsFlow } from '../flows/management-flows.js';
import { storedKindOf } from '../flows/reversal-flow.js';
import { settlementFlow } from '../flows/settlement-flow.js';
import { WriteBatch } from '../storage/commit/write-batch.js';
import { commitWithWallet } from '../wallet/wallet-commit.js';
import type { MerchantRecord, TerminalRecord } from '../storage/schema/records.js';
import type { JournalEntry } from './batch-journal.js';
import type { EngineServices } from './engine-services.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { rejectDecoded, rejectMalformed } from './raw-replies.js';
import { isJournalled, runJournalledFlow, type JournalledKind } from './route-flow.js';
import { replayedResponse } from './stored-response.js';

/** Who sent a decoded request, after the terminal and merchant checks. */
interface Sender {
  readonly request: PosRequest;
  readonly message: Iso8583Message;
  readonly terminal: TerminalRecord;
  readonly merchant: MerchantRecord;
  readonly receivedAt: number;
}

/** A flow typed for one request kind, called with the context of that kind (the switch guarantees it). */
function asFlow<R extends PosRequest>(
  flow: (context: FlowContext<R>) => Promise<FlowResult>,
): (context: FlowContext) => Promise<FlowResult> {
  return flow as (context: FlowContext) => Promise<FlowResult>;
}

/** Field 25: normal (00) and pre-authorisation (06) conditions; special sale programmes are not supported. */
const SUPPORTED_CONDITION_CODES: ReadonlySet<string> = new Set(['00', '06']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The acquirer host's request processing, behind the channels' FrameHandler: unpack → decode → terminal
 * and merchant (`97` / `03`) → MAC (`A0`, nothing processed) → signed in and batch (`77`, header digit 3)
 * → duplicate check (exact repeat → the original response; same STAN, other content → `94`) → the flow
 * → the grouped commit → the MACed response (ADR 0005: nothing approved is sent before it is durable).
 */
export class HostEngine {
  readonly #services: EngineServices;
  readonly #refunds = new KeyedSerializer();
  #faulted = false;

  constructor(services: EngineServices) {
    this.#services = services;
  }

  /** False after a commit failed: memory may be ahead of the database until the host restarts. */
  get healthy(): boolean {
    return !this.#faulted;
  }

  readonly handle: FrameHandler = (frame) => this.#process(frame);

  async #process(frame: Uint8Array): Promise<FrameReply> {
    const { codec, clock } = this.#services;
    const startedMs = clock.monotonicMs();
    let unpacked;
    try {
      unpacked = codec.unpackWithLayout(frame);
    } catch (error) {
      this.#services.logger.warn({ err: error }, 'malformed message');
      return this.#raw(rejectMalformed(codec, frame), '????', 'malformed', '30', startedMs);
    }
    const { message, layout } = unpacked;
    const decoded = decodePosRequest(message);
    if (!decoded.ok) {
      const code = decoded.error.responseCode;
      this.#services.logger.warn({ err: decoded.error, mti: message.mti }, 'undecodable request');
      return this.#raw(rejectDecoded(codec, message, code), message.mti, 'undecodable', code, startedMs);
    }
    const request = decoded.value;
    const reply = await this.#checkSender(request, message, startedMs);
    if ('kind' in reply) return reply;
    const sender = reply;
    if (macRequired(message.mti, message)) {
      const makKeyId = sender.terminal.makKeyId;
      if (makKeyId === null || !sender.terminal.signedIn) return this.#plain(sender, '77', startedMs, '3');
      const verified = await checkMac(frame, layout, (input, mac) =>
        this.#services.security.verifyMac(makKeyId, input, mac),
      );
      if (!verified.ok) return this.#plain(sender, 'A0', startedMs, '3');
    }
    if (this.#faulted && request.kind !== 'echo') return this.#plain(sender, '96', startedMs);
    return this.#route(sender, startedMs);
  }

  /** Unknown or disabled terminal `97`; unknown, other or disabled merchant `03`. */
  async #checkSender(
    request: PosRequest,
    message: Iso8583Message,
    startedMs: number,
  ): Promise<Sender | FrameReply> {
    const { terminals, clock } = this.#services;
    const terminal = await terminals.terminal(request.tid);
    if (terminal === undefined || terminal.status !== 'active') {
      return this.#raw(
        rejectDecoded(this.#services.codec, message, '97'),
        message.mti,
        request.kind,
        '97',
        startedMs,
      );
    }
    const merchant = await terminals.merchant(terminal.mid);
    if (merchant === undefined || merchant.mid !== request.mid || merchant.status !== 'active') {
      return this.#raw(
        rejectDecoded(this.#services.codec, message, '03'),
        message.mti,
        request.kind,
        '03',
        startedMs,
      );
    }
    return { request, message, terminal, merchant, receivedAt: clock.nowMs() };
  }

  async #route(sender: Sender, startedMs: number): Promise<FrameReply> {
    const { request, terminal } = sender;
    switch (request.kind) {
      case 'sign-in':
        return this.#management(sender, asFlow(signInFlow), startedMs);
      case 'echo':
        return this.#management(sender, asFlow(echoFlow), startedMs);
      case 'parameter-download':
      case 'parameters-applied':
      case 'status-upload':
      case 'software-chunk':
        return this.#management(sender, tmsFlow, startedMs);
      case 'sign-off':
        return this.#management(sender, asFlow(signOffFlow), startedMs);
      default:
        break;
    }
    if (!terminal.signedIn) return this.#plain(sender, '77', startedMs, '3');
    if (request.kind === 'settlement') {
      const { journal, terminals } = this.#services;
      // In the batch's turn: a wallet paying one of its orders commits before the totals or sees it closed.
      return journal.withBatchTurn(terminal.tid, async () => {
        const current = await terminals.terminal(terminal.tid);
        const batch =
          request.batch === current?.batchNo ? await journal.batch(terminal.tid, request.batch) : undefined;
        return this.#management(
          sender,
          (context) => settlementFlow(context as FlowContext<typeof request>, batch),
          startedMs,
        );
      });
    }
    if (request.kind === 'batch-upload') {
      const batch = await this.#services.journal.batch(terminal.tid, request.batch);
      return this.#management(
        sender,
        (context) => batchUploadFlow(context as FlowContext<typeof request>, batch),
        startedMs,
      );
    }
    if (request.batch !== terminal.batchNo) return this.#plain(sender, '77', startedMs, '3');
    if (!isJournalled(request)) return this.#plain(sender, '40', startedMs);
    if (!SUPPORTED_CONDITION_CODES.has(String(sender.message.fields[25] ?? '00'))) {
      // Instalment (64), points (65) and other special sales decode like plain ones: refuse, not misbook.
      return this.#plain(sender, '40', startedMs);
    }
    if (request.kind === 'refund') {
      return this.#refunds.run(request.originalRrn, () => this.#journalled(sender, startedMs));
    }
    return this.#journalled(sender, startedMs);
  }

  /** A request without a STAN index entry: run, commit, answer. */
  async #management(
    sender: Sender,
    flow: (context: FlowContext) => Promise<FlowResult>,
    startedMs: number,
  ): Promise<FrameReply> {
    const context: FlowContext = { ...sender, services: this.#services, changes: new WriteBatch() };
    let result: FlowResult;
    try {
      result = await flow(context);
      await commitWithWallet(this.#services, context.changes);
    } catch (error) {
      this.#fault(error, sender.request.kind);
      return this.#plain(sender, '96', startedMs);
    }
    result.afterCommit?.();
    return this.#send(sender, result.response, startedMs);
  }

  async #journalled(sender: Sender, startedMs: number): Promise<FrameReply> {
    const { message, terminal } = sender;
    const request = sender.request as Extract<PosRequest, { kind: JournalledKind }>;
    const services = this.#services;
    const batch = await services.journal.batch(terminal.tid, request.batch);
    const mtiClass = message.mti.slice(0, 3);
    const mac = message.fields[64];
    const digest = mac instanceof Uint8Array ? bytesToHex(mac) : '';
    const earlier = batch.get(request.stan, mtiClass);
    if (earlier !== undefined) {
      if (earlier.pending !== undefined) await earlier.pending;
      const settled = batch.get(request.stan, mtiClass);
      if (settled !== undefined) {
        if (settled.digest !== digest || settled.status === 'pending')
          return this.#plain(sender, '94', startedMs);
        return this.#send(sender, replayedResponse(request.kind, settled), startedMs);
      }
    }
    let release: () => void = () => undefined;
    const entry: JournalEntry = {
      transactionId: services.ids.transactionId(),
      stan: request.stan,
      mtiClass,
      kind: storedKindOf(request.kind),
      digest,
      amountMinor: 'amount' in request ? request.amount.amountMinor : 0,
      currency:
        'amount' in request ? request.amount.currency : 'currency' in request ? request.currency : '156',
      cardScope: 'domestic',
      panHash: null,
      rrn: null,
      authCode: null,
      responseCode: null,
      status: 'pending',
      refundedMinor: 0,
      responseJson: null,
      receivedAt: sender.receivedAt,
      originalId: null,
      pending: new Promise<void>((resolve) => (release = resolve)),
    };
    batch.put(entry);
    const context: JournalledFlowContext = {
      services,
      request,
      message,
      terminal,
      merchant: sender.merchant,
      receivedAt: sender.receivedAt,
      changes: new WriteBatch(),
      batch,
      entry,
      amount: request.kind === 'balance' || !('amount' in request) ? undefined : request.amount,
    };
    let result: FlowResult;
    try {
      result = await runJournalledFlow(context);
    } catch (error) {
      services.wallet.rollBack(context.changes);
      batch.remove(request.stan, mtiClass);
      release();
      this.#fault(error, request.kind, false);
      return this.#plain(sender, '96', startedMs);
    }
    try {
      services.drainIssuerChanges(context.changes);
      await commitWithWallet(services, context.changes);
    } catch (error) {
      await result.onCommitFailure?.().catch(() => undefined);
      batch.remove(request.stan, mtiClass);
      release();
      this.#fault(error, request.kind);
      return this.#plain(sender, '96', startedMs);
    }
    entry.pending = undefined;
    release();
    result.afterCommit?.();
    const behaviour = result.behaviour ?? 'normal';
    if (behaviour === 'no-response') {
      this.#observe(message.mti, request.kind, result.response.responseCode, startedMs);
      return NO_REPLY;
    }
    if (behaviour === 'late-response') await sleep(services.lateResponseMs);
    const reply = await this.#send(sender, result.response, startedMs);
    if (behaviour === 'duplicate-response' && reply.kind === 'reply')
      return replyWith(...reply.frames, ...reply.frames);
    return reply;
  }

  /** A response with only a code (and echoed fields): `77`, `A0`, `94`, `96` … */
  #plain(
    sender: Sender,
    responseCode: string,
    startedMs: number,
    processing: ProcessingRequirement = '0',
  ): Promise<FrameReply> {
    const response = {
      kind: sender.request.kind,
      responseCode,
      processingRequirement: processing,
    } as PosResponse;
    return this.#send(sender, response, startedMs);
  }

  async #send(sender: Sender, response: PosResponse, startedMs: number): Promise<FrameReply> {
    const { codec, security } = this.#services;
    const { request, terminal, message } = sender;
    const makKeyId = terminal.makKeyId;
    let bytes: Uint8Array;
    try {
      const encoded = encodePosResponse(request, await this.#withDownloadHint(sender, response), message);
      bytes =
        macRequired(encoded.mti, request) && makKeyId !== null
          ? await packWithMac(codec, encoded, (input) => security.mac(makKeyId, input))
          : codec.pack(encoded);
    } catch (error) {
      this.#services.logger.error({ err: error, kind: request.kind }, 'response did not pack');
      return this.#raw(rejectDecoded(codec, message, '96'), message.mti, request.kind, '96', startedMs);
    }
    this.#observe(message.mti, request.kind, response.responseCode, startedMs);
    return replyWith(bytes);
  }

  /**
   * Header digit 6 on a response that asks nothing else (digit 0) to a terminal whose parameters are
   * outdated or that a rollout offers a version (docs/TMS.md §2). The terminal is read again: a 361
   * just committed its applied version.
   */
  async #withDownloadHint(sender: Sender, response: PosResponse): Promise<PosResponse> {
    if ((response.processingRequirement ?? '0') !== '0') return response;
    const terminal = (await this.#services.terminals.terminal(sender.terminal.tid)) ?? sender.terminal;
    return this.#services.tms.needsDownload(terminal, sender.request.header)
      ? { ...response, processingRequirement: '6' }
      : response;
  }

  #raw(
    bytes: Uint8Array | undefined,
    mti: string,
    kind: string,
    code: string,
    startedMs: number,
  ): FrameReply {
    this.#observe(mti, kind, code, startedMs);
    return bytes === undefined ? NO_REPLY : replyWith(bytes);
  }

  #observe(mti: string, kind: string, responseCode: string, startedMs: number): void {
    this.#services.observer.onProcessed?.({
      mti,
      kind,
      responseCode,
      durationMs: this.#services.clock.monotonicMs() - startedMs,
    });
  }

  /** A failed flow is a bug (answered `96`); a failed commit also stops further work until restart. */
  #fault(error: unknown, kind: string, commitFailed = true): void {
    if (commitFailed) this.#faulted = true;
    this.#services.logger.error({ err: error, kind, faulted: this.#faulted }, 'request failed');
  }
}

import { connect, type Socket } from 'node:net';
import type { Mac } from '@payterm/crypto';
import type { MessageCodec } from '@payterm/iso8583';
import type { LatencyRecorder } from './latency-stats.js';
import { FRAME_PREFIX_BYTES, type SaleTemplate } from './sale-template.js';

/**
 * STANs of one terminal, shared by its connections: unique per terminal and batch against a host.
 * Against the echo peer (`wrap`) they only need to be unique among the requests in flight, so they
 * go round from 999,999 to 1: a fast echo run sends more than a batch holds.
 */
export class StanCounter {
  constructor(
    private last: number,
    private readonly wrap = false,
  ) {}

  next(): number {
    if (this.last >= 999_999) {
      if (!this.wrap) throw new Error('the terminal has used every STAN of its batch');
      this.last = 0;
    }
    return ++this.last;
  }
}

/** Counters every connection adds to. */
export interface LoadTally {
  measuring: boolean;
  sending: boolean;
  responses: number;
  macChecked: number;
  macFailed: number;
  unmatched: number;
  readonly responseCodes: Map<string, number>;
  readonly latencies: LatencyRecorder;
}

export interface LoadConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly template: SaleTemplate;
  readonly stans: StanCounter;
  readonly codec: MessageCodec;
  readonly mac: Mac;
  readonly macSampleEvery: number;
  readonly tally: LoadTally;
  readonly onError: (error: Error) => void;
}

function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/**
 * One TCP connection of the generator: sends `inFlight` sales, then one new sale per response,
 * batching the new sales of one read into one write. Responses are matched to their request by STAN.
 */
export class LoadConnection {
  readonly #socket: Socket;
  readonly #options: LoadConnectionOptions;
  readonly #sentAtNs = new Map<number, number>();
  #pending: Buffer = Buffer.alloc(0);
  #received = 0;
  #closing = false;

  private constructor(socket: Socket, options: LoadConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => {
      if (!this.#closing) options.onError(error);
    });
    socket.on('close', () => {
      if (!this.#closing) options.onError(new Error('the peer closed a load connection'));
    });
  }

  static open(options: LoadConnectionOptions): Promise<LoadConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: options.host, port: options.port, noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new LoadConnection(socket, options));
      });
    });
  }

  get outstanding(): number {
    return this.#sentAtNs.size;
  }

  /** Sends `count` new sales in one write. */
  send(count: number): void {
    const { template, stans } = this.#options;
    const frames = Buffer.allocUnsafe(count * template.frameLength);
    let offset = 0;
    const sentAt = nowNs();
    for (let index = 0; index < count; index++) {
      const stan = stans.next();
      offset = template.writeFrame(frames, offset, stan);
      this.#sentAtNs.set(stan, sentAt);
    }
    this.#socket.write(frames);
  }

  close(): void {
    this.#closing = true;
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    const data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    let offset = 0;
    let answered = 0;
    const receivedAt = nowNs();
    while (data.length - offset >= FRAME_PREFIX_BYTES) {
      const length = data.readUInt16BE(offset);
      const end = offset + FRAME_PREFIX_BYTES + length;
      if (end > data.length) break;
      this.#onMessage(data.subarray(offset + FRAME_PREFIX_BYTES, end), receivedAt);
      answered++;
      offset = end;
    }
    this.#pending = offset === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(offset));
    if (answered > 0 && this.#options.tally.sending) {
      try {
        this.send(answered);
      } catch (error) {
        this.#options.onError(error as Error);
      }
    }
  }

  #onMessage(bytes: Uint8Array, receivedAtNs: number): void {
    const { codec, tally, mac, macSampleEvery } = this.#options;
    const sample = ++this.#received % macSampleEvery === 0;
    let stanText: unknown;
    let responseCode: unknown;
    if (sample) {
      const { message, layout } = codec.unpackWithLayout(bytes);
      stanText = message.fields[11];
      responseCode = message.fields[39];
      const span = layout.field(64);
      if (tally.measuring && (responseCode === '00' || responseCode === undefined)) {
        tally.macChecked++;
        const ok =
          span !== undefined && mac.verify(layout.macInput(bytes), bytes.subarray(span.dataStart, span.end));
        if (!ok) tally.macFailed++;
      }
    } else {
      const message = codec.unpack(bytes);
      stanText = message.fields[11];
      responseCode = message.fields[39];
    }
    const stan = Number(stanText);
    const sentAtNs = this.#sentAtNs.get(stan);
    if (sentAtNs === undefined) {
      if (tally.measuring) tally.unmatched++;
      return;
    }
    this.#sentAtNs.delete(stan);
    if (!tally.measuring) return;
    tally.responses++;
    tally.latencies.record((receivedAtNs - sentAtNs) / 1e6);
    const code = typeof responseCode === 'string' ? responseCode : 'none';
    tally.responseCodes.set(code, (tally.responseCodes.get(code) ?? 0) + 1);
  }
}

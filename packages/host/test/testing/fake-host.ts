/**
 * A tiny scripted acquirer host for the test terminal's tests (the real host is assembled elsewhere):
 * a real IsoTcpServer, protocol encode/decode, and crypto for the working keys, MACs and PIN blocks.
 */
import {
  buildCupSignInField62,
  createCipher,
  createCupEcbMac,
  decryptPinBlock,
  hexToBytes,
  type CupWorkingKeys,
} from '@payterm/crypto';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { SeededRandom } from '@payterm/kernel';
import {
  checkMac,
  decodePosRequest,
  encodePosResponse,
  macRequired,
  packWithMac,
  type PosRequest,
  type PosResponse,
} from '@payterm/protocol';
import { IsoTcpServer, NO_REPLY, replyWith, type FrameReply } from '../../src/channel/index.js';

export const DEMO = {
  tid: '10000001',
  mid: '898310058120001',
  tmkHex: '0123456789ABCDEFFEDCBA9876543210',
} as const;

/** What the fake host does with one request. */
export interface Script {
  readonly silent?: boolean;
  readonly delayMs?: number;
  /** Corrupts field 64 of the response. */
  readonly badMac?: boolean;
  /** Sends the response twice. */
  readonly duplicate?: boolean;
  readonly responseCode?: string;
  /** Field 11 of the response instead of the request's (a host's own trace number). */
  readonly stan?: string;
}

/** One request as the fake host saw it. */
export interface Received {
  readonly request: PosRequest;
  /** Whether field 64 verified under the MAK (undefined when the message carries none). */
  readonly macValid: boolean | undefined;
  /** The PIN of field 52, decrypted under the PIK. */
  readonly pin: string | undefined;
}

export interface FakeHostOptions {
  readonly batch?: string;
  /** Flips a bit of this key's check value in the sign-in response. */
  readonly corruptKcv?: 'PIK' | 'MAK' | 'TDK';
  readonly script?: (request: PosRequest) => Script;
  /** Answer for a message that does not unpack (default none). */
  readonly malformedReply?: Uint8Array;
}

const KCV_OFFSETS = { PIK: 16, MAK: 36, TDK: 56 } as const;
const codec = createCodec(cupPosSpec);

export class FakeHost {
  readonly received: Received[] = [];
  /** STANs in the order their responses were produced. */
  readonly answered: string[] = [];
  keys: CupWorkingKeys | undefined;
  private readonly random = new SeededRandom(7);
  private readonly tmk = hexToBytes(DEMO.tmkHex);

  private readonly server: IsoTcpServer;

  private constructor(private readonly options: FakeHostOptions) {
    this.server = new IsoTcpServer({ handler: (frame) => this.handle(frame) });
  }

  static async start(options: FakeHostOptions = {}): Promise<{ host: FakeHost; port: number }> {
    const host = new FakeHost(options);
    const { port } = await host.server.listen({ host: '127.0.0.1', port: 0 });
    return { host, port };
  }

  close(): Promise<void> {
    return this.server.close({ drainTimeoutMs: 500 });
  }

  /** The requests of one kind, in arrival order. */
  requests<K extends PosRequest['kind']>(kind: K): Extract<PosRequest, { kind: K }>[] {
    return this.received
      .map((entry) => entry.request)
      .filter((request): request is Extract<PosRequest, { kind: K }> => request.kind === kind);
  }

  private async handle(frame: Uint8Array): Promise<FrameReply> {
    let unpacked;
    try {
      unpacked = codec.unpackWithLayout(frame);
    } catch {
      const reply = this.options.malformedReply;
      return reply === undefined ? NO_REPLY : replyWith(reply);
    }
    const decoded = decodePosRequest(unpacked.message);
    if (!decoded.ok) return NO_REPLY;
    const request = decoded.value;
    const mac = this.keys === undefined ? undefined : createCupEcbMac(createCipher, this.keys.mak);
    let macValid: boolean | undefined;
    if (macRequired(unpacked.message.mti, unpacked.message)) {
      macValid =
        mac !== undefined &&
        (await checkMac(frame, unpacked.layout, (input, given) => mac.verify(input, given))).ok;
    }
    this.received.push({ request, macValid, pin: this.pinOf(request) });
    const script = this.options.script?.(request) ?? {};
    if (script.silent === true) return NO_REPLY;
    if (script.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
    const answer = encodePosResponse(request, this.respond(request, script.responseCode ?? '00'));
    const encoded =
      script.stan === undefined ? answer : { ...answer, fields: { ...answer.fields, 11: script.stan } };
    const bytes =
      macRequired(encoded.mti, request) && mac !== undefined
        ? await packWithMac(codec, encoded, (input) => mac.compute(input))
        : codec.pack(encoded);
    if (script.badMac === true) bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
    this.answered.push(request.stan ?? '');
    return script.duplicate === true ? replyWith(bytes, bytes) : replyWith(bytes);
  }

  private pinOf(request: PosRequest): string | undefined {
    const card = 'card' in request ? request.card : undefined;
    if (card?.pinBlock === undefined || card.pan === undefined || this.keys === undefined) return undefined;
    return decryptPinBlock(createCipher('tdes', this.keys.pik), card.pinBlock, {
      format: 0,
      pan: card.pan,
    }).reveal();
  }

  private respond(request: PosRequest, responseCode: string): PosResponse {
    const time = { localDate: '1126', localTime: '101500' };
    switch (request.kind) {
      case 'sign-in': {
        const { field62, keys } = buildCupSignInField62({
          tmk: this.tmk,
          layout: request.keyLayout,
          random: this.random,
        });
        this.keys = keys;
        const corrupt = this.options.corruptKcv;
        if (corrupt !== undefined)
          field62[KCV_OFFSETS[corrupt]] = (field62[KCV_OFFSETS[corrupt]] as number) ^ 0x10;
        return {
          kind: 'sign-in',
          responseCode,
          workingKeys: field62,
          batch: this.options.batch ?? '000042',
          ...time,
        };
      }
      case 'settlement':
        return {
          kind: 'settlement',
          responseCode,
          totals: {
            domestic: { ...request.totals.domestic, result: 'balanced' },
            foreign: { ...request.totals.foreign, result: 'balanced' },
          },
          ...time,
        };
      case 'qr-customer-sale':
        return {
          kind: request.kind,
          responseCode,
          rrn: `330000${request.stan}`,
          voucher: `V${request.stan}`,
          ...time,
        };
      default: {
        const stan = request.stan ?? '000000';
        return {
          kind: request.kind,
          responseCode,
          rrn: `330000${stan}`,
          authCode: `A${stan.slice(1)}`,
          ...time,
        } as PosResponse;
      }
    }
  }
}

import { createCipher, createCupEcbMac, encryptPinBlock, type Mac } from '@payterm/crypto';
import type { MessageCodec } from '@payterm/iso8583';
import type { RandomSource } from '@payterm/kernel';
import { encodePosRequest, type SaleRequest } from '@payterm/protocol';

/** The CUP frame prefix: a 2-byte big-endian length. */
export const FRAME_PREFIX_BYTES = 2;

export interface SaleTemplateInput {
  readonly tid: string;
  readonly mid: string;
  /** 60.2 of the signed-in terminal. */
  readonly batch: string;
  /** The clear working keys of the sign-in (8 or 16 bytes each). */
  readonly pik: Uint8Array;
  readonly mak: Uint8Array;
  readonly pan: string;
  readonly pin: string;
  readonly amountMinor: number;
  /** Field 49, default `156`. */
  readonly currency?: string;
  /** Default `6000030000`. */
  readonly tpdu?: string;
  /** Default `603100000000`. */
  readonly header?: string;
}

/** Format 0 uses no fill; the port still asks for a source. */
const noFill = (): never => {
  throw new Error('a format-0 PIN block takes no random fill');
};
const NO_RANDOM: RandomSource = { nextUint32: noFill, fillBytes: noFill, nextInt: noFill };

/**
 * A chip + PIN sale (0200, the same fields TestTerminal sends) packed once. Each request only
 * writes its STAN (field 11, 3 BCD bytes) and its MAC (field 64) into a copy: the load generator's
 * per-request cost is a copy, six nibbles and one POS ECB MAC. The PIN block is encrypted once per
 * terminal: an ISO format 0 block is a function of PIN, PAN and PIK only, so every sale of a
 * terminal would carry the same 8 bytes anyway.
 */
export class SaleTemplate {
  /** Message bytes (TPDU … field 64) without the frame prefix. */
  readonly messageLength: number;
  readonly #bytes: Uint8Array;
  readonly #stanOffset: number;
  readonly #macInputStart: number;
  readonly #macInputEnd: number;
  readonly #macOffset: number;
  readonly #mac: Mac;

  private constructor(bytes: Uint8Array, stanOffset: number, macSpan: MacSpan, mac: Mac) {
    this.#bytes = bytes;
    this.messageLength = bytes.length;
    this.#stanOffset = stanOffset;
    this.#macInputStart = macSpan.inputStart;
    this.#macInputEnd = macSpan.inputEnd;
    this.#macOffset = macSpan.macOffset;
    this.#mac = mac;
  }

  static build(codec: MessageCodec, input: SaleTemplateInput): SaleTemplate {
    const pinCipher = createCipher(input.pik.length === 8 ? 'des' : 'tdes', input.pik);
    const request: SaleRequest = {
      kind: 'sale',
      tpdu: input.tpdu ?? '6000030000',
      header: input.header ?? '603100000000',
      tid: input.tid,
      mid: input.mid,
      batch: input.batch,
      stan: '123456',
      card: {
        pan: input.pan,
        expiry: '3012',
        entryMode: '051',
        track2: `${input.pan}=3012201${'0'.repeat(10)}`,
        pinCaptureCode: '06',
        pinBlock: encryptPinBlock(pinCipher, {
          format: 0,
          pin: input.pin,
          pan: input.pan,
          random: NO_RANDOM,
        }),
        securityControl: '2600000000000000',
      },
      amount: { amountMinor: input.amountMinor, currency: input.currency ?? '156' },
    };
    const message = encodePosRequest(request);
    const { bytes, layout } = codec.packWithLayout({
      ...message,
      fields: { ...message.fields, 64: new Uint8Array(8) },
    });
    const stan = layout.field(11);
    const mac = layout.field(64);
    if (stan === undefined || stan.end - stan.dataStart !== 3 || bytes[stan.dataStart] !== 0x12) {
      throw new Error('the codec does not write field 11 as 3 BCD bytes: the template cannot patch it');
    }
    if (mac === undefined || mac.end - mac.dataStart !== 8 || mac.end !== bytes.length) {
      throw new Error('the codec does not end the sale with an 8-byte field 64');
    }
    const span = { inputStart: layout.mtiStart, inputEnd: mac.start, macOffset: mac.dataStart };
    return new SaleTemplate(bytes, stan.dataStart, span, createCupEcbMac(createCipher, input.mak));
  }

  /** Bytes a frame takes: the prefix and the message. */
  get frameLength(): number {
    return FRAME_PREFIX_BYTES + this.messageLength;
  }

  /**
   * Writes one framed sale with `stan` (1…999,999) at `offset` of `target` and returns the offset
   * after it.
   */
  writeFrame(target: Uint8Array, offset: number, stan: number): number {
    const length = this.messageLength;
    target[offset] = length >>> 8;
    target[offset + 1] = length & 0xff;
    const start = offset + FRAME_PREFIX_BYTES;
    target.set(this.#bytes, start);
    const at = start + this.#stanOffset;
    const high = Math.floor(stan / 10_000);
    const middle = Math.floor(stan / 100) % 100;
    const low = stan % 100;
    target[at] = ((high / 10) << 4) | (high % 10);
    target[at + 1] = ((middle / 10) << 4) | (middle % 10);
    target[at + 2] = ((low / 10) << 4) | (low % 10);
    this.#mac.compute(
      target.subarray(start + this.#macInputStart, start + this.#macInputEnd),
      target.subarray(start + this.#macOffset, start + this.#macOffset + 8),
    );
    return start + length;
  }
}

interface MacSpan {
  readonly inputStart: number;
  readonly inputEnd: number;
  readonly macOffset: number;
}

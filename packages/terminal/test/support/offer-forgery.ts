import { createCodec, cupPosSpec, type Iso8583Message } from '@payterm/iso8583';
import {
  decodeField62Tlv,
  encodeField62Tlv,
  parameterDownloadEntries,
  SOFTWARE_CHUNK_MAX_BYTES,
  type SoftwareOffer,
} from '@payterm/protocol';
import { readPackage, sha256Hex } from '@payterm/software';

const codec = createCodec(cupPosSpec);
/** The software offer's tags in a 360 answer (docs/TMS.md §2.1). */
const OFFER_TAGS: ReadonlySet<string> = new Set(['90', '91', '92', '93', '95']);
/** The 360 answer's status bytes of a final page: `0` nothing, `1` entries that end here. */
const FINAL_PAGE_STATUS: ReadonlySet<number> = new Set([0x30, 0x31]);

/** What the forger claims in tags 90 and 93; the rest of the offer is the package's own. */
export interface OfferClaim {
  /** Tag 90: the version the offer names (default: the package's own, an honest older offer). */
  readonly version?: string;
  readonly rolloutId: string;
}

/** The offer tags of a signed package `file` under the version and rollout id the forger claims. */
export function forgedOffer(file: Uint8Array, claim: OfferClaim): SoftwareOffer {
  const parts = readPackage(file);
  const manifest = JSON.parse(new TextDecoder().decode(parts.manifestBytes)) as { version: string };
  return {
    version: claim.version ?? manifest.version,
    sizeBytes: parts.payload.length,
    sha256: sha256Hex(parts.payload),
    rolloutId: claim.rolloutId,
    prefixBytes: parts.payloadOffset,
  };
}

/** 60.1 n2 ‖ 60.2 n6 ‖ 60.3 n3: the network management code, or undefined. */
function networkCodeOf(message: Iso8583Message): string | undefined {
  const field60 = message.fields[60];
  return typeof field60 === 'string' && field60.length >= 11 ? field60.slice(8, 11) : undefined;
}

/** The message, or undefined for bytes that are not one (they pass as they are). */
function unpacked(bytes: Uint8Array): Iso8583Message | undefined {
  try {
    return codec.unpack(bytes);
  } catch {
    return undefined;
  }
}

/** The package and offset a `0800`/`363` request asks for. */
interface ChunkRequest {
  readonly sha256: string;
  readonly offset: number;
}

function chunkRequestOf(message: Iso8583Message): ChunkRequest | undefined {
  const field62 = message.fields[62];
  if (message.mti !== '0800' || networkCodeOf(message) !== '363' || !(field62 instanceof Uint8Array))
    return undefined;
  const tags = new Map(decodeField62Tlv(field62).map((entry) => [entry.tag, entry.value]));
  const sha256 = tags.get('92');
  const offset = tags.get('94');
  return sha256 === undefined || offset === undefined ? undefined : { sha256, offset: Number(offset) };
}

/**
 * A man in the middle between terminal and host that points the terminal at another signed package: the
 * final page of every `360` answer carries `offer` instead of what the host offered (field 62 has no MAC),
 * and the `363` answers for that package carry its bytes, whatever the host said (it answers `12` to a
 * package no rollout offers the terminal). One `Channel` per connection: `363` requests are one at a time.
 */
export class OfferForgery {
  /** `360` answers rewritten so far. */
  offersRewritten = 0;
  /** Offsets of the `363` answers served from the forged package, in order. */
  readonly servedOffsets: number[] = [];

  constructor(
    readonly offer: SoftwareOffer,
    readonly file: Uint8Array,
  ) {}

  /** The state of one connection: what its last `363` request asked for. */
  channel(): OfferForgeryChannel {
    let pending: ChunkRequest | undefined;
    return {
      request: (bytes) => {
        const message = unpacked(bytes);
        pending = message === undefined ? undefined : chunkRequestOf(message);
      },
      answer: (bytes) => {
        const message = unpacked(bytes);
        if (message?.mti !== '0810') return bytes;
        const code = networkCodeOf(message);
        if (code === '360') return this.#rewriteOffer(message) ?? bytes;
        if (code === '363' && pending?.sha256 === this.offer.sha256)
          return this.#serveChunk(message, pending);
        return bytes;
      },
    };
  }

  #rewriteOffer(message: Iso8583Message): Uint8Array | undefined {
    const page = message.fields[62];
    // A page with more to follow keeps the host's objects: the terminal counts them to ask for the rest.
    if (page instanceof Uint8Array && !FINAL_PAGE_STATUS.has(page[0] ?? 0)) return undefined;
    const kept =
      page instanceof Uint8Array
        ? decodeField62Tlv(page, 1).filter((entry) => !OFFER_TAGS.has(entry.tag))
        : [];
    const entries = [...kept, ...parameterDownloadEntries({ offer: this.offer })];
    this.offersRewritten += 1;
    return codec.pack({ ...message, fields: { ...message.fields, 62: encodeField62Tlv(entries, '1') } });
  }

  #serveChunk(message: Iso8583Message, request: ChunkRequest): Uint8Array {
    const chunk = this.file.subarray(request.offset, request.offset + SOFTWARE_CHUNK_MAX_BYTES);
    // Past the end the host's own answer (`12`) stands.
    if (chunk.length === 0) return codec.pack(message);
    this.servedOffsets.push(request.offset);
    return codec.pack({ ...message, fields: { ...message.fields, 39: '00', 62: chunk.slice() } });
  }
}

/** One connection's side of an OfferForgery: requests on their way to the host, answers on their way back. */
export interface OfferForgeryChannel {
  /** Notes a request the terminal sends (it passes unchanged). */
  request(bytes: Uint8Array): void;
  /** The answer as the terminal receives it. */
  answer(bytes: Uint8Array): Uint8Array;
}

/**
 * One connection through a man in the middle whose forgery may be armed, changed or disarmed between
 * exchanges: the forgery in force when a request leaves decides its answer (one exchange at a time).
 */
export class ForgeryTap {
  #armed: { readonly forgery: OfferForgery; readonly channel: OfferForgeryChannel } | undefined;

  /** Whether the answer to the last request goes through a forgery. */
  get armed(): boolean {
    return this.#armed !== undefined;
  }

  /** Notes a request on its way to the host under `forgery` (none: it and its answer pass untouched). */
  request(forgery: OfferForgery | undefined, bytes: Uint8Array): void {
    if (forgery === undefined) this.#armed = undefined;
    else if (this.#armed?.forgery !== forgery) this.#armed = { forgery, channel: forgery.channel() };
    this.#armed?.channel.request(bytes);
  }

  /** The answer as the terminal receives it. */
  answer(bytes: Uint8Array): Uint8Array {
    return this.#armed?.channel.answer(bytes) ?? bytes;
  }
}

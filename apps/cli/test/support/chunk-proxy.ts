import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { createCodec, cupPosSpec, encodeFrame, FrameDecoder } from '@payterm/iso8583';
import { ForgeryTap, type OfferForgery } from '../../../../packages/terminal/test/support/offer-forgery.js';

const codec = createCodec(cupPosSpec);
const MAX_FRAME_BYTES = 0xffff;

/** What the proxy does to the host's `363` software-chunk answers. */
export type ChunkProxyMode =
  | { readonly kind: 'pass' }
  /** The last package byte of every chunk answer flipped (field 62 carries no MAC: only the package can tell). */
  | { readonly kind: 'tamper' }
  /** After `afterChunks` chunk answers the connection is cut, as a host or network that drops mid-way. */
  | { readonly kind: 'cut'; readonly afterChunks: number }
  /** Every new connection is closed at once: the host is unreachable. */
  | { readonly kind: 'refuse' }
  /** The `360` offers point at the forgery's package, whose bytes the `363` answers carry (see OfferForgery). */
  | { readonly kind: 'forge-offer'; readonly forgery: OfferForgery };

type Unpacked = ReturnType<typeof codec.unpack>;

function chunkAnswer(message: Uint8Array): Unpacked | undefined {
  const unpacked = codec.unpack(message);
  const field60 = unpacked.fields[60];
  // 60.1 n2 ‖ 60.2 n6 ‖ 60.3 n3.
  const networkCode = typeof field60 === 'string' ? field60.slice(8, 11) : undefined;
  const chunk = unpacked.fields[62];
  if (
    unpacked.mti !== '0810' ||
    networkCode !== '363' ||
    !(chunk instanceof Uint8Array) ||
    chunk.length === 0
  )
    return undefined;
  return unpacked;
}

/**
 * A TCP man in the middle between a `payterm terminal` process and the host: frames pass through as they
 * are, except the host's `363` answers, which `mode` may alter or cut after, and with `forge-offer` the
 * `360` answers too.
 */
export class ChunkProxy {
  mode: ChunkProxyMode = { kind: 'pass' };
  /** Chunk answers seen since the mode was last set. */
  chunks = 0;
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(hostPort: number): Promise<ChunkProxy> {
    const relays: ((terminal: Socket) => void)[] = [];
    const server = createServer((terminal) => relays[0]?.(terminal));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new ChunkProxy(server, (server.address() as AddressInfo).port);
    relays.push((terminal) => proxy.relay(terminal, hostPort));
    return proxy;
  }

  setMode(mode: ChunkProxyMode): void {
    this.mode = mode;
    this.chunks = 0;
  }

  relay(terminal: Socket, hostPort: number): void {
    if (this.mode.kind === 'refuse') {
      terminal.destroy();
      return;
    }
    const host = connect(hostPort, '127.0.0.1');
    for (const socket of [terminal, host]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const cut = () => {
      terminal.destroy();
      host.destroy();
    };
    terminal.on('close', cut);
    host.on('close', cut);
    const tap = new ForgeryTap();
    const requests = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: MAX_FRAME_BYTES });
    terminal.on('data', (data: Buffer) => {
      for (const message of requests.push(data)) {
        tap.request(this.mode.kind === 'forge-offer' ? this.mode.forgery : undefined, message);
        host.write(encodeFrame(message, 'binary-2'));
      }
    });
    const decoder = new FrameDecoder({ lengthPrefix: 'binary-2', maxLength: MAX_FRAME_BYTES });
    host.on('data', (data: Buffer) => {
      for (const message of decoder.push(data)) {
        if (tap.armed) {
          terminal.write(encodeFrame(tap.answer(message), 'binary-2'));
          continue;
        }
        const answer = this.mode.kind === 'pass' ? undefined : chunkAnswer(message);
        if (answer === undefined) {
          terminal.write(encodeFrame(message, 'binary-2'));
          continue;
        }
        this.chunks += 1;
        if (this.mode.kind === 'cut' && this.chunks > this.mode.afterChunks) {
          cut();
          return;
        }
        if (this.mode.kind === 'tamper') {
          const altered = (answer.fields[62] as Uint8Array).slice();
          altered[altered.length - 1]! ^= 0x01;
          const packed = codec.pack({ ...answer, fields: { ...answer.fields, 62: altered } });
          terminal.write(encodeFrame(packed, 'binary-2'));
          continue;
        }
        terminal.write(encodeFrame(message, 'binary-2'));
      }
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

import { createCodec, cupPosSpec } from '@payterm/iso8583';
import type { HostConnection, HostLink } from '../../src/ports/host-link.js';

const codec = createCodec(cupPosSpec);

/**
 * A man in the middle for software chunks: while `armed`, every `363` answer reaches the terminal with
 * the last byte of its package bytes (field 62) flipped. The answer carries no MAC, so only the package's
 * own signature and SHA-256 can tell.
 */
export class TamperingLink implements HostLink {
  armed = false;
  /** Chunks altered so far. */
  tampered = 0;

  constructor(private readonly inner: HostLink) {}

  get endpoint(): string {
    return this.inner.endpoint;
  }

  async connect(timeoutMs: number): Promise<HostConnection> {
    const connection = await this.inner.connect(timeoutMs);
    return {
      send: (message) => connection.send(message),
      onMessage: (listener) => connection.onMessage((message) => listener(this.#alter(message))),
      onClose: (listener) => connection.onClose(listener),
      close: () => connection.close(),
    };
  }

  #alter(bytes: Uint8Array): Uint8Array {
    if (!this.armed) return bytes;
    const message = codec.unpack(bytes);
    const field60 = message.fields[60];
    const chunk = message.fields[62];
    // 60.1 n2 ‖ 60.2 n6 ‖ 60.3 n3.
    const networkCode = typeof field60 === 'string' ? field60.slice(8, 11) : undefined;
    if (
      message.mti !== '0810' ||
      networkCode !== '363' ||
      !(chunk instanceof Uint8Array) ||
      chunk.length === 0
    ) {
      return bytes;
    }
    const altered = chunk.slice();
    altered[altered.length - 1]! ^= 0x01;
    this.tampered += 1;
    return codec.pack({ ...message, fields: { ...message.fields, 62: altered } });
  }
}

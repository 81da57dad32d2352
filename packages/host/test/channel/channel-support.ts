import type {
  ChannelErrorKind,
  ChannelObserver,
  CloseReason,
  FrameHandler,
  PeerInfo,
} from '../../src/channel/index.js';
import { replyWith } from '../../src/channel/index.js';

const TPDU_AND_HEADER = [0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00];
/** Where test messages carry their sequence number (after TPDU, header and MTI). */
const SEQUENCE_OFFSET = TPDU_AND_HEADER.length + 2;

/** A message shaped like a POS request (TPDU, header, MTI 0800) with a 4-byte sequence number. */
export function testMessage(sequence: number, size = 64, mti = 0x08): Uint8Array {
  const message = new Uint8Array(Math.max(size, SEQUENCE_OFFSET + 4));
  message.set(TPDU_AND_HEADER, 0);
  message[TPDU_AND_HEADER.length] = mti;
  new DataView(message.buffer).setUint32(SEQUENCE_OFFSET, sequence);
  for (let i = SEQUENCE_OFFSET + 4; i < message.length; i++) message[i] = (sequence + i) & 0xff;
  return message;
}

export function sequenceOf(message: Uint8Array): number {
  return new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(SEQUENCE_OFFSET);
}

export function isReplyTo(sequence: number): (reply: Uint8Array) => boolean {
  return (reply) => sequenceOf(reply) === sequence;
}

/** The response MTI for a request: 0800 → 0810 (the echo handler's only change). */
export function asResponse(message: Uint8Array): Uint8Array {
  const reply = message.slice();
  reply[TPDU_AND_HEADER.length + 1] = (reply[TPDU_AND_HEADER.length + 1] as number) | 0x10;
  return reply;
}

export const echoHandler: FrameHandler = (frame) => Promise.resolve(replyWith(asResponse(frame)));

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds (no timing is asserted: it only bounds the wait). */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
  intervalMs = 5,
): Promise<void> {
  for (let waited = 0; !condition(); waited += intervalMs) {
    if (waited >= timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await delay(intervalMs);
  }
}

/** An observer that records what the channel reported. */
export class RecordingObserver implements ChannelObserver {
  readonly opened: PeerInfo[] = [];
  readonly closed: { peer: PeerInfo; reason: CloseReason }[] = [];
  readonly errors: { kind: ChannelErrorKind; peer: PeerInfo; error: unknown }[] = [];
  frames = 0;
  replies = 0;

  onConnectionOpen(peer: PeerInfo): void {
    this.opened.push(peer);
  }
  onConnectionClose(peer: PeerInfo, reason: CloseReason): void {
    this.closed.push({ peer, reason });
  }
  onFrame(): void {
    this.frames++;
  }
  onReply(): void {
    this.replies++;
  }
  onError(kind: ChannelErrorKind, peer: PeerInfo, error: unknown): void {
    this.errors.push({ kind, peer, error });
  }
}

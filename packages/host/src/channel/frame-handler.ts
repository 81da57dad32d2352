/** Which transport a frame arrived on. */
export type ChannelKind = 'tcp' | 'websocket';

/** Who sent a frame: enough for logs and metrics, nothing about the message itself. */
export interface PeerInfo {
  readonly channel: ChannelKind;
  /** Unique for the life of the server that accepted the connection (`tcp-17`, `ws-3`). */
  readonly connectionId: string;
  /** `address:port` as the socket sees it (a proxy in front of the host shows here). */
  readonly remoteAddress: string;
}

/**
 * What the host answers to one frame: `reply` writes each frame in order as its own framed message
 * (usually one; two for the "duplicate response" test trigger), `none` writes nothing (the host
 * deliberately leaves the terminal to time out and reverse). Reply frames are read when they are written,
 * later in the same tick: they must not change once the handler has resolved.
 */
export type FrameReply =
  { readonly kind: 'reply'; readonly frames: readonly Uint8Array[] } | { readonly kind: 'none' };

/**
 * Transport-independent handler of one unframed message (TPDU … end, no length prefix). It answers
 * errors itself (a response code, or `none`); a rejection is counted and reported to the observer, and
 * the connection stays open.
 */
export type FrameHandler = (frame: Uint8Array, peer: PeerInfo) => Promise<FrameReply>;

export const NO_REPLY: FrameReply = Object.freeze({ kind: 'none' });

/** One reply frame. */
export function replyWith(...frames: Uint8Array[]): FrameReply {
  return { kind: 'reply', frames };
}

import type { PeerInfo } from './frame-handler.js';

/** Why a connection ended; the reason a log line or a metric label carries. */
export type CloseReason =
  /** The peer closed or reset the connection. */
  | 'peer'
  /** No bytes received for the idle timeout. */
  | 'idle-timeout'
  /** A frame had a bad or oversized length prefix: the stream has lost its boundaries. */
  | 'frame-error'
  /** A WebSocket message broke the channel rules (text message, prefix not matching the message). */
  | 'protocol-error'
  /** The server was closing and the connection had finished its work. */
  | 'server-closing'
  /** The server was closing and the drain timeout ran out first. */
  | 'drain-timeout'
  /** The socket failed (reset, write after the peer left …). */
  | 'socket-error';

/** What failed: `frame` framing, `handler` a rejected handler, `reply` a reply that could not be framed or delivered, `socket` the transport, `connection-limit` a refused connection, `protocol` a WebSocket rule. */
export type ChannelErrorKind = 'frame' | 'handler' | 'reply' | 'socket' | 'connection-limit' | 'protocol';

/** What happened to one handled frame's reply. */
export interface ReplyInfo {
  /** Frames written (0 for a `none` reply). */
  readonly frameCount: number;
  /** Bytes written, length prefixes included. */
  readonly bytes: number;
  /** From the frame's arrival to the handler's answer, by the injected clock. */
  readonly elapsedMs: number;
}

/**
 * Hooks for metrics and logs, called synchronously on the channel's hot path: keep them cheap and
 * never throw (a throwing observer is not caught). Every hook is optional.
 */
export interface ChannelObserver {
  onConnectionOpen?(peer: PeerInfo): void;
  onConnectionClose?(peer: PeerInfo, reason: CloseReason): void;
  /** One complete frame received; `bytes` is its length without the prefix. */
  onFrame?(peer: PeerInfo, bytes: number): void;
  onReply?(peer: PeerInfo, reply: ReplyInfo): void;
  onError?(kind: ChannelErrorKind, peer: PeerInfo, error: unknown): void;
}

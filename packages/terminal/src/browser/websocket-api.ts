/**
 * The part of the browser's WebSocket API the host link uses. The browser's own `WebSocket` fits; so
 * does the `ws` package's in Node, which implements the same API.
 */
export interface BrowserWebSocket {
  binaryType: BinaryType;
  readonly readyState: number;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: (event: Event) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  addEventListener(type: 'close', listener: (event: CloseEvent) => void): void;
}

export type WebSocketConstructor = new (url: string) => BrowserWebSocket;

/** `WebSocket.OPEN`. */
export const WEBSOCKET_OPEN = 1;

/** RFC 6455 §7.4.1 close codes the host link sends: a page may send only 1000 and 3000–4999. */
export const CLOSE_CODES = Object.freeze({
  normal: 1000,
  /** RFC 1008 (policy violation) + 3000: the length prefix does not match the message. */
  notOneFrame: 4008,
  /** RFC 1003 (unsupported data) + 3000: a text message. */
  textMessage: 4003,
  /** RFC 1009 (message too big) + 3000: longer than maxFrameBytes. */
  frameTooLong: 4009,
});

/**
 * One open connection to the host. Messages are TPDU … end of message: the link adds and removes its
 * own framing (a 2-byte length on TCP, one binary WebSocket message per frame in the browser).
 */
export interface HostConnection {
  send(message: Uint8Array): void;
  /** Every message the host sends; returns the unsubscribe function. */
  onMessage(listener: (message: Uint8Array) => void): () => void;
  /** Called once when the connection closes for any reason; returns the unsubscribe function. */
  onClose(listener: () => void): () => void;
  close(): Promise<void>;
}

/** How the terminal reaches its host: TCP in Node, WebSocket in the browser. */
export interface HostLink {
  /** Where it connects, for diagnostics (`tcp://127.0.0.1:8583`, `ws://…/iso8583`). */
  readonly endpoint: string;
  /** Opens a connection; rejects after `timeoutMs` (the terminal maps that to TERMINAL_HOST_UNREACHABLE). */
  connect(timeoutMs: number): Promise<HostConnection>;
}

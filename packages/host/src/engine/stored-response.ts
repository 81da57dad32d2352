import { bytesToHex, hexToBytes } from '@payterm/crypto';
import type { PosResponse } from '@payterm/protocol';

/**
 * A response as stored with its transaction, to answer an exact retransmission with the same fields
 * (re-encoded and re-MACed: the bytes are never stored). Byte fields are kept as `{ "hex": "…" }`.
 * Responses hold no PAN, track or PIN data (the host does not echo them), so nothing secret is stored.
 */
export function storeResponse(response: PosResponse): string {
  // A replacer function makes JSON.stringify several times slower: use it only when there are bytes.
  if (!Object.values(response).some((value) => value instanceof Uint8Array)) return JSON.stringify(response);
  return JSON.stringify(response, (_key, value: unknown) =>
    value instanceof Uint8Array ? { hex: bytesToHex(value) } : value,
  );
}

export function restoreResponse(json: string): PosResponse {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && 'hex' in value && Object.keys(value).length === 1) {
      const hex = (value as { hex: unknown }).hex;
      if (typeof hex === 'string') return hexToBytes(hex);
    }
    return value;
  }) as PosResponse;
}

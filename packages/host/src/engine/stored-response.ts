import { bytesToHex, hexToBytes } from '@payterm/crypto';
import type { PosRequestKind, PosResponse } from '@payterm/protocol';
import { hostTimeFields } from '../flows/host-time.js';

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

/** Fields a plain answer may have: all of them are in the transaction's row as well. */
const PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'responseCode',
  'rrn',
  'authCode',
  'localTime',
  'localDate',
]);

/**
 * The response as it is kept with its transaction: null when it can be rebuilt from the row (code, RRN,
 * auth code and the host time of `receivedAt`), which is the case for nearly every answer; else JSON.
 */
export function compactStoredResponse(response: PosResponse, receivedAt: number): string | null {
  const time = hostTimeFields(receivedAt);
  const plain =
    Object.keys(response).every((key) => PLAIN_FIELDS.has(key)) &&
    response.localTime === time.localTime &&
    response.localDate === time.localDate;
  return plain ? null : storeResponse(response);
}

/** What a stored transaction answered, for an exact retransmission. */
export function replayedResponse(
  kind: PosRequestKind,
  stored: {
    readonly responseJson: string | null;
    readonly responseCode: string | null;
    readonly rrn: string | null;
    readonly authCode: string | null;
    readonly receivedAt: number;
  },
): PosResponse {
  if (stored.responseJson !== null) return restoreResponse(stored.responseJson);
  return {
    kind,
    responseCode: stored.responseCode ?? '96',
    ...(stored.rrn === null ? {} : { rrn: stored.rrn }),
    ...(stored.authCode === null ? {} : { authCode: stored.authCode }),
    ...hostTimeFields(stored.receivedAt),
  } as PosResponse;
}

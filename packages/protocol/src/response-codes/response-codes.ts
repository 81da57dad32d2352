import type { ResponseCodeInfo } from './response-code-info.js';
import { RESPONSE_CODES } from './response-code-table.js';

const BY_CODE: ReadonlyMap<string, ResponseCodeInfo> = new Map(
  RESPONSE_CODES.map((info) => [info.code, info]),
);

/** The catalogue entry of a field 39 code, or a generic "交易失败 / Transaction failed" for an unknown one. */
export function responseCodeInfo(code: string): ResponseCodeInfo {
  return (
    BY_CODE.get(code) ?? {
      code,
      en: 'Transaction failed',
      zh: '交易失败',
      actionClass: 'C',
      action: 'do-not-retry',
      resignIn: false,
      approved: false,
      known: false,
    }
  );
}

/** Whether the catalogue holds `code` (the host only emits codes it holds). */
export function isKnownResponseCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The wallet's HTTP API under `/api/wallet` (issue 7's contract): JSON in and out, a session token
 * (`Bearer wt_…`) after sign-in. Answers are checked field by field, so a wrong server reads as an
 * error instead of a half-drawn page; every failure becomes a `WalletApiError` with a stable code.
 */

export interface WalletSession {
  readonly token: string;
  readonly user: string;
  readonly name: string;
  readonly balanceMinor: number;
  readonly currency: string;
}

export type HistoryKind = 'payment' | 'refund' | 'void';

export interface HistoryEntry {
  readonly at: string;
  readonly kind: HistoryKind;
  readonly amountMinor: number;
  readonly merchantName: string;
  readonly voucher: string;
}

export interface WalletAccount {
  readonly user: string;
  readonly name: string;
  readonly balanceMinor: number;
  readonly currency: string;
  readonly history: readonly HistoryEntry[];
}

export interface PayCode {
  readonly code: string;
  readonly expiresAt: string;
  readonly limitMinor: number;
}

export type OrderStatus = 'waiting' | 'paid' | 'closed' | 'expired';

export interface OrderInfo {
  readonly merchantName: string;
  readonly city: string;
  readonly mid: string;
  readonly tid: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly orderRrn: string;
  readonly status: OrderStatus;
}

export interface PayResult {
  readonly voucher: string;
  readonly amountMinor: number;
  readonly balanceMinor: number;
  readonly merchantName: string;
}

/**
 * Codes the page adds to the API's own: no answer at all, an answer that is not the API's, a picture
 * without a QR code in it.
 */
export const NETWORK_ERROR = 'WALLET_NETWORK';
export const BAD_ANSWER = 'WALLET_BAD_ANSWER';
export const NO_QR_FOUND = 'WALLET_NO_QR_FOUND';

export class WalletApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    readonly triesLeft?: number,
  ) {
    super(`${code} (HTTP ${httpStatus})`);
    this.name = 'WalletApiError';
  }
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(body: Json, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new Error(`${key} is not a string`);
  return value;
}

function minor(body: Json, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${key} is not an amount`);
  return value;
}

function oneOf<T extends string>(body: Json, key: string, allowed: readonly T[]): T {
  const value = text(body, key);
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${key} is ${JSON.stringify(value)}`);
  return value as T;
}

function record(value: unknown): Json {
  if (!isRecord(value)) throw new Error('the answer is not a JSON object');
  return value;
}

export function readSession(value: unknown): WalletSession {
  const body = record(value);
  return {
    token: text(body, 'token'),
    user: text(body, 'user'),
    name: text(body, 'name'),
    balanceMinor: minor(body, 'balanceMinor'),
    currency: text(body, 'currency'),
  };
}

function readHistoryEntry(value: unknown): HistoryEntry {
  const body = record(value);
  return {
    at: text(body, 'at'),
    kind: oneOf(body, 'kind', ['payment', 'refund', 'void'] as const),
    amountMinor: minor(body, 'amountMinor'),
    merchantName: text(body, 'merchantName'),
    voucher: text(body, 'voucher'),
  };
}

export function readAccount(value: unknown): WalletAccount {
  const body = record(value);
  const history = body['history'];
  if (!Array.isArray(history)) throw new Error('history is not a list');
  return {
    user: text(body, 'user'),
    name: text(body, 'name'),
    balanceMinor: minor(body, 'balanceMinor'),
    currency: text(body, 'currency'),
    history: history.map(readHistoryEntry),
  };
}

export function readPayCode(value: unknown): PayCode {
  const body = record(value);
  const code = text(body, 'code');
  if (!/^62\d{17}$/.test(code)) throw new Error('code is not a 19-digit code starting 62');
  const expiresAt = text(body, 'expiresAt');
  if (Number.isNaN(Date.parse(expiresAt))) throw new Error('expiresAt is not a time');
  return { code, expiresAt, limitMinor: minor(body, 'limitMinor') };
}

export function readOrderInfo(value: unknown): OrderInfo {
  const body = record(value);
  return {
    merchantName: text(body, 'merchantName'),
    city: text(body, 'city'),
    mid: text(body, 'mid'),
    tid: text(body, 'tid'),
    amountMinor: minor(body, 'amountMinor'),
    currency: text(body, 'currency'),
    orderRrn: text(body, 'orderRrn'),
    status: oneOf(body, 'status', ['waiting', 'paid', 'closed', 'expired'] as const),
  };
}

export function readPayResult(value: unknown): PayResult {
  const body = record(value);
  return {
    voucher: text(body, 'voucher'),
    amountMinor: minor(body, 'amountMinor'),
    balanceMinor: minor(body, 'balanceMinor'),
    merchantName: text(body, 'merchantName'),
  };
}

/** The error of a non-2xx answer: `{error: {code, triesLeft?}}`, or a code naming the HTTP status. */
export function readError(httpStatus: number, value: unknown): WalletApiError {
  const error = isRecord(value) ? value['error'] : undefined;
  if (isRecord(error) && typeof error['code'] === 'string') {
    const triesLeft = error['triesLeft'];
    return new WalletApiError(
      error['code'],
      httpStatus,
      typeof triesLeft === 'number' && Number.isSafeInteger(triesLeft) ? triesLeft : undefined,
    );
  }
  return new WalletApiError(BAD_ANSWER, httpStatus);
}

/** A 401 that is not about the PIN just typed: the session token expired or was never valid. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof WalletApiError && error.httpStatus === 401 && error.code !== 'WALLET_PIN_WRONG';
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  read: (body: unknown) => T,
  options: { token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/wallet${path}`, {
      method,
      headers,
      cache: 'no-store',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new WalletApiError(NETWORK_ERROR, 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw readError(response.status, body);
  try {
    return read(body);
  } catch {
    throw new WalletApiError(BAD_ANSWER, response.status);
  }
}

export function signIn(user: string, pin: string): Promise<WalletSession> {
  return call('POST', '/session', readSession, { body: { user, pin } });
}

export function fetchAccount(token: string, signal?: AbortSignal): Promise<WalletAccount> {
  return call('GET', '/me', readAccount, { token, ...(signal === undefined ? {} : { signal }) });
}

export function newPayCode(token: string): Promise<PayCode> {
  return call('POST', '/pay-code', readPayCode, { token, body: {} });
}

export function inspectOrder(token: string, payload: string): Promise<OrderInfo> {
  return call('POST', '/orders/inspect', readOrderInfo, { token, body: { payload } });
}

export function payOrder(token: string, payload: string, pin: string): Promise<PayResult> {
  return call('POST', '/orders/pay', readPayResult, { token, body: { payload, pin } });
}

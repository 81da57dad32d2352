import { describe, expect, it } from 'vitest';
import {
  BAD_ANSWER,
  isSessionEnded,
  NETWORK_ERROR,
  NO_QR_FOUND,
  readAccount,
  readError,
  readOrderInfo,
  readPayCode,
  readPayResult,
  readSession,
  WalletApiError,
} from '../src/wallet/wallet-api.js';
import { errorMessage } from '../src/wallet/wallet-messages.js';

/** Every error code of the wallet API in issue 7's contract, and the three the page adds. */
const CONTRACT_CODES = [
  'WALLET_PIN_WRONG',
  'WALLET_LOCKED',
  'WALLET_QR_INVALID',
  'WALLET_ORDER_UNKNOWN',
  'WALLET_ORDER_EXPIRED',
  'WALLET_ORDER_CLOSED',
  'WALLET_ORDER_PAID',
  'WALLET_INSUFFICIENT_FUNDS',
  NETWORK_ERROR,
  BAD_ANSWER,
  NO_QR_FOUND,
];

describe('reading the wallet API answers', () => {
  it('reads a session, the account with its history, a pay code, an order and a payment', () => {
    expect(
      readSession({ token: 'wt_x', user: 'alice', name: 'Alice', balanceMinor: 500000, currency: '156' }),
    ).toEqual({ token: 'wt_x', user: 'alice', name: 'Alice', balanceMinor: 500000, currency: '156' });
    const account = readAccount({
      user: 'bob',
      name: 'Bob',
      balanceMinor: 800,
      currency: '156',
      history: [
        {
          at: '2026-11-26T04:00:00.000Z',
          kind: 'payment',
          amountMinor: 1200,
          merchantName: 'Shop',
          voucher: '000000000001',
        },
        {
          at: '2026-11-26T03:00:00.000Z',
          kind: 'refund',
          amountMinor: 100,
          merchantName: 'Shop',
          voucher: '000000000002',
        },
      ],
    });
    expect(account.history.map((entry) => entry.kind)).toEqual(['payment', 'refund']);
    expect(
      readPayCode({ code: '6212345678901234567', expiresAt: '2026-11-26T04:01:00.000Z', limitMinor: 100000 }),
    ).toMatchObject({ code: '6212345678901234567', limitMinor: 100000 });
    expect(
      readOrderInfo({
        merchantName: 'PayTerm Demo',
        city: 'Shanghai',
        mid: '898310058120001',
        tid: '10000001',
        amountMinor: 1234,
        currency: '156',
        orderRrn: '000000000123',
        status: 'waiting',
      }).status,
    ).toBe('waiting');
    expect(
      readPayResult({ voucher: '000000000001', amountMinor: 1234, balanceMinor: 498766, merchantName: 'M' }),
    ).toEqual({ voucher: '000000000001', amountMinor: 1234, balanceMinor: 498766, merchantName: 'M' });
  });

  it('refuses answers with a wrong field instead of drawing half a page', () => {
    expect(() =>
      readSession({ token: 'wt_x', user: 'alice', name: 'A', balanceMinor: 12.5, currency: '156' }),
    ).toThrow(/balanceMinor/);
    expect(() =>
      readAccount({ user: 'a', name: 'A', balanceMinor: 1, currency: '156', history: {} }),
    ).toThrow(/history/);
    expect(() =>
      readAccount({
        user: 'a',
        name: 'A',
        balanceMinor: 1,
        currency: '156',
        history: [{ at: 'x', kind: 'gift', amountMinor: 1, merchantName: 'M', voucher: '1' }],
      }),
    ).toThrow(/kind/);
    expect(() => readPayCode({ code: '1234', expiresAt: '2026-11-26T04:01:00.000Z', limitMinor: 1 })).toThrow(
      /19-digit/,
    );
    expect(() => readPayCode({ code: '6212345678901234567', expiresAt: 'soon', limitMinor: 1 })).toThrow(
      /expiresAt/,
    );
    expect(() => readOrderInfo([])).toThrow(/JSON object/);
  });

  it('reads the error code and the PIN tries left of a refusal', () => {
    const wrongPin = readError(401, { error: { code: 'WALLET_PIN_WRONG', triesLeft: 2 } });
    expect(wrongPin).toBeInstanceOf(WalletApiError);
    expect([wrongPin.code, wrongPin.httpStatus, wrongPin.triesLeft]).toEqual(['WALLET_PIN_WRONG', 401, 2]);
    expect(readError(502, '<html>bad gateway</html>').code).toBe(BAD_ANSWER);
    expect(isSessionEnded(wrongPin)).toBe(false);
    expect(isSessionEnded(readError(401, { error: { code: 'WALLET_SESSION_EXPIRED' } }))).toBe(true);
    expect(isSessionEnded(readError(409, { error: { code: 'WALLET_ORDER_PAID' } }))).toBe(false);
  });
});

describe('error messages', () => {
  it('gives every error code of the contract its own message in Chinese and English', () => {
    const messages = CONTRACT_CODES.map((code) => errorMessage(new WalletApiError(code, 400)));
    for (const message of messages) {
      expect(message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(message.en).toMatch(/^[\x20-\x7e]+$/);
      expect(message.en).not.toMatch(/WALLET_/);
    }
    expect(new Set(messages.map((message) => message.en)).size).toBe(CONTRACT_CODES.length);
    expect(new Set(messages.map((message) => message.zh)).size).toBe(CONTRACT_CODES.length);
  });

  it('says how many PIN tries are left, and that a paid order was not charged again', () => {
    expect(errorMessage(new WalletApiError('WALLET_PIN_WRONG', 401, 1))).toEqual({
      zh: '钱包密码错误，还可以再试 1 次。',
      en: 'Wrong wallet PIN: 1 try left.',
    });
    expect(errorMessage(new WalletApiError('WALLET_PIN_WRONG', 401, 2)).en).toBe(
      'Wrong wallet PIN: 2 tries left.',
    );
    expect(errorMessage(new WalletApiError('WALLET_ORDER_PAID', 409)).en).toContain('not charged again');
  });

  it('names an unknown code and sends an ended session back to sign-in', () => {
    expect(errorMessage(new WalletApiError('API_VALIDATION', 400)).en).toContain('API_VALIDATION');
    expect(errorMessage(new WalletApiError('WALLET_SESSION_EXPIRED', 401)).en).toContain('sign in again');
  });
});

import type { FastifyInstance, InjectOptions } from 'fastify';
import { qrCrc } from '@payterm/emv';
import { SeededRandom } from '@payterm/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { createHttpServer } from '../../src/http/index.js';
import { HostMetrics } from '../../src/metrics/index.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { buildOrderPayload } from '../../src/wallet/order-payload.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

for (const dialect of TEST_DIALECTS) {
  describe(`the wallet's HTTP API [${dialect}]`, () => {
    let host: TcpTestHost;
    let app: FastifyInstance;
    let terminal: TestTerminal;
    let token = '';

    const balance = () => host.runtime.wallet.balanceOf('alice');
    /** A request with the session token, another bearer, or none (null). */
    const call = (options: InjectOptions, bearer: string | null = token) =>
      app.inject({
        ...options,
        headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
      });
    const pay = (payload: string, pin = '111111') =>
      call({ method: 'POST', url: '/api/wallet/orders/pay', payload: { payload, pin } });
    const inspect = (payload: string) =>
      call({ method: 'POST', url: '/api/wallet/orders/inspect', payload: { payload } });
    const codeOf = (response: { json(): unknown }) =>
      (response.json() as { error: { code: string } }).error.code;

    async function order(amountMinor: number): Promise<{ rrn: string; payload: string }> {
      const exchange = await terminal.qrOrder(amountMinor);
      expect(exchange.response.responseCode).toBe('00');
      return { rrn: exchange.response.rrn ?? '', payload: exchange.response.mpmPayload ?? '' };
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      const runtime = host.runtime;
      app = await createHttpServer({
        repositories: runtime.repositories,
        hsm: runtime.hsm,
        directory: runtime.directory,
        health: () => Promise.resolve({ healthy: true }),
        metrics: new HostMetrics({ defaultMetrics: false }),
        clock: host.clock,
        random: new SeededRandom(5),
        logger: false,
        version: '0.1.0-test',
        wallet: runtime.walletActions,
      });
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await app.close();
      await host.cleanup();
    });

    it('signs alice in with her wallet PIN: a wt_ session token, her balance in CNY', async () => {
      const response = await call(
        { method: 'POST', url: '/api/wallet/session', payload: { user: 'alice', pin: '111111' } },
        null,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<{ token: string }>();
      expect(body).toEqual({
        token: expect.stringMatching(/^wt_[0-9a-f]{40}$/),
        user: 'alice',
        name: 'Alice',
        balanceMinor: 5_000_00,
        overdraftMinor: 0,
        currency: 'CNY',
      });
      token = body.token;
    });

    it('says how many tries a wrong PIN leaves and locks the user at the third (423), right PIN or not', async () => {
      const signIn = (user: string, pin: string) =>
        call({ method: 'POST', url: '/api/wallet/session', payload: { user, pin } }, null);
      const first = await signIn('bob', '000000');
      expect(first.statusCode).toBe(401);
      expect(first.json()).toEqual({
        error: { code: 'WALLET_PIN_WRONG', message: expect.any(String), triesLeft: 2 },
      });
      expect((await signIn('bob', '000001')).json()).toMatchObject({ error: { triesLeft: 1 } });
      const third = await signIn('bob', '000002');
      expect(third.statusCode).toBe(423);
      expect(codeOf(third)).toBe('WALLET_LOCKED');
      const right = await signIn('bob', '222222');
      expect(right.statusCode).toBe(423);
      // An unknown user reads like a wrong PIN, without tries.
      const nobody = await signIn('mallory', '111111');
      expect(nobody.statusCode).toBe(401);
      expect(nobody.json()).toEqual({ error: { code: 'WALLET_PIN_WRONG', message: expect.any(String) } });
      expect(host.runtime.wallet.balanceOf('bob')).toBe(20_00);
    });

    it('refuses the session routes without a valid wallet token (401 WALLET_SESSION_INVALID)', async () => {
      for (const bearer of [null, 'wt_0000', 'pt_notawallettoken']) {
        const response = await call({ method: 'GET', url: '/api/wallet/me' }, bearer);
        expect(response.statusCode).toBe(401);
        expect(codeOf(response)).toBe('WALLET_SESSION_INVALID');
      }
    });

    it('issues a pay code the terminal charges once; the payment shows in the history', async () => {
      const before = balance();
      const response = await call({ method: 'POST', url: '/api/wallet/pay-code', payload: {} });
      expect(response.statusCode).toBe(200);
      const code = response.json<{ code: string; expiresAt: string; limitMinor: number }>();
      expect(code).toEqual({
        code: expect.stringMatching(/^62\d{17}$/),
        expiresAt: new Date(host.clock.nowMs() + 60_000).toISOString(),
        limitMinor: 1_000_00,
      });
      const sale = await terminal.qrSale(code.code, 66_00);
      expect(sale.response.responseCode).toBe('00');
      expect((await terminal.qrSale(code.code, 1_00)).response.responseCode).toBe('14');
      expect(balance()).toBe(before - 66_00);
      const me = await call({ method: 'GET', url: '/api/wallet/me' });
      expect(me.json()).toMatchObject({
        user: 'alice',
        balanceMinor: before - 66_00,
        history: [
          {
            at: new Date(host.clock.nowMs()).toISOString(),
            kind: 'payment',
            amountMinor: 66_00,
            merchantName: DEMO.merchantName,
            voucher: sale.response.voucher,
          },
        ],
      });
      // An expired code: 54 at the terminal, nothing moves.
      const late = (await call({ method: 'POST', url: '/api/wallet/pay-code', payload: {} })).json<{
        code: string;
      }>();
      host.clock.advance(60_000);
      expect((await terminal.qrSale(late.code, 1_00)).response.responseCode).toBe('54');
      expect(balance()).toBe(before - 66_00);
    });

    it('inspects a scanned order and pays it once with the PIN; the terminal then sees it paid', async () => {
      const { rrn, payload } = await order(88_88);
      const seen = await inspect(payload);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toEqual({
        merchantName: DEMO.merchantName,
        city: DEMO.city,
        mid: DEMO.mid,
        tid: DEMO.tids[0],
        amountMinor: 88_88,
        currency: 'CNY',
        orderRrn: rrn,
        status: 'waiting',
      });
      const before = balance();
      const wrong = await pay(payload, '999999');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ error: { code: 'WALLET_PIN_WRONG', triesLeft: 2 } });
      expect(balance()).toBe(before);

      const paid = await pay(payload);
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toEqual({
        voucher: expect.stringMatching(/^\d{12}$/),
        amountMinor: 88_88,
        balanceMinor: before - 88_88,
        merchantName: DEMO.merchantName,
      });
      expect((await terminal.qrOrderStatus(rrn)).response.responseCode).toBe('00');
      expect((await inspect(payload)).json()).toMatchObject({ status: 'paid' });

      const again = await pay(payload);
      expect(again.statusCode).toBe(409);
      expect(codeOf(again)).toBe('WALLET_ORDER_PAID');
      expect(balance()).toBe(before - 88_88);
      // The merchant refunds it by its voucher.
      const voucher = paid.json<{ voucher: string }>().voucher;
      expect((await terminal.qrRefund(voucher, 88_88)).response.responseCode).toBe('00');
      expect(balance()).toBe(before);
      const { history } = (await call({ method: 'GET', url: '/api/wallet/me' })).json<{
        history: unknown[];
      }>();
      expect(history.slice(0, 2)).toMatchObject([
        { kind: 'refund', amountMinor: 88_88, voucher },
        { kind: 'payment', amountMinor: 88_88, voucher },
      ]);
    });

    it('refuses a tampered CRC or amount (400), an unknown order (404), garbage (400) — nothing moves', async () => {
      const { rrn, payload } = await order(12_00);
      const before = balance();
      const last = payload.at(-1) === '0' ? '1' : '0';
      const badCrc = payload.slice(0, -1) + last;
      const body = payload.slice(0, -4).replace('540512.00', '540501.00');
      expect(body).not.toBe(payload.slice(0, -4));
      const cheaper = body + qrCrc(body);
      const unknown = buildOrderPayload({
        mid: DEMO.mid,
        tid: DEMO.tids[0],
        mcc: DEMO.mcc,
        merchantName: DEMO.merchantName,
        city: DEMO.city,
        amountMinor: 12_00,
        currency: '156',
        orderRrn: '999999999999',
      });
      for (const [text, status, code] of [
        [badCrc, 400, 'WALLET_QR_INVALID'],
        [cheaper, 400, 'WALLET_QR_INVALID'],
        ['hello', 400, 'WALLET_QR_INVALID'],
        [unknown, 404, 'WALLET_ORDER_UNKNOWN'],
      ] as const) {
        const inspected = await inspect(text);
        expect([inspected.statusCode, codeOf(inspected)]).toEqual([status, code]);
        const paid = await pay(text);
        expect([paid.statusCode, codeOf(paid)]).toEqual([status, code]);
      }
      expect(balance()).toBe(before);
      expect((await terminal.qrOrderStatus(rrn)).response.responseCode).toBe('09');
    });

    it('refuses an order over the balance (402), a closed one and an expired one (409) — nothing moves', async () => {
      const before = balance();
      const big = await order(before + 1);
      const short = await pay(big.payload);
      expect([short.statusCode, codeOf(short)]).toEqual([402, 'WALLET_INSUFFICIENT_FUNDS']);

      const closed = await order(3_00);
      expect((await terminal.qrOrderClose(closed.rrn)).response.responseCode).toBe('00');
      const paidClosed = await pay(closed.payload);
      expect([paidClosed.statusCode, codeOf(paidClosed)]).toEqual([409, 'WALLET_ORDER_CLOSED']);

      const late = await order(4_00);
      host.clock.advance(5 * 60_000);
      expect((await inspect(late.payload)).json()).toMatchObject({ status: 'expired' });
      const paidLate = await pay(late.payload);
      expect([paidLate.statusCode, codeOf(paidLate)]).toEqual([409, 'WALLET_ORDER_EXPIRED']);
      expect(balance()).toBe(before);
      expect((await terminal.qrOrderStatus(late.rrn)).response.responseCode).toBe('54');
    });

    it('locks the wallet at the third wrong PIN of a payment: the right PIN then pays nothing (423)', async () => {
      const { payload } = await order(5_00);
      const before = balance();
      // The right PIN of the payment above reset the count of the wrong one before it.
      expect((await pay(payload, '000000')).json()).toMatchObject({ error: { triesLeft: 2 } });
      expect((await pay(payload, '000000')).json()).toMatchObject({ error: { triesLeft: 1 } });
      const locked = await pay(payload, '000001');
      expect([locked.statusCode, codeOf(locked)]).toEqual([423, 'WALLET_LOCKED']);
      const right = await pay(payload);
      expect([right.statusCode, codeOf(right)]).toEqual([423, 'WALLET_LOCKED']);
      expect(balance()).toBe(before);
    });

    it('ends a session after 30 minutes', async () => {
      host.clock.advance(30 * 60_000);
      const response = await call({ method: 'GET', url: '/api/wallet/me' });
      expect([response.statusCode, codeOf(response)]).toEqual([401, 'WALLET_SESSION_INVALID']);
    });
  });
}

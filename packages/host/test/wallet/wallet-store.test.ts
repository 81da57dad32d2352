import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { WriteBatch } from '../../src/storage/commit/write-batch.js';
import type { Payee } from '../../src/wallet/wallet-records.js';
import { PAY_CODE_TTL_MS, WALLET_SESSION_TTL_MS } from '../../src/wallet/wallet.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

const DAY_MS = 86_400_000;

function payee(rrn: string): Payee {
  return { tid: DEMO.tids[0], mid: DEMO.mid, batchNo: '000001', merchantName: DEMO.merchantName, rrn };
}

for (const dialect of TEST_DIALECTS) {
  describe(`the QR wallet's store [${dialect}]`, () => {
    let host: TestRuntime;

    /** Runs a wallet operation and commits what it changed, as the flows do. */
    async function committed<T>(operation: (changes: WriteBatch) => T | Promise<T>): Promise<T> {
      const changes = new WriteBatch();
      const result = await operation(changes);
      await host.runtime.commits.submit(changes);
      return result;
    }

    beforeAll(async () => {
      host = await openTestRuntime(dialect);
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('seeds alice and bob of test-cards.md with hashed PINs and their opening balances', async () => {
      const wallet = host.runtime.wallet;
      expect(wallet.user('alice')).toMatchObject({ name: 'Alice', currency: '156', balanceMinor: 5_000_00 });
      expect(wallet.user('bob')).toMatchObject({ balanceMinor: 20_00 });
      const { users } = await host.runtime.repositories.wallet.loadAll();
      expect(users.map((user) => user.userId)).toEqual(['alice', 'bob']);
      for (const user of users) {
        expect(user.pinHash).toMatch(/^scrypt\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
        expect(user.pinHash).not.toContain('111111');
      }
      expect(wallet.history('alice')).toEqual([]);
    });

    it('locks a user for the day at the third wrong PIN; a right PIN before that resets the count', async () => {
      const wallet = host.runtime.wallet;
      expect(await committed((c) => wallet.checkPin('bob', '000000', c))).toEqual({
        ok: false,
        code: 'WALLET_PIN_WRONG',
        triesLeft: 2,
      });
      expect(await committed((c) => wallet.checkPin('bob', '222222', c))).toEqual({ ok: true });
      expect(await committed((c) => wallet.checkPin('bob', '000001', c))).toMatchObject({ triesLeft: 2 });
      expect(await committed((c) => wallet.checkPin('bob', '000002', c))).toMatchObject({ triesLeft: 1 });
      expect(await committed((c) => wallet.checkPin('bob', '000003', c))).toEqual({
        ok: false,
        code: 'WALLET_LOCKED',
      });
      // Locked: even the right PIN is refused, and after a restart too (the count is stored).
      expect(await committed((c) => wallet.checkPin('bob', '222222', c))).toMatchObject({
        code: 'WALLET_LOCKED',
      });
      await host.restart();
      expect(await committed((c) => host.runtime.wallet.checkPin('bob', '222222', c))).toMatchObject({
        code: 'WALLET_LOCKED',
      });
      expect(await committed((c) => host.runtime.wallet.checkPin('nobody', '222222', c))).toEqual({
        ok: false,
        code: 'WALLET_USER_UNKNOWN',
      });
      host.clock.advance(DAY_MS);
      expect(await committed((c) => host.runtime.wallet.checkPin('bob', '222222', c))).toEqual({ ok: true });
    });

    it('issues one-time 19-digit codes starting 62, valid 60 s, limited to min(balance, 1,000.00)', async () => {
      const wallet = host.runtime.wallet;
      const first = await committed((c) => wallet.issueCode('alice', c));
      expect(first.code).toMatch(/^62\d{17}$/);
      expect(first.limitMinor).toBe(1_000_00);
      expect(first.expiresAt).toBe(host.clock.nowMs() + PAY_CODE_TTL_MS);
      expect((await committed((c) => wallet.issueCode('bob', c))).limitMinor).toBe(20_00);

      // A new code cancels the unused one.
      const second = await committed((c) => wallet.issueCode('alice', c));
      expect(second.code).not.toBe(first.code);
      const charge = (code: string, amountMinor: number, rrn: string) =>
        committed((c) =>
          wallet.chargeCode(
            { code, amountMinor, currency: '156', payee: payee(rrn), transactionId: `t-${rrn}` },
            c,
          ),
        );
      expect(await charge(first.code, 1_00, '330000000901')).toMatchObject({ ok: false, responseCode: '14' });
      expect(await charge(second.code, 1_000_01, '330000000902')).toMatchObject({
        ok: false,
        responseCode: '61',
      });
      const paid = await charge(second.code, 12_34, '330000000903');
      expect(paid).toMatchObject({ ok: true, payment: { amountMinor: 12_34, status: 'approved' } });
      expect(paid.ok && paid.payment.voucher).toMatch(/^\d{12}$/);
      expect(wallet.balanceOf('alice')).toBe(5_000_00 - 12_34);
      // Single use: the same code again is `14` and moves nothing.
      expect(await charge(second.code, 1_00, '330000000904')).toMatchObject({
        ok: false,
        responseCode: '14',
      });
      expect(wallet.balanceOf('alice')).toBe(5_000_00 - 12_34);

      const late = await committed((c) => wallet.issueCode('alice', c));
      host.clock.advance(PAY_CODE_TTL_MS);
      expect(await charge(late.code, 1_00, '330000000905')).toMatchObject({ ok: false, responseCode: '54' });
      expect(await charge('6212345678901234567', 1_00, '330000000906')).toMatchObject({
        ok: false,
        responseCode: '14',
      });
      expect(wallet.balanceOf('alice')).toBe(5_000_00 - 12_34);
      expect(wallet.history('alice')).toEqual([
        expect.objectContaining({ kind: 'payment', amountMinor: 12_34, merchantName: DEMO.merchantName }),
      ]);
    });

    it('declines a code whose user spent the balance since it was issued 51', async () => {
      const wallet = host.runtime.wallet;
      const code = await committed((c) => wallet.issueCode('bob', c));
      const order = await committed((c) =>
        wallet.createOrder(
          {
            orderRrn: '330000000950',
            transactionId: 't-order-950',
            tid: DEMO.tids[0],
            mid: DEMO.mid,
            batchNo: '000001',
            stan: '000950',
            amountMinor: 15_00,
            currency: '156',
          },
          c,
        ),
      );
      const paid = await committed((c) => wallet.payOrder('bob', order.orderRrn, payee(order.orderRrn), c));
      expect(paid).toMatchObject({ ok: true, balanceMinor: 5_00 });
      const declined = await committed((c) =>
        wallet.chargeCode(
          { code: code.code, amountMinor: 10_00, currency: '156', payee: payee('1'), transactionId: 't-x' },
          c,
        ),
      );
      expect(declined).toMatchObject({ ok: false, responseCode: '51' });
      expect(wallet.balanceOf('bob')).toBe(5_00);
    });

    it('keeps balances, payments and codes across a restart: the ledger is the balance', async () => {
      const before = {
        alice: host.runtime.wallet.balanceOf('alice'),
        bob: host.runtime.wallet.balanceOf('bob'),
      };
      await host.restart();
      const wallet = host.runtime.wallet;
      expect({ alice: wallet.balanceOf('alice'), bob: wallet.balanceOf('bob') }).toEqual(before);
      const { movements } = await host.runtime.repositories.wallet.loadAll();
      const sum = (user: string) =>
        movements.filter((m) => m.userId === user).reduce((total, m) => total + m.balanceDeltaMinor, 0);
      expect(sum('alice')).toBe(before.alice);
      expect(sum('bob')).toBe(before.bob);
      expect(wallet.order('330000000950')).toMatchObject({ status: 'paid' });
    });

    it('opens 30-minute sessions whose token is stored only as a hash', async () => {
      const wallet = host.runtime.wallet;
      const session = await committed((c) => wallet.openSession('alice', c));
      expect(session.token).toMatch(/^wt_[0-9a-f]{40}$/);
      expect(wallet.sessionUser(session.token)).toBe('alice');
      expect(wallet.sessionUser(`${session.token}0`)).toBeUndefined();
      const { sessions } = await host.runtime.repositories.wallet.loadAll();
      expect(sessions.some((row) => row.tokenHash === session.token)).toBe(false);
      expect(sessions).toHaveLength(1);
      await host.restart();
      expect(host.runtime.wallet.sessionUser(session.token)).toBe('alice');
      host.clock.advance(WALLET_SESSION_TTL_MS);
      expect(host.runtime.wallet.sessionUser(session.token)).toBeUndefined();
    });
  });
}

import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../../src/storage/commit/write-batch.js';
import { Wallet } from '../../src/wallet/wallet.js';

const EMPTY = { users: [], movements: [], payments: [], codes: [], sessions: [], orders: [] };
const PAYEE = { tid: '10000001', mid: '898310058120001', batchNo: '000001', merchantName: 'Shop', rrn: '1' };

/** A wallet with alice (CNY 100.00) and a waiting order of CNY 30.00, all committed. */
function walletWithOrder(): Wallet {
  const clock = new SimulatedClock(Date.UTC(2026, 10, 26));
  const wallet = new Wallet({ clock, random: new SeededRandom(3), rows: EMPTY });
  const setup = new WriteBatch();
  wallet.addUser(
    {
      userId: 'alice',
      name: 'Alice',
      pinHash: 'unused',
      currency: '156',
      pinFailures: 0,
      pinFailureDay: null,
      createdAt: clock.nowMs(),
    },
    100_00,
    setup,
  );
  wallet.createOrder(
    {
      orderRrn: '330000000001',
      transactionId: 't-order',
      tid: PAYEE.tid,
      mid: PAYEE.mid,
      batchNo: PAYEE.batchNo,
      stan: '000001',
      amountMinor: 30_00,
      currency: '156',
    },
    setup,
  );
  wallet.committed(setup);
  return wallet;
}

/** Pays the order in one batch and voids that payment in a second one, built on the first. */
function payThenVoid(wallet: Wallet): { paid: WriteBatch; voided: WriteBatch; voucher: string } {
  const paid = new WriteBatch();
  const payment = wallet.payOrder('alice', '330000000001', PAYEE, paid);
  if (!payment.ok) throw new Error('the order was not paid');
  const voided = new WriteBatch();
  const voucher = payment.payment.voucher;
  const outcome = wallet.voidPayment(
    { voucher, amountMinor: 30_00, tid: PAYEE.tid, batchNo: PAYEE.batchNo, transactionId: 't-void' },
    voided,
  );
  expect(outcome.ok).toBe(true);
  expect(wallet.balanceOf('alice')).toBe(100_00);
  return { paid, voided, voucher };
}

describe('the wallet taking back changes whose commit failed', () => {
  it('puts everything back, in whichever order the two failed batches are rolled back', () => {
    for (const order of ['paid first', 'voided first'] as const) {
      const wallet = walletWithOrder();
      const { paid, voided, voucher } = payThenVoid(wallet);
      const batches = order === 'paid first' ? [paid, voided] : [voided, paid];
      for (const batch of batches) wallet.rollBack(batch);
      expect(wallet.balanceOf('alice')).toBe(100_00);
      expect(wallet.history('alice')).toEqual([]);
      expect(wallet.payment(voucher)).toBeUndefined();
      expect(wallet.paymentOfTransaction('t-order')).toBeUndefined();
      expect(wallet.order('330000000001')).toMatchObject({ status: 'waiting', voucher: null });
      expect(wallet.uncommittedChanges).toBe(0);
    }
  });

  it('keeps a committed payment when only the void built on it fails', () => {
    const wallet = walletWithOrder();
    const { paid, voided, voucher } = payThenVoid(wallet);
    wallet.committed(paid);
    wallet.rollBack(voided);
    expect(wallet.balanceOf('alice')).toBe(70_00);
    expect(wallet.payment(voucher)).toMatchObject({ status: 'approved', refundedMinor: 0 });
    expect(wallet.history('alice').map((item) => item.kind)).toEqual(['payment']);
    expect(wallet.uncommittedChanges).toBe(0);
  });

  it('leaves a payment approved when its void and the reversal of that void both fail, rolled back in order', () => {
    const wallet = walletWithOrder();
    const { paid, voided, voucher } = payThenVoid(wallet);
    wallet.committed(paid);
    const reversed = new WriteBatch();
    expect(wallet.reverse('t-void', reversed)).toMatchObject({ approved: true, changed: true });
    expect(wallet.payment(voucher)?.status).toBe('approved');
    // The queue rejects them in the order they were submitted: the void first.
    wallet.rollBack(voided);
    wallet.rollBack(reversed);
    expect(wallet.payment(voucher)?.status).toBe('approved');
    expect(wallet.balanceOf('alice')).toBe(70_00);
    expect(wallet.history('alice').map((item) => item.kind)).toEqual(['payment']);
    expect(wallet.uncommittedChanges).toBe(0);
  });

  it('gives a cancelled pay code back its place when the new code is not committed', () => {
    const wallet = walletWithOrder();
    const first = new WriteBatch();
    const old = wallet.issueCode('alice', first);
    wallet.committed(first);
    const second = new WriteBatch();
    wallet.issueCode('alice', second);
    wallet.rollBack(second);
    const charge = new WriteBatch();
    const outcome = wallet.chargeCode(
      { code: old.code, amountMinor: 1_00, currency: '156', payee: PAYEE, transactionId: 't-sale' },
      charge,
    );
    expect(outcome.ok).toBe(true);
  });
});

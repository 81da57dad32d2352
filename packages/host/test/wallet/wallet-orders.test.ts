import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../../src/storage/commit/write-batch.js';
import { minorOfMpmAmount, mpmAmount, readOrderPayload } from '../../src/wallet/order-payload.js';
import { DEFAULT_QR_ORDER_TTL_MS, Wallet } from '../../src/wallet/wallet.js';

const EMPTY = { users: [], movements: [], payments: [], codes: [], sessions: [], orders: [] };

function order(wallet: Wallet, changes: WriteBatch) {
  return wallet.createOrder(
    {
      orderRrn: '330000000001',
      transactionId: 't-1',
      tid: '10000001',
      mid: '898310058120001',
      batchNo: '000001',
      stan: '000001',
      amountMinor: 1_00,
      currency: '156',
    },
    changes,
  );
}

describe('QR orders in the wallet', () => {
  it('expire after the configured time (5 minutes by default)', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 26));
    expect(new Wallet({ clock, random: new SeededRandom(1), rows: EMPTY }).orderTtlMs).toBe(
      DEFAULT_QR_ORDER_TTL_MS,
    );
    const wallet = new Wallet({ clock, random: new SeededRandom(1), rows: EMPTY, orderTtlMs: 60_000 });
    const changes = new WriteBatch();
    const created = order(wallet, changes);
    expect(created.expiresAt).toBe(clock.nowMs() + 60_000);
    expect(wallet.orderState(created)).toBe('waiting');
    clock.advance(59_999);
    expect(wallet.orderState(created)).toBe('waiting');
    clock.advance(1);
    expect(wallet.orderState(created)).toBe('expired');
    // The order is written whole, for the same commit as its 710000 transaction.
    expect(changes.changes).toEqual([
      {
        type: 'put-wallet-row',
        wallet: { table: 'qrOrders', row: expect.objectContaining({ status: 'waiting' }) },
      },
    ]);
  });

  it('are closed only while unpaid', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 26));
    const wallet = new Wallet({ clock, random: new SeededRandom(1), rows: EMPTY });
    const changes = new WriteBatch();
    order(wallet, changes);
    expect(wallet.closeOrder('330000000001', changes)).toBe(true);
    expect(wallet.order('330000000001')?.status).toBe('closed');
    expect(wallet.closeOrder('330000000002', changes)).toBe(false);
  });
});

describe('MPM amounts and payloads', () => {
  it('writes and reads amounts in integer minor units, never floats', () => {
    expect(mpmAmount(12_34)).toBe('12.34');
    expect(mpmAmount(5)).toBe('0.05');
    expect(mpmAmount(1_000_000_00)).toBe('1000000.00');
    expect(minorOfMpmAmount('12.34')).toBe(12_34);
    expect(minorOfMpmAmount('12.3')).toBe(12_30);
    expect(minorOfMpmAmount('12')).toBe(12_00);
    for (const bad of ['', '1.234', '-1.00', '1,00', '.5', '1e3'])
      expect(minorOfMpmAmount(bad)).toBeUndefined();
  });

  it('reads no order off a payload that is not PayTerm’s', () => {
    // EMVCo's own sample-style payload without our template 26.
    expect(
      readOrderPayload(
        '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A',
      ),
    ).toBeUndefined();
    expect(readOrderPayload('not a qr')).toBeUndefined();
  });
});

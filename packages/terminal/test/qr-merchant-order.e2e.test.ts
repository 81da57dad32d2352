/** Merchant-presented QR orders (710000 / 730000 / 720000) against the real host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QrOrder } from '../src/engine/qr-transactions.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';

describe('merchant-presented QR orders against the real host', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  function order(amountMinor: number): Promise<QrOrder> {
    return rig.terminal.qrOrder(amountMinor);
  }

  it('sends 0200/710000 with the amount and no card', async () => {
    const placed = await order(1_234);
    const request = rig.faults.requests({ mti: '0200', processingCode: '710000' }).at(-1);
    expect(request?.fields[4]).toBe('000000001234');
    expect(request?.fields[2]).toBeUndefined();
    expect(placed.amountMinor).toBe(1_234);
    expect((await rig.terminal.qrOrderClose(placed.orderRrn)).status).toBe('closed');
  });

  it('shows the dynamic MPM payload, answers waiting, closes on request', async () => {
    const placed = await order(1_234);
    expect(placed.orderRrn).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(placed.payload.startsWith('000201010212')).toBe(true);
    expect(placed.payload).toContain('5303156');
    expect(placed.payload).toContain('540512.34');
    expect(placed.payload).toContain('com.payterm.pay');
    expect(Date.parse(placed.expiresAt)).toBeGreaterThan(rig.clock.nowMs());
    const waiting = await rig.terminal.qrOrderStatus(placed.orderRrn);
    expect(waiting).toMatchObject({ status: 'waiting', responseCode: '09' });
    const closed = await rig.terminal.qrOrderClose(placed.orderRrn);
    expect(closed).toMatchObject({ status: 'closed', responseCode: '00' });
    const after = await rig.terminal.qrOrderStatus(placed.orderRrn);
    expect(after).toMatchObject({ status: 'closed', responseCode: '12' });
    expect(rig.terminal.query({}).some((record) => record.orderRrn === placed.orderRrn)).toBe(false);
  });

  it('closes the order when the operator cancels the wait', async () => {
    const placed = await order(500);
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await rig.terminal.qrWaitForPayment(placed.orderRrn, {
      pollMs: 1,
      signal: controller.signal,
      sleep: () => {
        controller.abort();
        return Promise.resolve();
      },
      onStatus: (status) => seen.push(status.status),
    });
    expect(seen).toEqual(['waiting']);
    expect(result).toMatchObject({ status: 'closed', responseCode: '00' });
    expect(rig.faults.requests({ processingCode: '720000' }).length).toBeGreaterThan(0);
  });

  it('gives up and closes the order after the wait times out', async () => {
    const placed = await order(600);
    const result = await rig.terminal.qrWaitForPayment(placed.orderRrn, {
      pollMs: 1_000,
      timeoutMs: 3_000,
      sleep: (ms) => {
        rig.clock.advance(ms);
        return Promise.resolve();
      },
    });
    expect(result.status).toBe('closed');
  });
});

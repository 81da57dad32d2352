import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/database.js';
import {
  createMerchant,
  createTerminal,
  openHttpFixture,
  START_MS,
  uniqueTid,
  type HttpFixture,
} from './http-fixture.js';

describeEachDatabase('HTTP API: batches, settlements, audit log', (getDatabase) => {
  let fixture: HttpFixture;
  let tid: string;
  let mid: string;

  beforeAll(async () => {
    fixture = await openHttpFixture(getDatabase());
    mid = await createMerchant(fixture);
    tid = await createTerminal(fixture, mid);
    const base = {
      tid,
      mid,
      batchNo: '000001',
      mti: '0200',
      processingCode: '000000',
      currency: '156',
      panEncrypted: 'ENC:x',
      panMasked: '622202******0001',
      panHash: 'e5'.repeat(32),
      entryMode: '051',
      rrn: null,
      authCode: null,
      responseCode: '00',
      status: 'approved',
      originalId: null,
      refundedMinor: 0,
      requestDigest: 'f6'.repeat(32),
      responseJson: null,
      localDate: null,
      localTime: null,
      hostDate: '20261126',
      declineRule: null,
      createdAt: START_MS,
    } as const;
    await fixture.repositories.transactions.insert({
      ...base,
      id: `${tid}-a`,
      stan: '000001',
      kind: 'sale',
      amountMinor: 10_000,
      cardScope: 'domestic',
    });
    await fixture.repositories.transactions.insert({
      ...base,
      id: `${tid}-b`,
      stan: '000002',
      kind: 'sale',
      amountMinor: 2_500,
      cardScope: 'foreign',
    });
    await fixture.repositories.transactions.insert({
      ...base,
      id: `${tid}-c`,
      stan: '000003',
      kind: 'refund',
      amountMinor: 1_000,
      cardScope: 'domestic',
    });
    await fixture.repositories.settlements.insert({
      id: `${tid}-s1`,
      tid,
      batchNo: '000001',
      operator: '01',
      terminalTotalsJson: JSON.stringify({ domestic: { result: '1' } }),
      hostTotalsJson: JSON.stringify({ domestic: { debitCount: 1 } }),
      domesticResult: '1',
      foreignResult: '1',
      createdAt: START_MS + 1000,
    });
    await fixture.repositories.batches.settle(tid, '000001', {
      settledAt: START_MS + 1000,
      settlementResult: '1',
    });
  });
  afterAll(() => fixture.close());

  it('lists a terminal’s batches and shows one with gross totals and its settlements', async () => {
    const list = await fixture.call({ method: 'GET', url: `/api/terminals/${tid}/batches` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      items: [
        {
          tid,
          batchNo: '000001',
          status: 'settled',
          openedAt: new Date(START_MS).toISOString(),
          settledAt: new Date(START_MS + 1000).toISOString(),
          settlementResult: '1',
        },
      ],
    });
    const detail = await fixture.call({ method: 'GET', url: `/api/terminals/${tid}/batches/000001` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      batchNo: '000001',
      totals: {
        domestic: {
          debitCount: 1,
          debitAmount: { amountMinor: 10_000, currency: 'CNY' },
          creditCount: 1,
          creditAmount: { amountMinor: 1_000, currency: 'CNY' },
        },
        foreign: {
          debitCount: 1,
          debitAmount: { amountMinor: 2_500, currency: 'CNY' },
          creditCount: 0,
          creditAmount: { amountMinor: 0, currency: 'CNY' },
        },
      },
      settlements: [{ id: `${tid}-s1`, domesticResult: '1' }],
    });
    expect(detail.body).not.toContain('ENC:x');
  });

  it('answers 404 for unknown terminals and batches, 400 for malformed numbers', async () => {
    expect(
      (await fixture.call({ method: 'GET', url: `/api/terminals/${uniqueTid()}/batches` })).statusCode,
    ).toBe(404);
    expect(
      (await fixture.call({ method: 'GET', url: `/api/terminals/${tid}/batches/000009` })).statusCode,
    ).toBe(404);
    expect((await fixture.call({ method: 'GET', url: `/api/terminals/${tid}/batches/9` })).statusCode).toBe(
      400,
    );
  });

  it('lists and shows settlements with their totals as JSON', async () => {
    const list = await fixture.call({ method: 'GET', url: `/api/settlements?tid=${tid}` });
    expect(list.statusCode).toBe(200);
    const expected = {
      id: `${tid}-s1`,
      tid,
      batchNo: '000001',
      operator: '01',
      domesticResult: '1',
      foreignResult: '1',
      terminalTotals: { domestic: { result: '1' } },
      hostTotals: { domestic: { debitCount: 1 } },
      createdAt: new Date(START_MS + 1000).toISOString(),
    };
    expect(list.json()).toEqual({ items: [expected] });
    const one = await fixture.call({ method: 'GET', url: `/api/settlements/${tid}-s1` });
    expect(one.json()).toEqual(expected);
    expect((await fixture.call({ method: 'GET', url: '/api/settlements/none' })).statusCode).toBe(404);
    expect((await fixture.call({ method: 'GET', url: '/api/settlements' })).statusCode).toBe(400);
  });

  it('shows the audit log of API changes, oldest first, with paging and filters', async () => {
    const response = await fixture.call({ method: 'GET', url: `/api/audit?subject=${tid}` });
    expect(response.statusCode).toBe(200);
    const items = response.json<{
      items: { id: number; action: string; actor: string; details: unknown; at: string }[];
    }>().items;
    expect(items).toEqual([
      {
        id: expect.any(Number) as number,
        at: new Date(START_MS).toISOString(),
        actor: expect.stringMatching(/^api:tester-/) as string,
        action: 'terminal-create',
        subject: tid,
        details: { mid },
      },
    ]);
    const first = await fixture.call({ method: 'GET', url: '/api/audit?limit=1' });
    const [oldest] = first.json<{ items: { id: number }[] }>().items;
    const next = await fixture.call({ method: 'GET', url: `/api/audit?limit=5&afterId=${oldest!.id}` });
    expect(next.json<{ items: { id: number }[] }>().items.every((item) => item.id > oldest!.id)).toBe(true);
    expect((await fixture.call({ method: 'GET', url: '/api/audit?limit=5000' })).statusCode).toBe(400);
  });
});

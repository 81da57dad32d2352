import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewTransaction } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import {
  createMerchant,
  createTerminal,
  openHttpFixture,
  START_MS,
  type HttpFixture,
} from './http-fixture.js';

const HOUR_MS = 3_600_000;
const PAN_HASH = 'c3'.repeat(32);

function transaction(
  tid: string,
  mid: string,
  index: number,
  overrides: Partial<NewTransaction> = {},
): NewTransaction {
  const stan = String(index).padStart(6, '0');
  return {
    id: `${tid}-${stan}`,
    tid,
    mid,
    batchNo: '000001',
    stan,
    kind: 'sale',
    mti: '0200',
    processingCode: '000000',
    amountMinor: 1_000 * index,
    currency: '156',
    panEncrypted: `ENC:SECRET-${stan}`,
    panMasked: '622202******0001',
    panHash: PAN_HASH,
    cardScope: 'domestic',
    entryMode: '051',
    rrn: `0000000${stan.slice(1)}`,
    authCode: '123456',
    responseCode: '00',
    status: 'approved',
    originalId: null,
    refundedMinor: 0,
    requestDigest: 'd4'.repeat(32),
    responseJson: '{"secret":"stored response"}',
    localDate: '1126',
    localTime: '100000',
    hostDate: '20261126',
    declineRule: null,
    createdAt: START_MS + index * HOUR_MS,
    ...overrides,
  };
}

interface Page {
  items: { id: string; kind: string; responseCode: string | null; amount: unknown; createdAt: string }[];
  nextCursor?: string;
}

describeEachDatabase('HTTP API: transactions', (getDatabase) => {
  let fixture: HttpFixture;
  let tid: string;
  let otherTid: string;
  let mid: string;
  const bodies: string[] = [];

  async function search(query: string): Promise<Page> {
    const response = await fixture.call({ method: 'GET', url: `/api/transactions?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    bodies.push(response.body);
    return response.json<Page>();
  }

  beforeAll(async () => {
    fixture = await openHttpFixture(getDatabase());
    mid = await createMerchant(fixture);
    tid = await createTerminal(fixture, mid);
    otherTid = await createTerminal(fixture, mid);
    const rows = [
      transaction(tid, mid, 1),
      transaction(tid, mid, 2, { responseCode: '51', status: 'declined', declineRule: 'balance' }),
      transaction(tid, mid, 3, { panMasked: '621483******0002' }),
      transaction(tid, mid, 4, {
        kind: 'void',
        mti: '0200',
        processingCode: '200000',
        originalId: `${tid}-000003`,
      }),
      transaction(tid, mid, 5),
      transaction(tid, mid, 6, { kind: 'refund', mti: '0220', originalId: `${tid}-000003` }),
      transaction(otherTid, mid, 7),
    ];
    for (const row of rows) await fixture.repositories.transactions.insert(row);
  });
  afterAll(() => fixture.close());

  it('lists a terminal’s transactions newest first with amounts in minor units', async () => {
    const page = await search(`tid=${tid}`);
    expect(page.items.map((item) => item.id)).toEqual([6, 5, 4, 3, 2, 1].map((n) => `${tid}-00000${n}`));
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[0]).toMatchObject({
      kind: 'refund',
      amount: { amountMinor: 6_000, currency: 'CNY' },
      refunded: { amountMinor: 0, currency: 'CNY' },
      panMasked: '622202******0001',
      createdAt: new Date(START_MS + 6 * HOUR_MS).toISOString(),
    });
  });

  it('filters by merchant, kind, response code, masked PAN and date range', async () => {
    expect((await search(`mid=${mid}`)).items).toHaveLength(7);
    expect((await search(`tid=${tid}&kind=void`)).items.map((item) => item.id)).toEqual([`${tid}-000004`]);
    expect((await search(`tid=${tid}&responseCode=51`)).items.map((item) => item.id)).toEqual([
      `${tid}-000002`,
    ]);
    expect(
      (await search(`tid=${tid}&panMasked=${encodeURIComponent('621483******0002')}`)).items.map(
        (item) => item.id,
      ),
    ).toEqual([`${tid}-000003`]);
    const from = new Date(START_MS + 2 * HOUR_MS).toISOString();
    const to = new Date(START_MS + 4 * HOUR_MS).toISOString();
    expect((await search(`tid=${tid}&from=${from}&to=${to}`)).items.map((item) => item.id)).toEqual([
      `${tid}-000003`,
      `${tid}-000002`,
    ]);
    expect((await search(`tid=${tid}&from=2026-11-27`)).items).toEqual([]);
    expect((await search(`tid=${tid}&to=2026-11-26`)).items).toEqual([]);
    expect(
      (await search(`tid=${tid}&from=2026-11-26T09:30:00%2B01:00&to=2026-11-26T11:00:00Z`)).items,
    ).toHaveLength(2);
  });

  it('pages with the cursor until the end', async () => {
    const seen: string[] = [];
    let query = `tid=${tid}&limit=4`;
    for (let pages = 0; pages < 5; pages++) {
      const page = await search(query);
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === undefined) break;
      query = `tid=${tid}&limit=4&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1].map((n) => `${tid}-00000${n}`));
    const first = await search(`tid=${tid}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
  });

  it('answers 400 for bad filters and cursors', async () => {
    for (const query of [
      'limit=0',
      'limit=1001',
      'limit=ten',
      'from=1764144000000',
      'to=yesterday',
      'tid=123',
      'responseCode=5',
      'panMasked=6222020000000001',
      'cursor=bm9wZQ',
    ]) {
      const response = await fixture.call({ method: 'GET', url: `/api/transactions?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'API_INVALID_REQUEST' } });
    }
  });

  it('shows one transaction with the transactions referring to it; 404 for an unknown id', async () => {
    const response = await fixture.call({ method: 'GET', url: `/api/transactions/${tid}-000003` });
    expect(response.statusCode).toBe(200);
    bodies.push(response.body);
    const body = response.json<{ id: string; panMasked: string; related: { id: string }[] }>();
    expect(body.id).toBe(`${tid}-000003`);
    expect(body.panMasked).toBe('621483******0002');
    expect(body.related.map((item) => item.id)).toEqual([`${tid}-000004`, `${tid}-000006`]);
    const missing = await fixture.call({ method: 'GET', url: '/api/transactions/no-such-id' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'API_NOT_FOUND' } });
  });

  it('never returns the encrypted PAN, the PAN hash, the request digest or the stored response', () => {
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) {
      expect(body).not.toContain('panEncrypted');
      expect(body).not.toContain('ENC:SECRET');
      expect(body).not.toContain('panHash');
      expect(body).not.toContain(PAN_HASH);
      expect(body).not.toContain('requestDigest');
      expect(body).not.toContain('stored response');
    }
  });
});

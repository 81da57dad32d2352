import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/database.js';
import {
  createMerchant,
  createTerminal,
  openHttpFixture,
  uniqueMid,
  uniqueTid,
  type HttpFixture,
} from './http-fixture.js';

describeEachDatabase('HTTP API: merchants and terminals', (getDatabase) => {
  let fixture: HttpFixture;
  beforeAll(async () => {
    fixture = await openHttpFixture(getDatabase());
  });
  afterAll(() => fixture.close());

  it('creates, reads, lists, disables and enables a merchant, with audit entries and cache invalidation', async () => {
    const mid = uniqueMid();
    const created = await fixture.call({
      method: 'POST',
      url: '/api/merchants',
      payload: {
        mid,
        name: 'Corner Shop',
        mcc: '5411',
        city: 'Beijing',
        currency: 'CNY',
        singleTransactionLimit: { amountMinor: 200_000, currency: 'CNY' },
      },
    });
    expect(created.statusCode).toBe(201);
    const body = {
      mid,
      name: 'Corner Shop',
      mcc: '5411',
      city: 'Beijing',
      currency: 'CNY',
      singleTransactionLimit: { amountMinor: 200_000, currency: 'CNY' },
      status: 'active',
      createdAt: '2026-11-26T08:00:00.000Z',
    };
    expect(created.json()).toEqual(body);
    expect((await fixture.repositories.merchants.get(mid))?.currency).toBe('156');
    expect((await fixture.call({ method: 'GET', url: `/api/merchants/${mid}` })).json()).toEqual(body);
    const list = await fixture.call({ method: 'GET', url: '/api/merchants' });
    expect(list.json<{ items: unknown[] }>().items).toContainEqual(body);

    const disabled = await fixture.call({ method: 'POST', url: `/api/merchants/${mid}/disable` });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await fixture.repositories.merchants.get(mid))?.status).toBe('disabled');
    const enabled = await fixture.call({ method: 'POST', url: `/api/merchants/${mid}/enable` });
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(fixture.directory.forgotten.filter((entry) => entry === `merchant:${mid}`)).toHaveLength(3);

    const audit = await fixture.repositories.auditLog.list({ subject: mid });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['merchant-create', expect.stringMatching(/^api:tester-/)],
      ['merchant-disable', expect.stringMatching(/^api:tester-/)],
      ['merchant-enable', expect.stringMatching(/^api:tester-/)],
    ]);
  });

  it('answers 400 for invalid merchant bodies, 404 for unknown and 409 for duplicate MIDs', async () => {
    const invalid = await fixture.call({
      method: 'POST',
      url: '/api/merchants',
      payload: {
        mid: 'short',
        name: 'X',
        mcc: '54',
        city: 'Y',
        currency: 'XXQ',
        singleTransactionLimit: { amountMinor: 1.5, currency: 'CNY' },
      },
    });
    expect(invalid.statusCode).toBe(400);
    const error = invalid.json<{ error: { code: string; issues: { path: string }[] } }>().error;
    expect(error.code).toBe('API_INVALID_REQUEST');
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        'body.mid',
        'body.mcc',
        'body.currency',
        'body.singleTransactionLimit.amountMinor',
      ]),
    );
    const mismatch = await fixture.call({
      method: 'POST',
      url: '/api/merchants',
      payload: {
        mid: uniqueMid(),
        name: 'X',
        mcc: '5411',
        city: 'Y',
        currency: 'CNY',
        singleTransactionLimit: { amountMinor: 100, currency: 'USD' },
      },
    });
    expect(mismatch.statusCode).toBe(400);
    const notJson = await fixture.call({
      method: 'POST',
      url: '/api/merchants',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'API_INVALID_REQUEST' } });

    const unknown = await fixture.call({ method: 'GET', url: `/api/merchants/${uniqueMid()}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'API_NOT_FOUND' } });
    expect(
      (await fixture.call({ method: 'POST', url: `/api/merchants/${uniqueMid()}/disable` })).statusCode,
    ).toBe(404);
    expect((await fixture.call({ method: 'GET', url: '/api/merchants/bad' })).statusCode).toBe(400);

    const mid = await createMerchant(fixture);
    const duplicate = await fixture.call({
      method: 'POST',
      url: '/api/merchants',
      payload: {
        mid,
        name: 'Again',
        mcc: '5411',
        city: 'Y',
        currency: 'CNY',
        singleTransactionLimit: { amountMinor: 100, currency: 'CNY' },
      },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { code: 'API_ALREADY_EXISTS' } });
  });

  it('creates a terminal with batch 000001 open, lists it by merchant, disables and enables it', async () => {
    const mid = await createMerchant(fixture);
    const tid = uniqueTid();
    const created = await fixture.call({ method: 'POST', url: '/api/terminals', payload: { tid, mid } });
    expect(created.statusCode).toBe(201);
    const body = {
      tid,
      mid,
      status: 'active',
      batchNo: '000001',
      signedIn: false,
      signedInAt: null,
      operator: null,
      parameterVersion: null,
      tmkLoaded: false,
      createdAt: '2026-11-26T08:00:00.000Z',
    };
    expect(created.json()).toEqual(body);
    expect(await fixture.repositories.batches.findOpen(tid)).toMatchObject({
      batchNo: '000001',
      status: 'open',
    });
    const list = await fixture.call({ method: 'GET', url: `/api/terminals?mid=${mid}` });
    expect(list.json()).toEqual({ items: [body] });
    const detail = await fixture.call({ method: 'GET', url: `/api/terminals/${tid}` });
    expect(detail.json()).toEqual({ ...body, keys: { tmk: null, pik: null, mak: null, tdk: null } });
    const all = await fixture.call({ method: 'GET', url: '/api/terminals' });
    expect(all.json<{ items: { tid: string }[] }>().items.map((item) => item.tid)).toContain(tid);

    const disabled = await fixture.call({ method: 'POST', url: `/api/terminals/${tid}/disable` });
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await fixture.repositories.terminals.get(tid))?.status).toBe('disabled');
    const again = await fixture.call({ method: 'POST', url: `/api/terminals/${tid}/disable` });
    expect(again.json()).toMatchObject({ status: 'disabled' });
    const enabled = await fixture.call({ method: 'POST', url: `/api/terminals/${tid}/enable` });
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(fixture.directory.forgotten.filter((entry) => entry === `terminal:${tid}`)).toHaveLength(3);
    const audit = await fixture.repositories.auditLog.list({ subject: tid });
    expect(audit.map((entry) => entry.action)).toEqual([
      'terminal-create',
      'terminal-disable',
      'terminal-enable',
    ]);
    expect(JSON.parse(audit[0]!.detailsJson)).toEqual({ mid });
  });

  it('answers 400, 404 and 409 for terminals', async () => {
    const mid = await createMerchant(fixture);
    const badTid = await fixture.call({
      method: 'POST',
      url: '/api/terminals',
      payload: { tid: '1234567', mid },
    });
    expect(badTid.statusCode).toBe(400);
    const extra = await fixture.call({
      method: 'POST',
      url: '/api/terminals',
      payload: { tid: uniqueTid(), mid, tmkKeyId: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    const unknownMerchant = await fixture.call({
      method: 'POST',
      url: '/api/terminals',
      payload: { tid: uniqueTid(), mid: uniqueMid() },
    });
    expect(unknownMerchant.statusCode).toBe(404);
    const tid = await createTerminal(fixture, mid);
    const duplicate = await fixture.call({ method: 'POST', url: '/api/terminals', payload: { tid, mid } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { code: 'API_ALREADY_EXISTS' } });
    await fixture.call({ method: 'POST', url: `/api/merchants/${mid}/disable` });
    const underDisabled = await fixture.call({
      method: 'POST',
      url: '/api/terminals',
      payload: { tid: uniqueTid(), mid },
    });
    expect(underDisabled.statusCode).toBe(409);
    expect(underDisabled.json()).toMatchObject({ error: { code: 'API_STATE_CONFLICT' } });
    expect((await fixture.call({ method: 'GET', url: `/api/terminals/${uniqueTid()}` })).statusCode).toBe(
      404,
    );
    expect(
      (await fixture.call({ method: 'POST', url: `/api/terminals/${uniqueTid()}/enable` })).statusCode,
    ).toBe(404);
    expect((await fixture.call({ method: 'GET', url: '/api/terminals?mid=bad' })).statusCode).toBe(400);
  });
  it('answers 409 to the loser when two requests create the same merchant or terminal at once', async () => {
    const mid = uniqueMid();
    const payload = {
      mid,
      name: 'Race',
      mcc: '5411',
      city: 'Y',
      currency: 'CNY',
      singleTransactionLimit: { amountMinor: 100, currency: 'CNY' },
    };
    const merchants = await Promise.all(
      [1, 2, 3].map(() => fixture.call({ method: 'POST', url: '/api/merchants', payload })),
    );
    expect(merchants.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
    const tid = uniqueTid();
    const terminals = await Promise.all(
      [1, 2, 3].map(() => fixture.call({ method: 'POST', url: '/api/terminals', payload: { tid, mid } })),
    );
    expect(terminals.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

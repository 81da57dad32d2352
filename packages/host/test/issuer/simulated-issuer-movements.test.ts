import { describe, expect, it } from 'vitest';
import {
  IssuerError,
  SimulatedIssuer,
  type IssuerDecision,
  type IssuerMovementRecord,
} from '../../src/issuer/index.js';
import { movementId, newIssuerFixture, type IssuerFixture } from './issuer-fixture.js';

const STANDARD = '6200001000000011';
const CREDIT = '6200001000000029';
const START_BALANCE = 10_000_000;

async function approvedSale(f: IssuerFixture, pan: string, amountMinor: number): Promise<string> {
  const request = f.sale(pan, amountMinor);
  expect((await f.issuer.authorize(request)).approved).toBe(true);
  return request.movementId;
}

async function preauth(f: IssuerFixture, amountMinor: number): Promise<{ id: string; holdId: string }> {
  const request = f.sale(STANDARD, amountMinor, { type: 'preauth' });
  const decision = await f.issuer.authorize(request);
  if (!decision.approved || decision.holdId === undefined) throw new Error('pre-auth not approved');
  return { id: request.movementId, holdId: decision.holdId };
}

function code(decision: IssuerDecision | { approved: boolean; responseCode?: string }): string {
  return decision.approved ? '00' : (decision as { responseCode: string }).responseCode;
}

describe('pre-authorisation holds', () => {
  it('a hold lowers the available balance; completion at 115% takes the hold and moves the money', async () => {
    const f = await newIssuerFixture();
    const { id, holdId } = await preauth(f, 100_000);
    expect(holdId).toBe('H00000000001');
    expect(await f.issuer.balance(STANDARD)).toMatchObject({
      balanceMinor: START_BALANCE,
      heldMinor: 100_000,
      availableMinor: START_BALANCE - 100_000,
    });
    const completion = { movementId: movementId(), preauthId: id, amountMinor: 115_000, currency: 'CNY' };
    expect(await f.issuer.complete(completion)).toMatchObject({
      approved: true,
      balanceMinor: START_BALANCE - 115_000,
    });
    expect(await f.issuer.balance(STANDARD)).toMatchObject({
      heldMinor: 0,
      balanceMinor: START_BALANCE - 115_000,
    });
    expect(f.sink.holds.at(-1)).toMatchObject({ id: holdId, transactionId: id, status: 'completed' });
    expect(code(await f.issuer.complete({ ...completion, movementId: movementId() }))).toBe('12');
  });

  it('declines a completion above 115% of the hold (61) and keeps the hold', async () => {
    const f = await newIssuerFixture();
    const { id } = await preauth(f, 100_000);
    const over = { movementId: movementId(), preauthId: id, amountMinor: 115_001, currency: 'CNY' };
    expect(await f.issuer.complete(over)).toEqual({
      approved: false,
      responseCode: '61',
      reason: 'completion-over-limit',
    });
    expect((await f.issuer.balance(STANDARD))?.heldMinor).toBe(100_000);
  });

  it('cancel releases the hold; a second cancel or a completion after it answers 12', async () => {
    const f = await newIssuerFixture();
    const { id } = await preauth(f, 50_000);
    expect((await f.issuer.cancelHold({ movementId: movementId(), preauthId: id })).approved).toBe(true);
    expect(await f.issuer.balance(STANDARD)).toMatchObject({ heldMinor: 0, availableMinor: START_BALANCE });
    expect(code(await f.issuer.cancelHold({ movementId: movementId(), preauthId: id }))).toBe('12');
    const late = { movementId: movementId(), preauthId: id, amountMinor: 100, currency: 'CNY' };
    expect(code(await f.issuer.complete(late))).toBe('12');
    expect(code(await f.issuer.cancelHold({ movementId: movementId(), preauthId: 'nope' }))).toBe('25');
  });

  it('a hold counts against the funds: a sale above what is left answers 51', async () => {
    const f = await newIssuerFixture();
    await preauth(f, START_BALANCE - 1_000);
    expect(code(await f.issuer.authorize(f.sale(STANDARD, 1_001)))).toBe('51');
    expect(code(await f.issuer.authorize(f.sale(STANDARD, 1_000)))).toBe('00');
  });
});

describe('reversal', () => {
  it('undoes a sale exactly once: the second reversal approves and changes nothing', async () => {
    const f = await newIssuerFixture();
    const id = await approvedSale(f, STANDARD, 70_000);
    expect(await f.issuer.reverse({ movementId: id })).toEqual({
      approved: true,
      changed: true,
      balanceMinor: START_BALANCE,
      currency: 'CNY',
    });
    const accountChanges = f.sink.accounts.length;
    expect(await f.issuer.reverse({ movementId: id })).toMatchObject({
      approved: true,
      changed: false,
      balanceMinor: START_BALANCE,
    });
    expect(f.sink.accounts).toHaveLength(accountChanges);
    expect(code(await f.issuer.reverse({ movementId: 'unknown' }))).toBe('25');
  });

  it('reverses a pre-auth (hold released), a cancel (hold back) and a completion (money back, hold back)', async () => {
    const f = await newIssuerFixture();
    const first = await preauth(f, 10_000);
    expect((await f.issuer.reverse({ movementId: first.id })).approved).toBe(true);
    expect((await f.issuer.balance(STANDARD))?.heldMinor).toBe(0);
    expect(f.sink.holds.at(-1)).toMatchObject({ id: first.holdId, status: 'released' });

    const second = await preauth(f, 20_000);
    const cancelId = movementId();
    await f.issuer.cancelHold({ movementId: cancelId, preauthId: second.id });
    await f.issuer.reverse({ movementId: cancelId });
    expect((await f.issuer.balance(STANDARD))?.heldMinor).toBe(20_000);

    const completionId = movementId();
    await f.issuer.complete({
      movementId: completionId,
      preauthId: second.id,
      amountMinor: 21_000,
      currency: 'CNY',
    });
    expect(await f.issuer.balance(STANDARD)).toMatchObject({
      heldMinor: 0,
      balanceMinor: START_BALANCE - 21_000,
    });
    await f.issuer.reverse({ movementId: completionId });
    expect(await f.issuer.balance(STANDARD)).toMatchObject({
      heldMinor: 20_000,
      balanceMinor: START_BALANCE,
    });
    // The pre-auth of a completed hold cannot be reversed until the completion is.
    const third = await preauth(f, 5_000);
    await f.issuer.complete({
      movementId: movementId(),
      preauthId: third.id,
      amountMinor: 5_000,
      currency: 'CNY',
    });
    expect(code(await f.issuer.reverse({ movementId: third.id }))).toBe('12');
  });
});

describe('void and refund', () => {
  it('a void returns the full amount once; the voided sale cannot be reversed; reversing the void debits again', async () => {
    const f = await newIssuerFixture();
    const saleId = await approvedSale(f, STANDARD, 30_000);
    const voidId = movementId();
    expect(await f.issuer.voidSale({ movementId: voidId, originalId: saleId })).toMatchObject({
      approved: true,
      balanceMinor: START_BALANCE,
    });
    expect(code(await f.issuer.voidSale({ movementId: movementId(), originalId: saleId }))).toBe('12');
    expect(code(await f.issuer.reverse({ movementId: saleId }))).toBe('12');
    expect(await f.issuer.reverse({ movementId: voidId })).toMatchObject({
      changed: true,
      balanceMinor: START_BALANCE - 30_000,
    });
    expect((await f.issuer.voidSale({ movementId: movementId(), originalId: saleId })).approved).toBe(true);
    expect((await f.issuer.balance(STANDARD))?.balanceMinor).toBe(START_BALANCE);
  });

  it('partial refunds up to the original amount; beyond it 13; a refund reversal takes the money back', async () => {
    const f = await newIssuerFixture();
    const saleId = await approvedSale(f, CREDIT, 10_000);
    const refund = (amountMinor: number, id = movementId()) =>
      f.issuer.refund({ movementId: id, originalId: saleId, amountMinor, currency: 'CNY' });
    const firstId = movementId();
    expect(await refund(4_000, firstId)).toMatchObject({ approved: true, balanceMinor: 5_000_000 - 6_000 });
    expect(await refund(6_001)).toEqual({
      approved: false,
      responseCode: '13',
      reason: 'refund-exceeds-original',
    });
    expect(code(await f.issuer.voidSale({ movementId: movementId(), originalId: saleId }))).toBe('12');
    expect(code(await f.issuer.reverse({ movementId: saleId }))).toBe('12');
    await f.issuer.reverse({ movementId: firstId });
    expect((await f.issuer.balance(CREDIT))?.balanceMinor).toBe(5_000_000 - 10_000);
    expect(await refund(10_000)).toMatchObject({ approved: true, balanceMinor: 5_000_000 });
    expect(
      code(
        await f.issuer.refund({
          movementId: movementId(),
          originalId: 'nope',
          amountMinor: 1,
          currency: 'CNY',
        }),
      ),
    ).toBe('25');
  });

  it('refund amounts carry the issuer amount triggers too', async () => {
    const f = await newIssuerFixture();
    const saleId = await approvedSale(f, STANDARD, 100_000);
    const decision = await f.issuer.refund({
      movementId: movementId(),
      originalId: saleId,
      amountMinor: 9196,
      currency: 'CNY',
    });
    expect(code(decision)).toBe('96');
  });
});

describe('contract and restart', () => {
  it('a reused movement id is the caller’s bug: IssuerError, no state change', async () => {
    const f = await newIssuerFixture();
    const request = f.sale(STANDARD, 100);
    await f.issuer.authorize(request);
    await expect(f.issuer.authorize(request)).rejects.toMatchObject({ code: 'ISSUER_DUPLICATE_MOVEMENT' });
    await expect(f.issuer.authorize(f.sale(STANDARD, 1.5))).rejects.toBeInstanceOf(IssuerError);
    expect((await f.issuer.balance(STANDARD))?.balanceMinor).toBe(START_BALANCE - 100);
  });

  it('rebuilt from the reported records, a new issuer holds the same balances, holds and ledger', async () => {
    const f = await newIssuerFixture();
    const saleId = await approvedSale(f, STANDARD, 1_000);
    const { id } = await preauth(f, 2_000);
    await approvedSale(f, CREDIT, 3_000);
    const { accounts, holds, movements } = f.sink.latest();
    const merged = f.seedAccounts.map((seed) => accounts.find((a) => a.panHash === seed.panHash) ?? seed);
    const restarted = new SimulatedIssuer({ ...f.options, accounts: merged, holds, movements });
    for (const pan of [STANDARD, CREDIT]) {
      expect(await restarted.balance(pan)).toEqual(await f.issuer.balance(pan));
    }
    expect(await restarted.reverse({ movementId: saleId })).toMatchObject({ changed: true });
    expect(await restarted.reverse({ movementId: saleId })).toMatchObject({ changed: false });
    const next = await restarted.authorize(f.sale(STANDARD, 500, { type: 'preauth' }));
    expect(next).toMatchObject({ approved: true, holdId: 'H00000000002' });
    expect(
      (
        await restarted.complete({
          movementId: movementId(),
          preauthId: id,
          amountMinor: 2_000,
          currency: 'CNY',
        })
      ).approved,
    ).toBe(true);
  });

  it('refuses records whose heldMinor disagrees with the active holds', async () => {
    const f = await newIssuerFixture();
    await preauth(f, 2_000);
    const { holds } = f.sink.latest();
    expect(() => new SimulatedIssuer({ ...f.options, holds })).toThrow(IssuerError);
  });

  it('reported records carry no PAN and no PIN data', async () => {
    const f = await newIssuerFixture();
    await approvedSale(f, STANDARD, 100);
    await f.issuer.authorize(f.sale(STANDARD, 100, { pinBlock: f.pinBlock(STANDARD, '999999') }));
    const text = JSON.stringify(f.sink.latest());
    expect(text).not.toContain(STANDARD);
    expect(text).not.toContain('123456');
  });
});

describe('configuration', () => {
  it('a card whose PIN method has no PVK configured is a configuration fault (ISSUER_INVALID_RECORD)', async () => {
    const f = await newIssuerFixture();
    const { visaPvk: _visa, ...keys } = f.options.pinKeys;
    const issuer = new SimulatedIssuer({ ...f.options, pinKeys: keys });
    await expect(issuer.authorize(f.sale('4000001000000018', 100))).rejects.toMatchObject({
      code: 'ISSUER_INVALID_RECORD',
    });
    expect((await issuer.authorize(f.sale(STANDARD, 100))).approved).toBe(true);
  });

  it('refuses movements of an unknown account', async () => {
    const f = await newIssuerFixture();
    await approvedSale(f, STANDARD, 100);
    const { movements } = f.sink.latest();
    const others = f.seedAccounts.filter((account) => account.panMasked !== '620000******0011');
    expect(() => new SimulatedIssuer({ ...f.options, accounts: others, movements })).toThrow(IssuerError);
  });
});

describe('a bounded movement cache', () => {
  it('reads dropped movements back from the ledger: a refund and a reversal of old sales, each once', async () => {
    const ledger = new Map<string, IssuerMovementRecord>();
    const f = await newIssuerFixture({
      movementCache: { maxMovements: 2, minAgeMs: 60_000, load: (id) => Promise.resolve(ledger.get(id)) },
    });
    const keepLedger = (): void => {
      for (const record of f.sink.movements) ledger.set(record.id, record);
    };
    const refunded = await approvedSale(f, STANDARD, 1_000);
    const reversed = await approvedSale(f, STANDARD, 2_000);
    keepLedger();
    f.clock.advance(120_000);
    await approvedSale(f, STANDARD, 3_000);
    await approvedSale(f, STANDARD, 4_000);
    keepLedger();
    expect(f.issuer.cachedMovements).toBe(2);

    const refund = { movementId: movementId(), originalId: refunded, amountMinor: 600, currency: 'CNY' };
    expect(await f.issuer.refund(refund)).toMatchObject({ approved: true });
    expect(code(await f.issuer.refund({ ...refund, movementId: movementId(), amountMinor: 401 }))).toBe('13');
    keepLedger();
    expect(await f.issuer.reverse({ movementId: reversed })).toMatchObject({ approved: true, changed: true });
    expect(await f.issuer.reverse({ movementId: reversed })).toMatchObject({
      approved: true,
      changed: false,
    });
    expect((await f.issuer.balance(STANDARD))?.balanceMinor).toBe(
      START_BALANCE - 1_000 + 600 - 3_000 - 4_000,
    );
  });
});

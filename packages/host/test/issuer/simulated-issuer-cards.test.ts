import { describe, expect, it } from 'vitest';
import { isLuhnValid } from '@payterm/kernel';
import { amountTrigger, TEST_CARDS, type IssuerDecision } from '../../src/issuer/index.js';
import { newIssuerFixture } from './issuer-fixture.js';

const STANDARD = '6200001000000011';
const CREDIT = '6200001000000029';
const LOW_BALANCE = '6200001000000037';
const NO_PIN = '6200001000000094';
const PIN_TRIES = '6200001000000102';
const LOAD_TEST = '6200001000000110';
const VISA = '4000001000000018';
const MASTERCARD = '5100001000000014';

function declined(decision: IssuerDecision): { responseCode: string; reason: string } {
  if (decision.approved) throw new Error(`expected a decline, got approval ${decision.authCode}`);
  return { responseCode: decision.responseCode, reason: decision.reason };
}

describe('test-card catalogue', () => {
  it('seeds all 13 Luhn-valid cards with their balances, kinds and PIN verification values', async () => {
    const { seedAccounts } = await newIssuerFixture();
    expect(TEST_CARDS).toHaveLength(13);
    expect(TEST_CARDS.every((card) => isLuhnValid(card.pan))).toBe(true);
    expect(seedAccounts.map((account) => account.panMasked)).toContain('620000******0110');
    const load = seedAccounts.find((account) => account.behaviour === 'load-test')!;
    expect(load.balanceMinor).toBe(10 ** 12);
    const credit = seedAccounts.find((account) => account.panMasked === '620000******0029')!;
    expect(credit).toMatchObject({ kind: 'credit', creditLimitMinor: 5_000_000, balanceMinor: 5_000_000 });
    expect(seedAccounts.filter((account) => account.behaviour === 'foreign')).toHaveLength(2);
    for (const account of seedAccounts) {
      expect(account.pvv).toMatch(account.panMasked.startsWith('62') ? /^IBM:\d{6}$/ : /^PVV:1:\d{4}$/);
    }
  });

  it('approves the standard debit card with its PIN and debits the balance', async () => {
    const f = await newIssuerFixture();
    const decision = await f.issuer.authorize(f.sale(STANDARD, 12_345));
    expect(decision).toMatchObject({ approved: true, pinVerified: true, balanceMinor: 10_000_000 - 12_345 });
    if (decision.approved) expect(decision.authCode).toMatch(/^\d{6}$/);
    expect((await f.issuer.balance(STANDARD))?.balanceMinor).toBe(10_000_000 - 12_345);
  });

  it('approves the credit card up to its limit, with a signature instead of a PIN, then answers 51', async () => {
    const f = await newIssuerFixture();
    const { pinBlock: _pin, ...noPin } = f.sale(CREDIT, 4_000_000);
    expect(await f.issuer.authorize(noPin)).toMatchObject({
      approved: true,
      pinVerified: false,
      balanceMinor: 1_000_000,
    });
    expect(declined(await f.issuer.authorize(f.sale(CREDIT, 1_000_001)))).toEqual({
      responseCode: '51',
      reason: 'insufficient-funds',
    });
    expect(await f.issuer.authorize(f.sale(CREDIT, 1_000_000))).toMatchObject({
      approved: true,
      balanceMinor: 0,
    });
  });

  it('answers 51 above the 10.00 CNY balance of the low-balance card', async () => {
    const f = await newIssuerFixture();
    expect(declined(await f.issuer.authorize(f.sale(LOW_BALANCE, 1_001))).responseCode).toBe('51');
    expect(await f.issuer.authorize(f.sale(LOW_BALANCE, 1_000))).toMatchObject({
      approved: true,
      balanceMinor: 0,
    });
  });

  it.each([
    ['6200001000000045', '41', 'lost-card'],
    ['6200001000000052', '43', 'stolen-card'],
    ['6200001000000060', '54', 'expired-card'],
    ['6200001000000078', '05', 'do-not-honour'],
    ['6200001000000086', '62', 'restricted-card'],
  ])('card %s answers %s (%s) even with the right PIN, and moves no money', async (pan, code, reason) => {
    const f = await newIssuerFixture();
    const before = await f.issuer.balance(pan);
    expect(declined(await f.issuer.authorize(f.sale(pan, 100)))).toEqual({ responseCode: code, reason });
    expect(await f.issuer.balance(pan)).toEqual(before);
    expect(f.sink.movements).toHaveLength(0);
  });

  it('answers 54 when the presented expiry differs from the account', async () => {
    const f = await newIssuerFixture();
    expect(declined(await f.issuer.authorize(f.sale(STANDARD, 100, { expiry: '2912' }))).responseCode).toBe(
      '54',
    );
    expect((await f.issuer.authorize(f.sale(STANDARD, 100, { expiry: '3012' }))).approved).toBe(true);
  });

  it('approves the no-PIN card contactless up to 1,000.00 CNY without a PIN, and asks for one above or by chip', async () => {
    const f = await newIssuerFixture();
    const tap = (amountMinor: number, entryMode: 'contactless' | 'chip' = 'contactless') => {
      const { pinBlock: _pin, ...request } = f.sale(NO_PIN, amountMinor, { entryMode });
      return f.issuer.authorize(request);
    };
    expect(await tap(100_000)).toMatchObject({ approved: true, pinVerified: false });
    expect(declined(await tap(100_001))).toEqual({ responseCode: '55', reason: 'pin-required' });
    expect(declined(await tap(100, 'chip'))).toEqual({ responseCode: '55', reason: 'pin-required' });
    expect(await f.issuer.authorize(f.sale(NO_PIN, 100_001, { entryMode: 'contactless' }))).toMatchObject({
      approved: true,
      pinVerified: true,
    });
  });

  it('asks a debit card without a PIN block for its PIN (55) without counting a PIN try', async () => {
    const f = await newIssuerFixture();
    const { pinBlock: _pin, ...request } = f.sale(STANDARD, 100, { entryMode: 'magstripe' });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(declined(await f.issuer.authorize({ ...request, movementId: `M${attempt}` })).reason).toBe(
        'pin-required',
      );
    }
    expect((await f.issuer.authorize(f.sale(STANDARD, 100))).approved).toBe(true);
  });

  it('approves the load-test card for a very large amount', async () => {
    const f = await newIssuerFixture();
    expect(await f.issuer.authorize(f.sale(LOAD_TEST, 500_000_000_000))).toMatchObject({
      approved: true,
      balanceMinor: 500_000_000_000,
    });
  });

  it.each([VISA, MASTERCARD])(
    'approves foreign card %s with its four-digit PIN (Visa PVV) and refuses a wrong one',
    async (pan) => {
      const f = await newIssuerFixture();
      expect(await f.issuer.authorize(f.sale(pan, 5_000))).toMatchObject({
        approved: true,
        pinVerified: true,
      });
      const wrong = f.sale(pan, 5_000, { pinBlock: f.pinBlock(pan, '4321') });
      expect(declined(await f.issuer.authorize(wrong)).responseCode).toBe('55');
    },
  );

  it('answers 14 for an unknown PAN with a valid check digit and for a bad check digit', async () => {
    const f = await newIssuerFixture();
    expect(declined(await f.issuer.authorize(f.sale('6200001000000128', 100)))).toEqual({
      responseCode: '14',
      reason: 'unknown-card',
    });
    expect(declined(await f.issuer.authorize(f.sale('6200001000000012', 100)))).toEqual({
      responseCode: '14',
      reason: 'invalid-card-number',
    });
  });

  it('answers 13 for a currency the account does not hold', async () => {
    const f = await newIssuerFixture();
    expect(declined(await f.issuer.authorize(f.sale(STANDARD, 100, { currency: 'USD' }))).reason).toBe(
      'currency-mismatch',
    );
  });
});

describe('amount triggers', () => {
  it('names every catalogue trigger by the last four minor-unit digits', () => {
    expect(amountTrigger(9196)).toBe('issuer-malfunction');
    expect(amountTrigger(1_239_191)).toBe('issuer-unavailable');
    expect(amountTrigger(19_198)).toBe('no-response');
    expect(amountTrigger(9168)).toBe('late-response');
    expect(amountTrigger(9194)).toBe('duplicate-response');
    expect(amountTrigger(9195)).toBeUndefined();
    expect(amountTrigger(196)).toBeUndefined();
  });

  it.each([
    [19_196, '96', 'issuer-malfunction'],
    [9191, '91', 'issuer-unavailable'],
  ])('the issuer answers %i with %s and moves no money', async (amount, code, reason) => {
    const f = await newIssuerFixture();
    expect(declined(await f.issuer.authorize(f.sale(STANDARD, amount)))).toEqual({
      responseCode: code,
      reason,
    });
    expect((await f.issuer.balance(STANDARD))?.balanceMinor).toBe(10_000_000);
  });

  it('approves the host triggers (the host handles them)', async () => {
    const f = await newIssuerFixture();
    for (const amount of [9198, 9168, 9194]) {
      expect((await f.issuer.authorize(f.sale(STANDARD, amount))).approved).toBe(true);
    }
  });
});

describe('PIN verification', () => {
  it('verifies the six-digit PIN in full (IBM 3624 offset): a wrong last digit is 55', async () => {
    const f = await newIssuerFixture();
    const wrong = f.sale(STANDARD, 100, { pinBlock: f.pinBlock(STANDARD, '123457') });
    expect(declined(await f.issuer.authorize(wrong))).toEqual({
      responseCode: '55',
      reason: 'incorrect-pin',
    });
    const short = f.sale(STANDARD, 100, { pinBlock: f.pinBlock(STANDARD, '1234') });
    expect(declined(await f.issuer.authorize(short)).responseCode).toBe('55');
  });

  it('third wrong PIN in a day answers 75, then 75 even with the right PIN until the next day (UTC+8)', async () => {
    const f = await newIssuerFixture();
    const attempt = (pin: string) =>
      f.issuer.authorize(f.sale(PIN_TRIES, 100, { pinBlock: f.pinBlock(PIN_TRIES, pin) }));
    expect(declined(await attempt('000000')).responseCode).toBe('55');
    expect(declined(await attempt('111111')).responseCode).toBe('55');
    expect(declined(await attempt('222222'))).toEqual({ responseCode: '75', reason: 'pin-tries-exceeded' });
    expect(declined(await attempt('123456')).responseCode).toBe('75');
    // 23:59:59 in China is still the same day; midnight China (16:00 UTC) starts the next one.
    f.clock.set(Date.UTC(2026, 10, 26, 15, 59, 59));
    expect(declined(await attempt('123456')).responseCode).toBe('75');
    f.clock.set(Date.UTC(2026, 10, 26, 16, 0, 0));
    expect(await attempt('123456')).toMatchObject({ approved: true, pinVerified: true });
    const account = f.sink.accounts.at(-1)!;
    expect(account).toMatchObject({ pinTries: 0, pinTryDate: null });
  });

  it('a right PIN resets the count of wrong ones; a configured zone moves the day boundary', async () => {
    const f = await newIssuerFixture({ utcOffsetMinutes: 0 });
    const attempt = (pin: string) =>
      f.issuer.authorize(f.sale(STANDARD, 100, { pinBlock: f.pinBlock(STANDARD, pin) }));
    await attempt('000000');
    await attempt('000000');
    expect((await attempt('123456')).approved).toBe(true);
    await attempt('000000');
    await attempt('000000');
    expect(declined(await attempt('000000')).responseCode).toBe('75');
    f.clock.set(Date.UTC(2026, 10, 26, 16, 0, 0));
    expect(declined(await attempt('123456')).responseCode).toBe('75');
    f.clock.set(Date.UTC(2026, 10, 27, 0, 0, 0));
    expect((await attempt('123456')).approved).toBe(true);
  });

  it('answers 99 for a PIN block that does not decode under the issuer ZPK, without counting a try', async () => {
    const f = await newIssuerFixture();
    const otherPan = f.pinBlock('6200001000000029', '123456');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const decision = await f.issuer.authorize(f.sale(STANDARD, 100, { pinBlock: otherPan }));
      expect(declined(decision)).toEqual({ responseCode: '99', reason: 'pin-block-invalid' });
    }
    expect((await f.issuer.authorize(f.sale(STANDARD, 100))).approved).toBe(true);
  });

  it('balance inquiry needs the PIN and answers the available balance without moving money', async () => {
    const f = await newIssuerFixture();
    const inquiry = { ...f.sale(STANDARD, 0), type: 'balance-inquiry' as const };
    expect(await f.issuer.authorize(inquiry)).toMatchObject({ approved: true, balanceMinor: 10_000_000 });
    const { pinBlock: _pin, ...noPin } = inquiry;
    expect(declined(await f.issuer.authorize(noPin)).responseCode).toBe('55');
    expect(f.sink.movements).toHaveLength(0);
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { parseRiskConfig, RiskEngine, type RiskInput, type RiskTransaction } from '../../src/risk/index.js';
import { LOAD_TEST_CARD_PAN } from '../../src/issuer/index.js';

const START_MS = Date.UTC(2026, 10, 26, 2, 0, 0); // 10:00 in China
const MERCHANT = '898310058120001';
const CARD = '6200001000000011';

const panHash = (pan: string): string => createHmac('sha256', 'risk test key').update(pan).digest('hex');

function input(pan: string, amountMinor: number, fields: Partial<RiskInput> = {}): RiskInput {
  return { pan, panHash: panHash(pan), merchantId: MERCHANT, amountMinor, currency: 'CNY', ...fields };
}

let nextId = 0;
function approve(engine: RiskEngine, clock: SimulatedClock, request: RiskInput): RiskTransaction {
  const decision = engine.evaluate(request);
  expect(decision).toEqual({ allowed: true });
  nextId += 1;
  const transaction = { id: `T${nextId}`, ...request, atMs: clock.nowMs() };
  expect(engine.record(transaction)).toBe(true);
  return transaction;
}

describe('RiskEngine rules', () => {
  it('fills defaults and rejects an invalid configuration', () => {
    const config = parseRiskConfig();
    expect(config.velocity.maxCountPerDay).toBe(30);
    expect(config.velocity.maxAmountMinorPerDay).toEqual({ CNY: 20_000_000 });
    expect(config.merchantLimit.defaultMaxAmountMinor).toEqual({ CNY: 100_000_000 });
    expect(config.utcOffsetMinutes).toBe(480);
    expect(() => parseRiskConfig({ blockedBinPrefixes: ['62x'] })).toThrow();
    expect(() => parseRiskConfig({ velocity: { maxCountPerDay: 0 } })).toThrow();
  });

  it('velocity-count: the transaction after the daily count answers 65', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, { velocity: { maxCountPerDay: 3 } });
    for (let index = 0; index < 3; index += 1) approve(engine, clock, input(CARD, 100));
    expect(engine.evaluate(input(CARD, 100))).toEqual({
      allowed: false,
      rule: 'velocity-count',
      responseCode: '65',
    });
    expect(engine.evaluate(input('6200001000000029', 100)).allowed).toBe(true);
  });

  it('velocity-amount: the amount that would pass the daily total answers 61; other currencies count apart', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, { velocity: { maxAmountMinorPerDay: { CNY: 10_000 } } });
    approve(engine, clock, input(CARD, 6_000));
    expect(engine.evaluate(input(CARD, 4_000)).allowed).toBe(true);
    expect(engine.evaluate(input(CARD, 4_001))).toEqual({
      allowed: false,
      rule: 'velocity-amount',
      responseCode: '61',
    });
    expect(engine.evaluate(input(CARD, 50_000, { currency: 'USD' })).allowed).toBe(true);
  });

  it('merchant-limit: a single transaction above the merchant limit answers 61; a merchant may have its own', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, {
      merchantLimit: {
        defaultMaxAmountMinor: { CNY: 5_000 },
        byMerchant: { '898310058120002': { CNY: 50_000 } },
      },
    });
    expect(engine.evaluate(input(CARD, 5_000)).allowed).toBe(true);
    expect(engine.evaluate(input(CARD, 5_001))).toEqual({
      allowed: false,
      rule: 'merchant-limit',
      responseCode: '61',
    });
    expect(engine.evaluate(input(CARD, 50_000, { merchantId: '898310058120002' })).allowed).toBe(true);
  });

  it('blocked-bin: any PAN under a blocked prefix answers 62, whatever else holds', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, {
      blockedBinPrefixes: ['510000', '4'],
      velocityExemptions: { binPrefixes: ['5'] },
    });
    const refused = { allowed: false, rule: 'blocked-bin', responseCode: '62' };
    expect(engine.evaluate(input('5100001000000014', 1))).toEqual(refused);
    expect(engine.evaluate(input('4000001000000018', 1))).toEqual(refused);
    expect(engine.evaluate(input('5200001000000014', 1)).allowed).toBe(true);
    expect(engine.evaluate(input(CARD, 1)).allowed).toBe(true);
  });

  it('the load-test card is exempt from velocity by PAN hash or by prefix, but not from the merchant limit', () => {
    const clock = new SimulatedClock(START_MS);
    for (const exemption of [
      { panHashes: [panHash(LOAD_TEST_CARD_PAN)] },
      { binPrefixes: [LOAD_TEST_CARD_PAN] },
    ]) {
      const engine = new RiskEngine(clock, {
        velocity: { maxCountPerDay: 2, maxAmountMinorPerDay: { CNY: 1_000 } },
        velocityExemptions: exemption,
      });
      for (let index = 0; index < 10; index += 1) approve(engine, clock, input(LOAD_TEST_CARD_PAN, 900));
      expect(engine.usage(panHash(LOAD_TEST_CARD_PAN))).toEqual({ count: 10, amountMinor: { CNY: 9_000 } });
      expect(engine.evaluate(input(LOAD_TEST_CARD_PAN, 100_000_001)).allowed).toBe(false);
      approve(engine, clock, input(CARD, 500));
      approve(engine, clock, input(CARD, 500));
      expect(engine.evaluate(input(CARD, 1))).toMatchObject({ rule: 'velocity-count' });
    }
  });
});

describe('RiskEngine counters', () => {
  it('reset at the next business day (midnight UTC+8), and ignore a transaction of another day', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, { velocity: { maxCountPerDay: 1 } });
    const first = approve(engine, clock, input(CARD, 100));
    clock.set(Date.UTC(2026, 10, 26, 15, 59, 59));
    expect(engine.evaluate(input(CARD, 100))).toMatchObject({ rule: 'velocity-count' });
    clock.set(Date.UTC(2026, 10, 26, 16, 0, 0));
    expect(engine.evaluate(input(CARD, 100)).allowed).toBe(true);
    expect(engine.usage(panHash(CARD)).count).toBe(0);
    expect(engine.record({ ...first, id: 'late' })).toBe(false);
    expect(engine.reverseRecord(first.id)).toBe(false);
  });

  it('reverseRecord undoes a recorded transaction once; recording an id twice counts once', () => {
    const clock = new SimulatedClock(START_MS);
    const engine = new RiskEngine(clock, { velocity: { maxCountPerDay: 1 } });
    const transaction = approve(engine, clock, input(CARD, 700));
    expect(engine.record(transaction)).toBe(false);
    expect(engine.usage(panHash(CARD))).toEqual({ count: 1, amountMinor: { CNY: 700 } });
    expect(engine.reverseRecord(transaction.id)).toBe(true);
    expect(engine.reverseRecord(transaction.id)).toBe(false);
    expect(engine.usage(panHash(CARD))).toEqual({ count: 0, amountMinor: {} });
    expect(engine.evaluate(input(CARD, 100)).allowed).toBe(true);
  });

  it('rebuilt from the day’s approved transactions, an engine has the same state as the one that counted them', () => {
    const clock = new SimulatedClock(START_MS);
    const random = new SeededRandom(42);
    const live = new RiskEngine(clock);
    const kept: RiskTransaction[] = [];
    const pans = ['6200001000000011', '6200001000000029', '4000001000000018', '5100001000000014'];
    for (let index = 0; index < 200; index += 1) {
      const pan = pans[random.nextInt(pans.length)]!;
      const request = input(pan, 1 + random.nextInt(20_000), {
        currency: random.nextInt(4) === 0 ? 'USD' : 'CNY',
      });
      if (!live.evaluate(request).allowed) continue;
      const transaction = { id: `R${index}`, ...request, atMs: clock.nowMs() };
      live.record(transaction);
      kept.push(transaction);
      if (random.nextInt(5) === 0) {
        live.reverseRecord(transaction.id);
        kept.pop();
      }
      clock.advance(60_000);
    }
    const rebuilt = new RiskEngine(clock);
    rebuilt.rebuild(kept);
    expect(rebuilt.snapshot()).toEqual(live.snapshot());
    expect(live.snapshot().ids.length).toBe(kept.length);
  });
});

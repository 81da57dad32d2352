import { describe, expect, it } from 'vitest';
import { isLuhnValid } from '@payterm/kernel';
import { TEST_CARDS, cardProfile, describeEntryMode, findTestCard, track2Of } from '../src/cards/index.js';

describe('TEST_CARDS', () => {
  it('holds the 13 Luhn-valid cards of test-cards.md with their brands, PINs and expiry', () => {
    expect(TEST_CARDS).toHaveLength(13);
    expect(new Set(TEST_CARDS.map((card) => card.pan)).size).toBe(13);
    for (const card of TEST_CARDS) {
      expect(isLuhnValid(card.pan)).toBe(true);
      expect(card.serviceCode).toBe('201');
      expect(card.expiry).toBe(card.pan === '6200001000000060' ? '2001' : '3012');
      expect(card.pin).toBe(card.brand === 'UnionPay' ? '123456' : '1234');
    }
    expect(TEST_CARDS.filter((card) => card.brand === 'UnionPay')).toHaveLength(11);
    expect(findTestCard('4000001000000018')).toMatchObject({ brand: 'Visa', type: 'credit' });
    expect(findTestCard('5100001000000014')).toMatchObject({ brand: 'Mastercard', type: 'credit' });
    expect(findTestCard('6200001000000029')).toMatchObject({ brand: 'UnionPay', type: 'credit' });
    expect(findTestCard('6200001000000011')).toMatchObject({ type: 'debit' });
  });

  it('gives only the …094 card a contactless no-CVM limit of 1,000.00 CNY', () => {
    const limited = TEST_CARDS.filter((card) => card.contactlessNoCvmLimit !== undefined);
    expect(limited.map((card) => card.pan)).toEqual(['6200001000000094']);
    expect(limited[0]!.contactlessNoCvmLimit).toEqual({ amountMinor: 100_000, currency: '156' });
  });

  it('builds track 2 as PAN=YYMM, service code and ten zeros', () => {
    expect(track2Of(cardProfile('6200001000000011'))).toBe('6200001000000011=30122010000000000');
    expect(track2Of(cardProfile('6200001000000060'))).toBe('6200001000000060=20012010000000000');
  });
});

describe('cardProfile', () => {
  it('presents an unlisted PAN as a chip card of its BIN brand', () => {
    expect(cardProfile('6200009999999995')).toEqual({
      pan: '6200009999999995',
      brand: 'UnionPay',
      type: 'debit',
      expiry: '3012',
      serviceCode: '201',
    });
    expect(cardProfile('4111111111111111').brand).toBe('Visa');
    expect(cardProfile('5500000000000004').brand).toBe('Mastercard');
    expect(cardProfile('2221000000000009').brand).toBe('Mastercard');
  });

  it('refuses a malformed PAN or a BIN of no known brand', () => {
    for (const pan of ['', '62000010000', '62000010000000111111', '6200 0010 0000 0011', '378282246310005']) {
      expect(() => cardProfile(pan)).toThrow(expect.objectContaining({ code: 'TERMINAL_INVALID_INPUT' }));
    }
  });
});

describe('describeEntryMode', () => {
  it('gives field 22 per cup-pos-8583-reference §2: PAN entry digits, then 1 with PIN, 2 without', () => {
    expect(describeEntryMode('swipe', true)).toBe('021');
    expect(describeEntryMode('swipe', false)).toBe('022');
    expect(describeEntryMode('insert', true)).toBe('051');
    expect(describeEntryMode('insert', false)).toBe('052');
    expect(describeEntryMode('tap', true)).toBe('071');
    expect(describeEntryMode('tap', false)).toBe('072');
    expect(describeEntryMode('keyed', false)).toBe('012');
    expect(describeEntryMode('keyed', true)).toBe('011');
  });
});

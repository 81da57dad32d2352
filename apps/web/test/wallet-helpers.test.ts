import { describe, expect, it } from 'vitest';
import { groupDigits, secondsLeft } from '../src/wallet/countdown.js';
import { currencyLabel, formatMinor, formatMoney } from '../src/wallet/money.js';
import { loadSession, saveSession } from '../src/wallet/session-store.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('wallet amounts', () => {
  it('formats minor units with grouped yuan and two decimals, never through floats', () => {
    expect(formatMinor(0)).toBe('0.00');
    expect(formatMinor(5)).toBe('0.05');
    expect(formatMinor(1234)).toBe('12.34');
    expect(formatMinor(500000)).toBe('5,000.00');
    expect(formatMinor(123456789)).toBe('1,234,567.89');
    expect(formatMinor(-2000)).toBe('-20.00');
    expect(() => formatMinor(12.5)).toThrow(/minor units/);
  });

  it('shows CNY as ¥, other currencies by their code', () => {
    expect(currencyLabel('156')).toBe('¥');
    expect(formatMoney(2000, 'CNY')).toBe('¥20.00');
    expect(formatMoney(2000, '840')).toBe('840 20.00');
  });
});

describe('the pay code countdown', () => {
  const expiresAt = '2026-11-26T04:01:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts whole seconds up to the expiry and stops at 0', () => {
    expect(secondsLeft(expiresAt, at('2026-11-26T04:00:00.000Z'))).toBe(60);
    expect(secondsLeft(expiresAt, at('2026-11-26T04:00:59.001Z'))).toBe(1);
    expect(secondsLeft(expiresAt, at('2026-11-26T04:01:00.000Z'))).toBe(0);
    expect(secondsLeft(expiresAt, at('2026-11-26T04:05:00.000Z'))).toBe(0);
    expect(secondsLeft('not a time', at('2026-11-26T04:00:00.000Z'))).toBe(0);
  });

  it('groups the 19 digits by four for reading aloud', () => {
    expect(groupDigits('6212345678901234567')).toBe('6212 3456 7890 1234 567');
  });
});

describe('the stored wallet session', () => {
  it('keeps a session for the tab and forgets it on sign-out', () => {
    const storage = new MemoryStorage();
    const session = { token: 'wt_abc', user: 'alice', name: 'Alice', balanceMinor: 500000, currency: '156' };
    expect(loadSession(storage)).toBeUndefined();
    saveSession(storage, session);
    expect(loadSession(storage)).toEqual(session);
    saveSession(storage, undefined);
    expect(loadSession(storage)).toBeUndefined();
  });

  it('ignores what is not a session', () => {
    const storage = new MemoryStorage();
    storage.setItem('payterm-wallet-session', '{not json');
    expect(loadSession(storage)).toBeUndefined();
    storage.setItem('payterm-wallet-session', JSON.stringify({ token: 'wt_abc', user: 'alice' }));
    expect(loadSession(storage)).toBeUndefined();
  });
});

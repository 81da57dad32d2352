import { describe, expect, it } from 'vitest';
import { parseHostAddress, resolveProfile } from '../src/profile.js';

describe('parseHostAddress (TMS tags 20/21)', () => {
  it('splits a name, an IPv4 address and a bracketed IPv6 literal from the port', () => {
    expect(parseHostAddress('tms.example.com:8583')).toEqual({ host: 'tms.example.com', port: 8583 });
    expect(parseHostAddress('10.0.0.7:1')).toEqual({ host: '10.0.0.7', port: 1 });
    expect(parseHostAddress('[::1]:65535')).toEqual({ host: '::1', port: 65_535 });
    expect(parseHostAddress('[fe80::1:2]:8584')).toEqual({ host: 'fe80::1:2', port: 8584 });
  });

  it('refuses what is not host:port', () => {
    for (const text of [
      'no-port',
      'host:',
      ':8583',
      'host:0',
      'host:65536',
      'host:123456',
      '::1:8583',
      '[::1]',
      '[not-hex]:8583',
      'two words:8583',
      'host:85x3',
    ]) {
      expect(parseHostAddress(text), text).toBeUndefined();
    }
  });

  it('is the check resolveProfile applies to primaryHost and secondaryHost', () => {
    const base = { tid: '10000001', mid: '898310048990001' };
    expect(resolveProfile({ ...base, secondaryHost: '[::1]:8584' }).secondaryHost).toBe('[::1]:8584');
    expect(() => resolveProfile({ ...base, primaryHost: 'host:0' })).toThrow(
      expect.objectContaining({ code: 'TERMINAL_INVALID_INPUT', details: { option: 'primaryHost' } }),
    );
  });
});

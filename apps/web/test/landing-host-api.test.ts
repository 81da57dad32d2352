import { describe, expect, it } from 'vitest';
import { readDemo, readHealth, terminalHref } from '../src/landing/host-api.js';

const healthy = { status: 'ok', database: 'up', engine: { healthy: true }, version: '0.1.0' };

describe('readHealth', () => {
  it('reads a healthy host with its version, database and the time of its answer', () => {
    expect(readHealth(200, healthy, 'Wed, 26 Nov 2026 10:00:00 GMT')).toEqual({
      state: 'ok',
      version: '0.1.0',
      database: 'up',
      engineHealthy: true,
      checkedAt: 'Wed, 26 Nov 2026 10:00:00 GMT',
    });
  });

  it('reads a 503 with a down database as degraded, keeping what the host said', () => {
    const body = { status: 'degraded', database: 'down', engine: { healthy: true }, version: '0.1.0' };
    expect(readHealth(503, body)).toEqual({
      state: 'degraded',
      version: '0.1.0',
      database: 'down',
      engineHealthy: true,
    });
  });

  it('counts an ok body with a non-200 status as degraded, not ok', () => {
    expect(readHealth(500, healthy).state).toBe('degraded');
  });

  it('reads an engine without its healthy flag as unhealthy', () => {
    expect(readHealth(503, { ...healthy, status: 'degraded', engine: {} }).engineHealthy).toBe(false);
  });

  it('reads anything that is not a PayTerm health answer as unreachable, naming the HTTP status', () => {
    for (const body of [undefined, null, 'ok', [], { status: 'ok' }, { ...healthy, version: 1 }]) {
      const status = readHealth(404, body);
      expect(status.state).toBe('unreachable');
      expect(status.reason).toContain('HTTP 404');
      expect(status.version).toBeUndefined();
    }
  });
});

describe('readDemo', () => {
  const listing = {
    merchant: { mid: '898310058120001', name: 'PayTerm Demo Store' },
    terminals: [
      {
        tid: '10000001',
        status: 'active',
        signedIn: true,
        batchNo: '000002',
        signedInAt: '2026-11-26T10:00:00.000Z',
      },
      { tid: '10000002', status: 'disabled', signedIn: false, batchNo: '000001', signedInAt: null },
    ],
  };

  it('reads the merchant and every terminal, dropping fields the page does not show', () => {
    const extra = { ...listing, terminals: listing.terminals.map((terminal) => ({ ...terminal, tmk: 'x' })) };
    expect(readDemo(extra)).toEqual(listing);
  });

  it('names the first field that is wrong', () => {
    expect(() => readDemo([])).toThrow('not a JSON object');
    expect(() => readDemo({ ...listing, merchant: { mid: '898310058120001' } })).toThrow('merchant');
    expect(() => readDemo({ ...listing, terminals: {} })).toThrow('terminals is not a list');
    const badSecond = [listing.terminals[0], { ...listing.terminals[1], signedIn: 'no' }];
    expect(() => readDemo({ ...listing, terminals: badSecond })).toThrow('terminals[1]');
  });
});

describe('terminalHref', () => {
  it('links the device page of the terminal, escaping what is not a plain TID', () => {
    expect(terminalHref('10000001')).toBe('/terminal?tid=10000001');
    expect(terminalHref('1&x=2')).toBe('/terminal?tid=1%26x%3D2');
  });
});

import { describe, expect, it } from 'vitest';
import type { PosResponse } from '@payterm/protocol';
import { restoreResponse, storeResponse } from '../../src/engine/stored-response.js';

describe('stored responses', () => {
  it('round-trip a response without bytes as plain JSON', () => {
    const response: PosResponse = {
      kind: 'balance',
      responseCode: '00',
      rrn: '330000000001',
      authCode: '123456',
      balance: { accountType: '10', amountType: '02', currency: '156', amountMinor: 10_000_000 },
    };
    const json = storeResponse(response);
    expect(JSON.parse(json)).toEqual(response);
    expect(restoreResponse(json)).toEqual(response);
  });

  it('keep bytes (ICC issuer data) as hex and give them back as bytes', () => {
    const response: PosResponse = {
      kind: 'sale',
      responseCode: '00',
      icc: new Uint8Array([0x91, 0x02, 0x30, 0x30]),
    };
    const json = storeResponse(response);
    expect(json).toContain('"icc":{"hex":"91023030"}');
    const restored = restoreResponse(json);
    expect(restored.icc).toBeInstanceOf(Uint8Array);
    expect(restored).toEqual(response);
  });
});

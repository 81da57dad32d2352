import { describe, expect, it } from 'vitest';
import type { PosResponse } from '@payterm/protocol';
import {
  compactStoredResponse,
  replayedResponse,
  restoreResponse,
  storeResponse,
} from '../../src/engine/stored-response.js';
import { hostTimeFields } from '../../src/flows/host-time.js';

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

  it('keep nothing for a plain answer, and rebuild it from the row', () => {
    const receivedAt = Date.UTC(2026, 10, 26, 2, 30, 15);
    const response: PosResponse = {
      kind: 'sale',
      responseCode: '00',
      rrn: '330000000042',
      authCode: '654321',
      ...hostTimeFields(receivedAt),
    };
    expect(compactStoredResponse(response, receivedAt)).toBeNull();
    const rebuilt = replayedResponse('sale', {
      responseJson: null,
      responseCode: '00',
      rrn: '330000000042',
      authCode: '654321',
      receivedAt,
    });
    expect(rebuilt).toEqual(response);
    expect(response.localTime).toBe('103015');
  });

  it('keep answers with more than the row holds as JSON', () => {
    const receivedAt = Date.UTC(2026, 10, 26, 2, 30, 15);
    const balance: PosResponse = {
      kind: 'balance',
      responseCode: '00',
      balance: { accountType: '10', amountType: '02', currency: '156', amountMinor: 5 },
      ...hostTimeFields(receivedAt),
    };
    const json = compactStoredResponse(balance, receivedAt);
    expect(json).not.toBeNull();
    expect(
      replayedResponse('balance', {
        responseJson: json,
        responseCode: '00',
        rrn: null,
        authCode: null,
        receivedAt,
      }),
    ).toEqual(balance);
  });
});

import { describe, expect, it } from 'vitest';
import { decodePosRequest, encodePosRequest } from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

describe('decoded requests', () => {
  it('start with their kind, then the envelope, then their own fields, for every kind', () => {
    for (const request of SAMPLE_REQUESTS) {
      const decoded = decodePosRequest(encodePosRequest(request));
      if (!decoded.ok) throw decoded.error;
      const keys = Object.keys(decoded.value);
      expect(keys[0]).toBe('kind');
      expect(keys.slice(1, 4)).toEqual(['tid', 'mid', 'batch']);
      expect(new Set(keys)).toEqual(new Set(Object.keys(request)));
    }
  });

  it('a chip sale lists its fields in the order it always had', () => {
    const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
    const decoded = decodePosRequest(encodePosRequest(sale));
    expect(decoded.ok && Object.keys(decoded.value)).toEqual([
      'kind',
      'tid',
      'mid',
      'batch',
      'tpdu',
      'header',
      'stan',
      'field60Extension',
      'card',
      'amount',
    ]);
    expect(decoded.ok && 'card' in decoded.value && Object.keys(decoded.value.card)).toEqual([
      'entryMode',
      'pan',
      'expiry',
      'cardSequence',
      'track2',
      'pinCaptureCode',
      'pinBlock',
      'securityControl',
      'icc',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { maskForLog } from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

const CLEAR = [
  '6212345678901234567',
  '4392260009942820',
  '6223360612494957384',
  '30121011234567',
  '131210112008439',
];

describe('maskForLog', () => {
  it('leaves no clear PAN, track, PIN block or QR code in any sample request', () => {
    for (const request of SAMPLE_REQUESTS) {
      const text = JSON.stringify(maskForLog(request));
      for (const secret of CLEAR) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/ACF46E73|172,244/i); // the PIN block, as hex or as a byte array
    }
  });

  it('keeps what an operator needs to find the transaction', () => {
    const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
    expect(maskForLog(sale)).toMatchObject({
      kind: 'sale',
      stan: '000123',
      amount: { amountMinor: 12_345, currency: '156' },
      card: { pan: '621234*********4567', pinBlock: '[PIN block]', icc: '[ICC data, 15 bytes]' },
    });
  });
});

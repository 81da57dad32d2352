import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildQrPayload } from '@payterm/emv';
import { decodeQr, decodeSize, MAX_DECODE_SIDE, type Pixels } from '../src/shared/qr-decode.js';

/** The QR code of `text` as RGBA pixels (black modules on white, a 4-module quiet zone). */
function qrPixels(text: string, scale = 4): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const offset = (((row + quiet) * scale + y) * side + (column + quiet) * scale + x) * 4;
          data[offset] = data[offset + 1] = data[offset + 2] = 0;
        }
      }
    }
  }
  return { data, width: side, height: side };
}

describe('decoding scanned QR codes (jsQR)', () => {
  it('reads back a merchant-presented payload drawn by qrcode', () => {
    const payload = buildQrPayload([
      { id: '00', value: '01' },
      { id: '01', value: '12' },
      {
        id: '26',
        children: [
          { id: '00', value: 'com.payterm.pay' },
          { id: '01', value: '898310058120001' },
          { id: '02', value: '10000001' },
        ],
      },
      { id: '52', value: '5411' },
      { id: '53', value: '156' },
      { id: '54', value: '12.34' },
      { id: '58', value: 'CN' },
      { id: '59', value: 'PayTerm Demo Store' },
      { id: '60', value: 'Shanghai' },
      {
        id: '62',
        children: [
          { id: '01', value: '000000000123' },
          { id: '07', value: '10000001' },
        ],
      },
    ]);
    expect(decodeQr(qrPixels(payload))).toBe(payload);
  });

  it('reads back the pay code, and finds nothing in a blank picture', () => {
    expect(decodeQr(qrPixels('6212345678901234567', 3))).toBe('6212345678901234567');
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(decodeQr(blank)).toBeNull();
  });

  it('scales large photos down to the decode size, keeping the aspect ratio', () => {
    expect(decodeSize(4000, 3000)).toEqual({ width: MAX_DECODE_SIDE, height: 960 });
    expect(decodeSize(640, 480)).toEqual({ width: 640, height: 480 });
  });
});

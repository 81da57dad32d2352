/** The sale and codecs shared by the error tests. */
import { createCodec, cupPosSpec, iso87AsciiSpec, type Iso8583Message } from '@payterm/iso8583';
import { cupPosBodySpec } from './custom-specs.js';

export const body = createCodec(cupPosBodySpec);
export const cupPos = createCodec(cupPosSpec);
export const iso87 = createCodec(iso87AsciiSpec);
export const HEADERS = { tpdu: '6000030000', header: '603210320072' };
export const PAN_16 = '6200001000000011';

/**
 * 0200 with PAN (LLVAR, 16 digits), amount (n12) and 60 (LLL, 11 digits: 60.1 `22`, 60.2 `000001`, 60.3 `003`):
 * MTI 0–1, bitmap 2–9, F2 prefix 10 + data 11–18, F4 19–24, F60 prefix 25–26 + data 27–32.
 */
export const SALE: Iso8583Message = {
  mti: '0200',
  fields: { 2: '6200001000000011', 4: '000000000051', 60: '22000001003' },
};
export const saleBytes = body.pack(SALE);

export function patched(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, at);
  return copy;
}

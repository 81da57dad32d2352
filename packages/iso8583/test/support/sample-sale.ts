/** A CUP POS IC sale carrying every kind of sensitive data describe() and JSON must mask. */
import { encodeBerTlv, type Iso8583Message } from '@payterm/iso8583';
import { hex } from './cup-pos-dumps.js';

export const PAN = '6200001000000011';
export const MASKED_PAN = '620000******0011';
export const QR_CODE = '6225880134567890123';
export const CRYPTOGRAM = '1122334455667788';
export const PIN_BLOCK = 'ACF46E73838A82F9';

export const ICC_DATA = encodeBerTlv([
  { tag: '9F26', value: hex(CRYPTOGRAM) },
  { tag: '9F27', value: hex('80') },
  { tag: '5A', value: hex(PAN) },
  { tag: '57', value: hex(`${PAN}D2512101123456789F`) },
  { tag: '5F20', value: new TextEncoder().encode('ZHANG/SAN') },
  { tag: 'DF7F', value: hex('01') },
]);

export const SALE: Iso8583Message = {
  mti: '0200',
  headers: { tpdu: '6000030000', header: '603210320072' },
  fields: {
    2: PAN,
    3: '000000',
    4: '000000000051',
    11: '001834',
    22: '051',
    25: '00',
    35: `${PAN}=25121011234567890`,
    41: '16688014',
    42: '000000000000001',
    49: '156',
    52: hex(PIN_BLOCK),
    55: ICC_DATA,
    59: `A3019${QR_CODE}A2008SN123456`,
    60: '22000001000500',
    64: hex('3841394539314238'),
  },
};

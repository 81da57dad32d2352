import type { FieldSpec, MessageSpec, NumberedFieldSpec } from '../spec/spec-types.js';
import { EMV_FIELD_55_TAGS } from './emv-tag-names.js';
import { hexFixed, hexVar, textFixed, textVar } from './field-builders.js';

/**
 * Generic ISO 8583:1987 in ASCII, as hosts exchange it: ASCII MTI, hex-ASCII bitmaps (primary and
 * secondary), ASCII digits and text, ASCII LL/LLL prefixes, binary fields as hex ASCII whose length
 * counts bytes. Frames carry a 4-digit ASCII length.
 */
const n = (name: string, length: number): FieldSpec => textFixed(name, 'n', length);
const an = (name: string, length: number): FieldSpec => textFixed(name, 'an', length);
const ans = (name: string, length: number): FieldSpec => textFixed(name, 'ans', length);
const xn = (name: string, length: number): FieldSpec => textFixed(name, 'x+n', length);
const llvar = (
  name: string,
  charset: FieldSpec['charset'],
  max: number,
  extra: Partial<FieldSpec> = {},
): FieldSpec => textVar(name, charset, 2, max, 'ascii', extra);
const lllvar = (
  name: string,
  charset: FieldSpec['charset'],
  max: number,
  extra: Partial<FieldSpec> = {},
): FieldSpec => textVar(name, charset, 3, max, 'ascii', extra);

const fields: Record<number, FieldSpec> = {
  2: llvar('Primary account number', 'n', 19, { sensitive: 'pan' }),
  3: n('Processing code', 6),
  4: n('Amount, transaction', 12),
  5: n('Amount, settlement', 12),
  6: n('Amount, cardholder billing', 12),
  7: n('Transmission date and time', 10),
  8: n('Amount, cardholder billing fee', 8),
  9: n('Conversion rate, settlement', 8),
  10: n('Conversion rate, cardholder billing', 8),
  11: n('System trace audit number', 6),
  12: n('Time, local transaction', 6),
  13: n('Date, local transaction', 4),
  14: n('Date, expiration', 4),
  15: n('Date, settlement', 4),
  16: n('Date, conversion', 4),
  17: n('Date, capture', 4),
  18: n('Merchant type', 4),
  19: n('Acquiring institution country code', 3),
  20: n('PAN extended, country code', 3),
  21: n('Forwarding institution country code', 3),
  22: n('Point of service entry mode', 3),
  23: n('Card sequence number', 3),
  24: n('Network international identifier', 3),
  25: n('Point of service condition code', 2),
  26: n('Point of service PIN capture code', 2),
  27: n('Authorizing identification response length', 1),
  28: xn('Amount, transaction fee', 9),
  29: xn('Amount, settlement fee', 9),
  30: xn('Amount, transaction processing fee', 9),
  31: xn('Amount, settlement processing fee', 9),
  32: llvar('Acquiring institution identification code', 'n', 11),
  33: llvar('Forwarding institution identification code', 'n', 11),
  34: llvar('Primary account number, extended', 'ns', 28, { sensitive: 'pan' }),
  35: llvar('Track 2 data', 'z', 37, { sensitive: 'track' }),
  36: lllvar('Track 3 data', 'z', 104, { sensitive: 'track' }),
  37: an('Retrieval reference number', 12),
  38: an('Authorization identification response', 6),
  39: an('Response code', 2),
  40: an('Service restriction code', 3),
  41: ans('Card acceptor terminal identification', 8),
  42: ans('Card acceptor identification code', 15),
  43: ans('Card acceptor name/location', 40),
  44: llvar('Additional response data', 'ans', 25),
  45: llvar('Track 1 data', 'ans', 76, { sensitive: 'track' }),
  46: lllvar('Additional data, ISO', 'ans', 999),
  47: lllvar('Additional data, national', 'ans', 999),
  48: lllvar('Additional data, private', 'ans', 999),
  49: an('Currency code, transaction', 3),
  50: an('Currency code, settlement', 3),
  51: an('Currency code, cardholder billing', 3),
  52: hexFixed('PIN data', 8, { sensitive: 'pin-block' }),
  53: n('Security related control information', 16),
  54: lllvar('Additional amounts', 'ans', 120),
  55: hexVar('ICC data', 3, 255, { sensitive: 'icc', tlv: { format: 'ber', tags: EMV_FIELD_55_TAGS } }),
  56: lllvar('Reserved, ISO', 'ans', 999),
  57: lllvar('Reserved, national', 'ans', 999),
  58: lllvar('Reserved, national', 'ans', 999),
  59: lllvar('Reserved, national', 'ans', 999),
  60: lllvar('Reserved, national', 'ans', 999),
  61: lllvar('Reserved, private', 'ans', 999),
  62: lllvar('Reserved, private', 'ans', 999),
  63: lllvar('Reserved, private', 'ans', 999),
  64: hexFixed('Message authentication code', 8),
  65: hexFixed('Bitmap, extended', 8),
  66: n('Settlement code', 1),
  67: n('Extended payment code', 2),
  68: n('Receiving institution country code', 3),
  69: n('Settlement institution country code', 3),
  70: n('Network management information code', 3),
  71: n('Message number', 4),
  72: n('Message number, last', 4),
  73: n('Date, action (YYMMDD)', 6),
  74: n('Credits, number', 10),
  75: n('Credits, reversal number', 10),
  76: n('Debits, number', 10),
  77: n('Debits, reversal number', 10),
  78: n('Transfers, number', 10),
  79: n('Transfers, reversal number', 10),
  80: n('Inquiries, number', 10),
  81: n('Authorizations, number', 10),
  82: n('Credits, processing fee amount', 12),
  83: n('Credits, transaction fee amount', 12),
  84: n('Debits, processing fee amount', 12),
  85: n('Debits, transaction fee amount', 12),
  86: n('Credits, amount', 16),
  87: n('Credits, reversal amount', 16),
  88: n('Debits, amount', 16),
  89: n('Debits, reversal amount', 16),
  90: n('Original data elements', 42),
  91: an('File update code', 1),
  92: an('File security code', 2),
  93: an('Response indicator', 5),
  94: an('Service indicator', 7),
  95: an('Replacement amounts', 42),
  96: hexFixed('Message security code', 8),
  97: xn('Amount, net settlement', 17),
  98: ans('Payee', 25),
  99: llvar('Settlement institution identification code', 'n', 11),
  100: llvar('Receiving institution identification code', 'n', 11),
  101: llvar('File name', 'ans', 17),
  102: llvar('Account identification 1', 'ans', 28),
  103: llvar('Account identification 2', 'ans', 28),
  104: lllvar('Transaction description', 'ans', 100),
  128: hexFixed('Message authentication code', 8),
};
for (let number = 105; number <= 127; number++) {
  const use = number <= 111 ? 'ISO' : number <= 119 ? 'national' : 'private';
  fields[number] = lllvar(`Reserved, ${use}`, 'ans', 999);
}

export const iso87AsciiSpec: MessageSpec = {
  id: 'iso87-ascii',
  name: 'ISO 8583:1987, ASCII',
  description: 'Host-to-host ISO 8583:1987: ASCII MTI and fields, hex-ASCII bitmaps, binary fields as hex.',
  headers: [],
  mti: { encoding: 'ascii' },
  bitmap: { encoding: 'hex', maxBitmaps: 2 },
  fields: Object.entries(fields)
    .map(([number, spec]): NumberedFieldSpec => ({ number: Number(number), ...spec }))
    .sort((a, b) => a.number - b.number),
  framing: { lengthPrefix: 'ascii-4', maxLength: 9999 },
};

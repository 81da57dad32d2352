import type { MessageSpec, NumberedFieldSpec, FieldSpec, HeaderPartSpec } from '../spec/spec-types.js';
import { EMV_FIELD_55_TAGS } from './emv-tag-names.js';
import { bcdFixed, bcdVar, binaryFixed, binaryVar, textFixed, textVar } from './field-builders.js';

/**
 * UnionPay-style POS ISO 8583 (shared/spec/cup-pos-8583-reference.md §1–2): 2-byte binary frame length,
 * TPDU, 6-byte BCD header, BCD MTI, binary primary bitmap, n fields in BCD, an/ans in ASCII.
 * Fields the reference does not use follow ISO 8583:1987 formats in the same wire encodings.
 */

const tpdu: HeaderPartSpec = {
  id: 'tpdu',
  name: 'TPDU',
  charset: 'x',
  encoding: 'bcd',
  unit: 'digits',
  length: { kind: 'fixed', length: 10 },
  subfields: [
    { id: 'id', name: 'TPDU ID', length: 2, charset: 'x', values: { '60': 'transaction' } },
    { id: 'destination', name: 'Destination address', length: 4, charset: 'x' },
    { id: 'source', name: 'Source address', length: 4, charset: 'x' },
  ],
};

// The header is read as hex nibbles: real traffic carries sub-versions such as 31110E.
const header: HeaderPartSpec = {
  id: 'header',
  name: 'Message header',
  charset: 'x',
  encoding: 'bcd',
  unit: 'digits',
  length: { kind: 'fixed', length: 12 },
  subfields: [
    {
      id: 'application',
      name: 'Application category',
      length: 2,
      charset: 'x',
      values: {
        '60': 'magstripe financial',
        '61': 'IC financial',
        '62': 'magstripe value-added',
        '63': 'IC value-added',
      },
    },
    { id: 'version', name: 'Software version', length: 2, charset: 'x' },
    {
      id: 'status',
      name: 'Terminal status',
      length: 1,
      charset: 'x',
      values: { '0': 'production', '1': 'test' },
    },
    {
      id: 'processing',
      name: 'Processing requirement',
      length: 1,
      charset: 'x',
      values: {
        '0': 'none',
        '1': 'download terminal parameters',
        '2': 'upload terminal status',
        '3': 'sign in again',
        '4': 'update IC public keys',
        '5': 'download IC parameters',
        '6': 'TMS parameter download',
        '7': 'card-BIN blacklist download',
        '8': 'rate download',
        '9': 'download contactless parameters',
      },
    },
    { id: 'subVersion', name: 'Software sub-version', length: 6, charset: 'x' },
  ],
};

const settlementTotals: NonNullable<FieldSpec['subfields']> = [
  { id: '1', name: 'Domestic debit amount', length: 12, charset: 'n' },
  { id: '2', name: 'Domestic debit count', length: 3, charset: 'n' },
  { id: '3', name: 'Domestic credit amount', length: 12, charset: 'n' },
  { id: '4', name: 'Domestic credit count', length: 3, charset: 'n' },
  { id: '5', name: 'Domestic result', length: 1, charset: 'n', values: settlementResultCodes() },
  { id: '6', name: 'Foreign debit amount', length: 12, charset: 'n' },
  { id: '7', name: 'Foreign debit count', length: 3, charset: 'n' },
  { id: '8', name: 'Foreign credit amount', length: 12, charset: 'n' },
  { id: '9', name: 'Foreign credit count', length: 3, charset: 'n' },
  { id: '10', name: 'Foreign result', length: 1, charset: 'n', values: settlementResultCodes() },
];

function settlementResultCodes(): Record<string, string> {
  return { '0': 'request', '1': 'balanced', '2': 'unbalanced', '3': 'error' };
}

const reserved = (name: string): FieldSpec => textVar(name, 'ans', 3, 999, 'bcd');

const fields: Record<number, FieldSpec> = {
  2: bcdVar('Primary account number', 2, 19, 'n', { sensitive: 'pan' }),
  3: bcdFixed('Processing code', 6),
  4: bcdFixed('Amount, transaction', 12),
  5: bcdFixed('Amount, settlement', 12),
  6: bcdFixed('Amount, cardholder billing', 12),
  7: bcdFixed('Transmission date and time', 10),
  8: bcdFixed('Amount, cardholder billing fee', 8),
  9: bcdFixed('Conversion rate, settlement', 8),
  10: bcdFixed('Conversion rate, cardholder billing', 8),
  11: bcdFixed('System trace audit number', 6),
  12: bcdFixed('Time, local transaction', 6),
  13: bcdFixed('Date, local transaction', 4),
  14: bcdFixed('Date, expiration', 4),
  15: bcdFixed('Date, settlement', 4),
  16: bcdFixed('Date, conversion', 4),
  17: bcdFixed('Date, capture', 4),
  18: bcdFixed('Merchant type', 4),
  19: bcdFixed('Acquiring institution country code', 3),
  20: bcdFixed('PAN extended, country code', 3),
  21: bcdFixed('Forwarding institution country code', 3),
  22: bcdFixed('Point of service entry mode', 3, { align: 'left' }),
  23: bcdFixed('Card sequence number', 3),
  24: bcdFixed('Network international identifier', 3),
  25: bcdFixed('Point of service condition code', 2),
  26: bcdFixed('Point of service PIN capture code', 2),
  27: bcdFixed('Authorizing identification response length', 1),
  28: textFixed('Amount, transaction fee', 'x+n', 9),
  29: textFixed('Amount, settlement fee', 'x+n', 9),
  30: textFixed('Amount, transaction processing fee', 'x+n', 9),
  31: textFixed('Amount, settlement processing fee', 'x+n', 9),
  32: bcdVar('Acquiring institution identification code', 2, 11),
  33: bcdVar('Forwarding institution identification code', 2, 11),
  34: textVar('Primary account number, extended', 'ns', 2, 28, 'bcd', { sensitive: 'pan' }),
  35: bcdVar('Track 2 data', 2, 37, 'z', { sensitive: 'track' }),
  36: bcdVar('Track 3 data', 3, 104, 'z', { sensitive: 'track' }),
  37: textFixed('Retrieval reference number', 'an', 12),
  38: textFixed('Authorization identification response', 'an', 6),
  39: textFixed('Response code', 'an', 2),
  40: textFixed('Service restriction code', 'an', 3),
  41: textFixed('Card acceptor terminal identification', 'ans', 8),
  42: textFixed('Card acceptor identification code', 'ans', 15),
  43: textFixed('Card acceptor name/location', 'ans', 40),
  44: textVar('Additional response data', 'ans', 2, 25, 'bcd', {
    subfields: [
      { id: '1', name: 'Issuer identification', length: 11, charset: 'ans' },
      { id: '2', name: 'Acquirer identification', length: 11, charset: 'ans' },
    ],
  }),
  45: textVar('Track 1 data', 'ans', 2, 76, 'bcd', { sensitive: 'track' }),
  46: reserved('Additional data, ISO'),
  47: reserved('Additional data, national'),
  48: bcdVar('Additional data, private', 3, 322, 'n', { subfields: settlementTotals }),
  49: textFixed('Currency code, transaction', 'an', 3),
  50: textFixed('Currency code, settlement', 'an', 3),
  51: textFixed('Currency code, cardholder billing', 'an', 3),
  52: binaryFixed('PIN data', 8, { sensitive: 'pin-block' }),
  53: bcdFixed('Security related control information', 16),
  54: textVar('Additional amounts', 'ans', 3, 40, 'bcd'),
  55: binaryVar('ICC data', 3, 255, { sensitive: 'icc', tlv: { format: 'ber', tags: EMV_FIELD_55_TAGS } }),
  56: reserved('Reserved, ISO'),
  57: reserved('Reserved, national'),
  58: reserved('Reserved, national'),
  59: textVar('Custom data', 'ans', 3, 999, 'bcd', {
    tlv: {
      format: 'ascii',
      tagChars: 2,
      lengthDigits: 3,
      tags: {
        A1: { name: 'SM PIN data', sensitive: 'pin-block' },
        A2: { name: 'Terminal hardware serial number' },
        A3: { name: 'QR payment code', sensitive: 'secret' },
        A4: { name: 'QR payment voucher number' },
      },
    },
  }),
  60: bcdVar('Reserved private (message type, batch, network code)', 3, 999, 'n', {
    subfields: [
      { id: '1', name: 'Message type code', length: 2, charset: 'n' },
      { id: '2', name: 'Batch number', length: 6, charset: 'n' },
      { id: '3', name: 'Network management information code', length: 3, charset: 'n' },
      {
        id: '4',
        name: 'Terminal read capability',
        length: 1,
        charset: 'n',
        values: {
          '0': 'unknown',
          '2': 'magstripe',
          '5': 'magstripe + contact IC',
          '6': 'magstripe + contact + contactless',
        },
      },
      {
        id: '5',
        name: 'IC condition code',
        length: 1,
        charset: 'n',
        values: { '0': 'normal', '1': 'IC card swiped', '2': 'fallback' },
      },
      {
        id: '6',
        name: 'Partial approval support',
        length: 1,
        charset: 'n',
        values: { '0': 'no', '1': 'yes' },
      },
      { id: '7', name: 'Account type', length: 3, charset: 'n' },
    ],
  }),
  61: bcdVar('Original data', 3, 29, 'n', {
    subfields: [
      { id: '1', name: 'Original batch number', length: 6, charset: 'n' },
      { id: '2', name: 'Original STAN', length: 6, charset: 'n' },
      { id: '3', name: 'Original date (MMDD)', length: 4, charset: 'n' },
      { id: '4', name: 'Original authorization method', length: 2, charset: 'n' },
      { id: '5', name: 'Authorizing institution', length: 11, charset: 'n' },
    ],
  }),
  62: binaryVar('Reserved private (keys, parameters, upload data)', 3, 512),
  63: textVar('Reserved private (operator, card organisation)', 'ans', 3, 163, 'bcd', {
    subfields: [
      { id: '1', name: 'Operator code / card organisation', length: 3, charset: 'ans' },
      { id: '2', name: 'Issuer reserved', length: 20, charset: 'ans' },
      { id: '3', name: 'UnionPay reserved', length: 20, charset: 'ans' },
      { id: '4', name: 'Acquirer reserved', length: 20, charset: 'ans' },
      { id: '5', name: 'Terminal reserved', length: 60, charset: 'ans' },
    ],
  }),
  64: binaryFixed('Message authentication code', 8),
};

export const cupPosSpec: MessageSpec = {
  id: 'cup-pos',
  name: 'UnionPay-style POS ISO 8583 (CUP POS)',
  description:
    'Terminal ⇄ acquirer dialect: TPDU + 6-byte BCD header, BCD MTI and numbers, binary bitmap, fields 2–64.',
  headers: [tpdu, header],
  mti: { encoding: 'bcd' },
  bitmap: { encoding: 'binary', maxBitmaps: 1 },
  fields: Object.entries(fields).map(([number, spec]): NumberedFieldSpec => ({
    number: Number(number),
    ...spec,
  })),
  framing: { lengthPrefix: 'binary-2', maxLength: 8192 },
};

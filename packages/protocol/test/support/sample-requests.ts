/** One request of every kind (and every batch-upload type), as a PayTerm terminal would send it. */
import type { CardData, PosEnvelope, PosRequest } from '@payterm/protocol';

export const ENVELOPE: PosEnvelope = {
  tpdu: '6000030000',
  header: '613100311108',
  tid: '16688014',
  mid: '898310048164001',
  stan: '000123',
  batch: '000007',
};

const CHIP_CARD: CardData = {
  pan: '6212345678901234567',
  expiry: '3012',
  entryMode: '051',
  cardSequence: '001',
  track2: '6212345678901234567=30121011234567',
  pinCaptureCode: '06',
  pinBlock: new Uint8Array([0xac, 0xf4, 0x6e, 0x73, 0x83, 0x8a, 0x82, 0xf9]),
  securityControl: '2600000000000000',
  icc: new Uint8Array([0x9f, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x9f, 0x27, 0x01, 0x80]),
};

/** A reversal copies the card fields of its original without PIN data (26, 52). */
const REVERSAL_CARD: CardData = {
  pan: '6212345678901234567',
  expiry: '3012',
  entryMode: '051',
  cardSequence: '001',
  securityControl: '2600000000000000',
  icc: new Uint8Array([0x9f, 0x27, 0x01, 0x80]),
};

const SWIPED_CARD: CardData = {
  pan: '4392260009942820',
  panFromTrack2: true,
  entryMode: '022',
  track2: '4392260009942820=131210112008439',
};

const CNY = (amountMinor: number) => ({ amountMinor, currency: '156' });
const ORIGINAL = { batch: '000007', stan: '000120', date: '1126' };

export const SAMPLE_REQUESTS: readonly PosRequest[] = [
  { kind: 'sign-in', ...ENVELOPE, keyLayout: '004', operator: '001' },
  {
    kind: 'sign-in',
    ...ENVELOPE,
    keyLayout: '001',
    operator: '01 ',
    terminalInfo: new Uint8Array([0x53, 0x4e]),
  },
  { kind: 'sign-off', ...ENVELOPE },
  { kind: 'echo', ...ENVELOPE },
  { kind: 'parameter-download', ...ENVELOPE, startIndex: 0 },
  { kind: 'parameter-download', ...ENVELOPE, startIndex: 12 },
  { kind: 'parameters-applied', ...ENVELOPE, parameterVersion: '7' },
  {
    kind: 'status-upload',
    ...ENVELOPE,
    status: {
      state: 'failed',
      rolloutId: '42',
      version: '1.3.0',
      bytesReceived: 10_240,
      reasonCode: 'SOFTWARE_BAD_HASH',
      reasonText: 'payload hash differs from the manifest',
      runningVersion: '1.2.0',
    },
  },
  { kind: 'status-upload', ...ENVELOPE, status: { state: 'installed', runningVersion: '1.3.0' } },
  { kind: 'software-chunk', ...ENVELOPE, sha256: 'ab'.repeat(32), offset: 480 },
  { kind: 'balance', ...ENVELOPE, card: CHIP_CARD, currency: '156' },
  { kind: 'sale', ...ENVELOPE, field60Extension: '600', card: CHIP_CARD, amount: CNY(12_345) },
  { kind: 'sale', ...ENVELOPE, card: SWIPED_CARD, amount: { amountMinor: 51, currency: '344' } },
  {
    kind: 'void',
    ...ENVELOPE,
    card: SWIPED_CARD,
    amount: CNY(12_345),
    originalRrn: '112601000123',
    originalAuthCode: 'A12345',
    original: { batch: '000007', stan: '000120' },
  },
  {
    kind: 'refund',
    ...ENVELOPE,
    card: SWIPED_CARD,
    amount: CNY(5_000),
    originalRrn: '112601000123',
    original: ORIGINAL,
    cardOrganisation: 'CUP',
  },
  { kind: 'preauth', ...ENVELOPE, card: CHIP_CARD, amount: CNY(100_000) },
  {
    kind: 'preauth-cancel',
    ...ENVELOPE,
    card: CHIP_CARD,
    amount: CNY(100_000),
    originalAuthCode: '654321',
    original: ORIGINAL,
  },
  {
    kind: 'preauth-completion',
    ...ENVELOPE,
    card: CHIP_CARD,
    amount: CNY(99_000),
    originalAuthCode: '654321',
    original: { ...ORIGINAL, extension: '00' },
  },
  {
    kind: 'preauth-completion-void',
    ...ENVELOPE,
    card: CHIP_CARD,
    amount: CNY(99_000),
    originalRrn: '112601000124',
    originalAuthCode: '654321',
    original: ORIGINAL,
  },
  {
    kind: 'reversal',
    ...ENVELOPE,
    reversedKind: 'sale',
    reason: '98',
    card: REVERSAL_CARD,
    amount: CNY(12_345),
  },
  {
    kind: 'reversal',
    ...ENVELOPE,
    reversedKind: 'void',
    reason: 'A0',
    card: SWIPED_CARD,
    amount: CNY(12_345),
    authCode: 'A12345',
    original: ORIGINAL,
  },
  {
    kind: 'reversal',
    ...ENVELOPE,
    reversedKind: 'qr-customer-sale',
    reason: '98',
    amount: CNY(800),
    qrCode: '6223360612494957384',
  },
  {
    kind: 'reversal',
    ...ENVELOPE,
    reversedKind: 'qr-void',
    reason: '06',
    amount: CNY(800),
    voucher: '20261126000123',
  },
  {
    kind: 'settlement',
    ...ENVELOPE,
    totals: {
      domestic: {
        debitCount: 12,
        debitAmountMinor: 1_234_500,
        creditCount: 2,
        creditAmountMinor: 5_000,
        result: 'request',
      },
      foreign: {
        debitCount: 1,
        debitAmountMinor: 51,
        creditCount: 0,
        creditAmountMinor: 0,
        result: 'request',
      },
    },
    currency: '156',
    operator: '001',
  },
  {
    kind: 'batch-upload',
    ...ENVELOPE,
    upload: {
      type: 'magstripe',
      entries: [
        { foreign: false, stan: '000101', pan: '6212345678901234567', amountMinor: 12_345 },
        { foreign: true, stan: '000102', pan: '4392260009942820', amountMinor: 51 },
      ],
    },
  },
  {
    kind: 'batch-upload',
    ...ENVELOPE,
    field60Extension: '60',
    upload: {
      type: 'ic',
      balanced: true,
      card: { pan: '6212345678901234567', entryMode: '051', cardSequence: '001', icc: CHIP_CARD.icc! },
      amount: CNY(12_345),
      data: new Uint8Array([0x36, 0x31, 0x30, 0x30]),
    },
  },
  { kind: 'batch-upload', ...ENVELOPE, upload: { type: 'end', balanced: false, count: 14 } },
  { kind: 'qr-customer-sale', ...ENVELOPE, amount: CNY(800), qrCode: '6223360612494957384' },
  { kind: 'qr-order', ...ENVELOPE, amount: CNY(2_372) },
  { kind: 'qr-order-status', ...ENVELOPE, orderRrn: '112601000130' },
  { kind: 'qr-order-close', ...ENVELOPE, orderRrn: '112601000130' },
  { kind: 'qr-void', ...ENVELOPE, amount: CNY(800), voucher: '20261126000123', original: ORIGINAL },
  { kind: 'qr-refund', ...ENVELOPE, amount: CNY(300), voucher: '20261126000123' },
];

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import {
  decodePosRequest,
  encodePosRequest,
  formatSettlementTotals,
  parseSettlementTotals,
  type CardData,
  type PosEnvelope,
  type PosRequest,
  type SettlementHalf,
} from '@payterm/protocol';

const codec = createCodec(cupPosSpec);

const digitString = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const ans = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCXYZ0123456789'), minLength: length, maxLength: length });

const envelope: fc.Arbitrary<PosEnvelope> = fc.record({
  tpdu: fc.constantFrom('6000030000', '6005010000'),
  header: fc.constantFrom('603100000000', '613100311108', '60310031110E'),
  tid: ans(8),
  mid: ans(15),
  stan: digitString(6),
  batch: digitString(6),
});

const amount = fc.record({
  amountMinor: fc.integer({ min: 0, max: 999_999_999_999 }),
  currency: fc.constantFrom('156', '344', '840'),
});

const card: fc.Arbitrary<CardData> = fc.oneof(
  fc.record({
    pan: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 19 }),
    entryMode: fc.constantFrom('051', '071', '012'),
    cardSequence: digitString(3),
    // Field 55 must be BER-TLV (the codec checks it): one 9F27 cryptogram information data object.
    icc: fc.integer({ min: 0, max: 255 }).map((cid) => new Uint8Array([0x9f, 0x27, 0x01, cid])),
    pinBlock: fc.uint8Array({ minLength: 8, maxLength: 8 }),
    pinCaptureCode: fc.constant('06'),
    securityControl: fc.constant('2600000000000000'),
  }),
  digitString(16).map((pan): CardData => ({
    pan,
    panFromTrack2: true,
    entryMode: '022',
    track2: `${pan}=30121011234567`,
  })),
);

const half: fc.Arbitrary<SettlementHalf> = fc.record({
  debitCount: fc.integer({ min: 0, max: 999 }),
  debitAmountMinor: fc.integer({ min: 0, max: 999_999_999_999 }),
  creditCount: fc.integer({ min: 0, max: 999 }),
  creditAmountMinor: fc.integer({ min: 0, max: 999_999_999_999 }),
  result: fc.constantFrom('request', 'balanced', 'unbalanced', 'error'),
});

const original = fc.record({ batch: digitString(6), stan: digitString(6), date: digitString(4) });

const request: fc.Arbitrary<PosRequest> = fc.oneof(
  fc
    .tuple(envelope, card, amount)
    .map(([e, c, a]): PosRequest => ({ kind: 'sale', ...e, card: c, amount: a })),
  fc.tuple(envelope, card, amount, ans(12), original).map(([e, c, a, rrn, o]): PosRequest => ({
    kind: 'void',
    ...e,
    card: c,
    amount: a,
    originalRrn: rrn,
    original: o,
  })),
  fc
    .tuple(envelope, amount, digitString(19))
    .map(([e, a, code]): PosRequest => ({ kind: 'qr-customer-sale', ...e, amount: a, qrCode: code })),
  fc.tuple(envelope, half, half).map(([e, domestic, foreign]): PosRequest => ({
    kind: 'settlement',
    ...e,
    totals: { domestic, foreign },
    currency: '156',
    operator: '001',
  })),
);

describe('round-trip properties', () => {
  it('encode → pack → unpack → decode is the identity on requests', () => {
    fc.assert(
      fc.property(request, (value) => {
        const decoded = decodePosRequest(codec.unpack(codec.pack(encodePosRequest(value))));
        expect(decoded).toEqual({ ok: true, value });
      }),
      { numRuns: 3_000, seed: 156 },
    );
  });

  it('settlement totals format and parse back', () => {
    fc.assert(
      fc.property(half, half, (domestic, foreign) => {
        const digits = formatSettlementTotals({ domestic, foreign });
        expect(digits).toMatch(/^\d{62}$/);
        expect(parseSettlementTotals(digits)).toEqual({ domestic, foreign });
      }),
      { numRuns: 5_000, seed: 48 },
    );
  });
});

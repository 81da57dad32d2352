import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { decodePosRequest, encodePosRequest } from '@payterm/protocol';
import { describe, expect, it } from 'vitest';
import { refundRequestOf, reversalOf } from '../src/engine/request-builder.js';
import type { JournalRecord } from '../src/journal/journal-record.js';

const ENVELOPE = { tpdu: '6000030000', header: '603100000100', tid: '10000001', mid: '898310058120001' };
const PAN = '6200001000000011';

const VOID: JournalRecord = {
  id: '0000000002',
  type: 'void',
  status: 'reversal-pending',
  stan: '000012',
  batch: '000003',
  operator: '01',
  amount: { amountMinor: 2_000, currency: '156' },
  maskedPan: '620000******0011',
  sealedPan: 'v1:x',
  expiry: '3012',
  brand: 'UnionPay',
  entry: 'swipe',
  entryMode: '021',
  securityControl: '2600000000000000',
  pinVerified: true,
  createdAt: '2026-11-26T02:00:00.000Z',
  date: '1126',
  time: '100000',
  authCode: '123456',
  scope: 'domestic',
  original: {
    recordId: '0000000001',
    batch: '000003',
    stan: '000011',
    date: '1126',
    rrn: '330000000001',
    authCode: '654321',
  },
  recovery: { action: 'reverse', reason: '98', attempts: 1 },
};

describe('requests rebuilt from the journal', () => {
  const codec = createCodec(cupPosSpec);

  it('reverses a void: its STAN and batch, no PIN or track, 38 when answered, 61 = the original', () => {
    const reversal = reversalOf(VOID, ENVELOPE, PAN);
    const message = encodePosRequest(reversal);
    expect(message.mti).toBe('0400');
    expect(message.fields[11]).toBe('000012');
    expect(message.fields[39]).toBe('98');
    expect(message.fields[38]).toBe('123456');
    for (const absent of [26, 35, 36, 52]) expect(message.fields[absent]).toBeUndefined();
    const decoded = decodePosRequest(
      codec.unpack(codec.pack({ ...message, fields: { ...message.fields, 64: new Uint8Array(8) } })),
    );
    expect(decoded.ok && decoded.value).toMatchObject({
      kind: 'reversal',
      reversedKind: 'void',
      stan: '000012',
      batch: '000003',
      original: { batch: '000003', stan: '000011', date: '1126' },
      card: { pan: PAN, entryMode: '021' },
    });
  });

  it('rebuilds a refund byte for byte, so its repeat is an exact retransmission', () => {
    const refund: JournalRecord = {
      ...VOID,
      type: 'refund',
      status: 'unknown',
      entryMode: '022',
      original: {
        recordId: '0000000001',
        batch: '000003',
        stan: '000011',
        date: '1126',
        rrn: '330000000001',
      },
      recovery: { action: 'repeat', reason: '98', attempts: 0 },
    };
    const first = codec.pack(encodePosRequest(refundRequestOf(refund, ENVELOPE, PAN)));
    const again = codec.pack(
      encodePosRequest(
        refundRequestOf(
          { ...refund, recovery: { action: 'repeat', reason: '98', attempts: 2 } },
          ENVELOPE,
          PAN,
        ),
      ),
    );
    expect(again).toEqual(first);
    const decoded = decodePosRequest(codec.unpack(first));
    expect(decoded.ok && decoded.value).toMatchObject({
      kind: 'refund',
      originalRrn: '330000000001',
      cardOrganisation: 'CUP',
    });
  });
});

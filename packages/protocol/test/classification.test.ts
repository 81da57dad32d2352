import { describe, expect, it } from 'vitest';
import type { Iso8583Message } from '@payterm/iso8583';
import { decodePosRequest, encodePosRequest, type PosRequest } from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

function sample<K extends PosRequest['kind']>(kind: K): Extract<PosRequest, { kind: K }> {
  return SAMPLE_REQUESTS.find((request) => request.kind === kind) as Extract<PosRequest, { kind: K }>;
}

function kindOf(message: Iso8583Message): string {
  const result = decodePosRequest(message);
  return result.ok ? result.value.kind : result.error.code;
}

function withFields(message: Iso8583Message, fields: Iso8583Message['fields']): Iso8583Message {
  return { ...message, fields: { ...message.fields, ...fields } };
}

describe('financial classification by MTI, processing code, 60.1 and the 59 tag', () => {
  it('the MTI, the processing-code type digits and 60.1 must all match one shape', () => {
    const sale = encodePosRequest(sample('sale'));
    // 0200 000000 with 60.1 20 is a completion, which needs no original to be told apart.
    expect(kindOf(withFields(sale, { 60: '20000007' }))).toBe('PROTOCOL_MISSING_FIELD');
    expect(kindOf({ ...sale, mti: '0100' })).toBe('PROTOCOL_UNSUPPORTED_TRANSACTION');
    expect(kindOf(withFields(sale, { 60: '23000007' }))).toBe('PROTOCOL_UNSUPPORTED_TRANSACTION');
    expect(kindOf(withFields(sale, { 3: '010000' }))).toBe('PROTOCOL_UNSUPPORTED_TRANSACTION');
    expect(kindOf(withFields(sale, { 3: '009999' }))).toBe('sale');
  });

  it('only the tag of the QR kind sharing the shape makes it a QR transaction', () => {
    const voidRequest = encodePosRequest(sample('void'));
    // A3 is the QR sale's tag: on a void shape it does not make a QR void.
    expect(kindOf(withFields(voidRequest, { 59: 'A3003123' }))).toBe('void');
    const qrVoid = encodePosRequest(sample('qr-void'));
    expect(kindOf(qrVoid)).toBe('qr-void');
    // With A3 instead of A4 it is read as a card void, which needs the original RRN.
    const asCardVoid = decodePosRequest(withFields(qrVoid, { 59: 'A3003123' }));
    expect(asCardVoid.ok ? asCardVoid.value.kind : asCardVoid.error.field).toBe('37');
    const qrSale = encodePosRequest(sample('qr-customer-sale'));
    expect(kindOf(qrSale)).toBe('qr-customer-sale');
    expect(kindOf(withFields(encodePosRequest(sample('sale')), { 59: 'A4003123' }))).toBe('sale');
  });
});

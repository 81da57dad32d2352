import { describe, expect, it } from 'vitest';
import type { Iso8583Message } from '@payterm/iso8583';
import { decodePosRequest, encodePosRequest, type PosRequest } from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

function sample<K extends PosRequest['kind']>(kind: K): Extract<PosRequest, { kind: K }> {
  return SAMPLE_REQUESTS.find((request) => request.kind === kind) as Extract<PosRequest, { kind: K }>;
}

function without(message: Iso8583Message, ...fields: number[]): Iso8583Message {
  const copy: Record<number, Iso8583Message['fields'][number]> = { ...message.fields };
  for (const field of fields) delete copy[field];
  return { ...message, fields: copy };
}

function failure(message: Iso8583Message): [string, string | null, string] | undefined {
  const result = decodePosRequest(message);
  return result.ok ? undefined : [result.error.code, result.error.field, result.error.responseCode];
}

describe('missing mandatory fields name the field and answer 30', () => {
  const cases: readonly [PosRequest['kind'], number, string][] = [
    ['sale', 4, '4'],
    ['sale', 11, '11'],
    ['sale', 41, '41'],
    ['sale', 42, '42'],
    ['sale', 22, '22'],
    ['sale', 60, '60'],
    ['void', 37, '37'],
    ['void', 61, '61'],
    ['refund', 37, '37'],
    ['preauth-completion', 38, '38'],
    ['preauth-completion', 61, '61'],
    ['sign-in', 63, '63'],
    ['settlement', 48, '48'],
    ['settlement', 63, '63'],
    ['qr-order-status', 37, '37'],
    ['reversal', 39, '39'],
    ['reversal', 4, '4'],
  ];
  for (const [kind, field, named] of cases) {
    it(`${kind} without field ${field}`, () => {
      expect(failure(without(encodePosRequest(sample(kind)), field))).toEqual([
        'PROTOCOL_MISSING_FIELD',
        named,
        '30',
      ]);
    });
  }

  it('a sale needs field 2 or a track 2 with a PAN', () => {
    expect(failure(without(encodePosRequest(sample('sale')), 2, 35))?.slice(1)).toEqual(['2', '30']);
  });

  it('QR transactions need their field 59 tag', () => {
    const sale = encodePosRequest(sample('qr-customer-sale'));
    // Without 59 a 0200 000000 / 22 is a card sale, which then misses its card.
    expect(failure(without(sale, 59))?.[1]).toBe('2');
    const empty = { ...sale, fields: { ...sale.fields, 59: 'A3000' } };
    expect(failure(empty)).toEqual(['PROTOCOL_MISSING_FIELD', '59.A3', '30']);
    const broken = { ...sale, fields: { ...sale.fields, 59: 'A3099123' } };
    expect(failure(broken)).toEqual(['PROTOCOL_INVALID_FIELD', '59', '30']);
  });

  it('60.3 is mandatory in management messages, 60.2 everywhere', () => {
    const signIn = encodePosRequest(sample('sign-in'));
    expect(failure({ ...signIn, fields: { ...signIn.fields, 60: '00000007' } })?.[1]).toBe('60.3');
    const sale = encodePosRequest(sample('sale'));
    expect(failure({ ...sale, fields: { ...sale.fields, 60: '220000' } })?.[1]).toBe('60.2');
  });
});

describe('unknown combinations', () => {
  it('answer 40 for an unknown processing code, 60.1 or 60.3', () => {
    const sale = encodePosRequest(sample('sale'));
    expect(failure({ ...sale, fields: { ...sale.fields, 3: '400000' } })).toEqual([
      'PROTOCOL_UNSUPPORTED_TRANSACTION',
      '60.1',
      '40',
    ]);
    const signIn = encodePosRequest(sample('sign-in'));
    expect(failure({ ...signIn, fields: { ...signIn.fields, 60: '00000007401' } })?.[2]).toBe('40');
    const upload = encodePosRequest(sample('batch-upload'));
    expect(failure({ ...upload, fields: { ...upload.fields, 60: '00000007204' } })?.[2]).toBe('40');
  });

  it('answer 12 for an MTI that is no request', () => {
    expect(failure({ ...encodePosRequest(sample('sale')), mti: '0210' })).toEqual([
      'PROTOCOL_INVALID_MTI',
      'mti',
      '12',
    ]);
  });

  it('tolerate account-type digits in the processing code and a 60 without 60.3', () => {
    const sale = encodePosRequest(sample('sale'));
    const tolerant = { ...sale, fields: { ...sale.fields, 3: '000011', 60: '22000007' } };
    const result = decodePosRequest(tolerant);
    expect(result.ok && result.value.kind).toBe('sale');
  });

  it('tell QR void and refund from card void and refund by 59 A4', () => {
    for (const kind of ['void', 'qr-void', 'refund', 'qr-refund'] as const) {
      const result = decodePosRequest(encodePosRequest(sample(kind)));
      expect(result.ok && result.value.kind).toBe(kind);
    }
  });
});

describe('tolerance', () => {
  it('ignores a field 59 device block with n2 lengths on a card sale', () => {
    const sale = encodePosRequest(sample('sale'));
    const result = decodePosRequest({ ...sale, fields: { ...sale.fields, 59: 'A2600102' } });
    expect(result.ok && result.value.kind).toBe('sale');
  });
});

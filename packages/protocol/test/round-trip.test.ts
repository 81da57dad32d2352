import { describe, expect, it } from 'vitest';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import {
  checkMac,
  decodePosRequest,
  decodePosResponse,
  encodePosRequest,
  encodePosResponse,
  macRequired,
  packWithMac,
  requestMti,
  type PosRequest,
  type PosResponse,
} from '@payterm/protocol';
import { testMac, testVerify } from './support/mac-key.js';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

const codec = createCodec(cupPosSpec);

async function toWire(
  message: ReturnType<typeof encodePosRequest>,
  request: PosRequest,
): Promise<Uint8Array> {
  return macRequired(message.mti, request) ? packWithMac(codec, message, testMac) : codec.pack(message);
}

function label(request: PosRequest): string {
  return request.kind === 'batch-upload' ? `batch-upload ${request.upload.type}` : request.kind;
}

describe('every request kind round-trips through the codec', () => {
  it('covers every kind of PosRequest', () => {
    const kinds = new Set(SAMPLE_REQUESTS.map((request) => request.kind));
    expect(kinds.size).toBe(24);
  });

  for (const request of SAMPLE_REQUESTS) {
    it(`${label(request)} (${requestMti(request)})`, async () => {
      const message = encodePosRequest(request);
      const bytes = await toWire(message, request);
      const { message: unpacked, layout } = codec.unpackWithLayout(bytes);
      expect(unpacked.mti).toBe(requestMti(request));
      if (macRequired(unpacked.mti, unpacked)) {
        expect(await checkMac(bytes, layout, testVerify)).toEqual({ ok: true, value: undefined });
      } else {
        expect(unpacked.fields[64]).toBeUndefined();
      }
      const decoded = decodePosRequest(unpacked);
      expect(decoded).toEqual({ ok: true, value: request });
      // Decode → encode is the identity on what we send: the same bytes again.
      if (decoded.ok) expect(await toWire(encodePosRequest(decoded.value), request)).toEqual(bytes);
    });
  }
});

describe('responses', () => {
  it('echo the request fields, swap the TPDU and set the processing requirement', async () => {
    const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
    const response: PosResponse = {
      kind: 'sale',
      responseCode: '00',
      processingRequirement: '3',
      rrn: '112601000123',
      authCode: 'A12345',
      localTime: '013000',
      localDate: '1126',
      settlementDate: '1126',
      icc: new Uint8Array([0x91, 0x02, 0x30, 0x30]),
    };
    const message = encodePosResponse(sale, response);
    expect(message.mti).toBe('0210');
    expect(message.headers).toEqual({ tpdu: '6000000003', header: '613103311108' });
    expect(Object.keys(message.fields).map(Number)).toEqual([
      3, 4, 11, 12, 13, 15, 25, 37, 38, 39, 41, 42, 49, 55, 60,
    ]);
    const bytes = await packWithMac(codec, message, testMac);
    const { message: unpacked, layout } = codec.unpackWithLayout(bytes);
    expect((await checkMac(bytes, layout, testVerify)).ok).toBe(true);
    expect(decodePosResponse(sale, unpacked)).toEqual({ ok: true, value: { ...response, batch: '000007' } });
  });

  it('echo the fields as received when given the unpacked request', () => {
    const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
    const received = encodePosRequest(sale);
    const asSent = { ...received, fields: { ...received.fields, 60: `${String(received.fields[60])}5` } };
    const message = encodePosResponse(sale, { kind: 'sale', responseCode: '05' }, asSent);
    expect(message.fields[60]).toBe(asSent.fields[60]);
    expect(message.fields[11]).toBe(received.fields[11]);
    expect(message.fields[39]).toBe('05');
    expect(message.mti).toBe('0210');
  });

  const cases: readonly [PosRequest['kind'], PosResponse][] = [
    [
      'sign-in',
      { kind: 'sign-in', responseCode: '00', batch: '000519', workingKeys: new Uint8Array(60).fill(7) },
    ],
    [
      'balance',
      {
        kind: 'balance',
        responseCode: '00',
        balance: { accountType: '10', amountType: '02', currency: '156', amountMinor: -1_234 },
      },
    ],
    [
      'qr-order',
      { kind: 'qr-order', responseCode: '00', rrn: '112601000130', mpmPayload: '000201010212' + '6304A13A' },
    ],
    ['qr-customer-sale', { kind: 'qr-customer-sale', responseCode: '00', voucher: '20261126000123' }],
    [
      'parameter-download',
      {
        kind: 'parameter-download',
        responseCode: '00',
        page: {
          status: 'more',
          entries: [
            { tag: '02', value: '7' },
            { tag: '10', value: '演示商店 Demo' },
          ],
        },
      },
    ],
    ['software-chunk', { kind: 'software-chunk', responseCode: '00', chunk: new Uint8Array(480).fill(0xc3) }],
    ['software-chunk', { kind: 'software-chunk', responseCode: '25' }],
    ['parameters-applied', { kind: 'parameters-applied', responseCode: '00' }],
    ['status-upload', { kind: 'status-upload', responseCode: '00' }],
    ['qr-order-status', { kind: 'qr-order-status', responseCode: '09' }],
    ['reversal', { kind: 'reversal', responseCode: '00' }],
    ['echo', { kind: 'echo', responseCode: '00', localTime: '013000', localDate: '1126' }],
  ];
  for (const [kind, response] of cases) {
    it(`${kind} response round-trips`, async () => {
      const request = SAMPLE_REQUESTS.find((candidate) => candidate.kind === kind)!;
      const message = encodePosResponse(request, response);
      const bytes = macRequired(message.mti)
        ? await packWithMac(codec, message, testMac)
        : codec.pack(message);
      const decoded = decodePosResponse(request, codec.unpack(bytes));
      expect(decoded).toEqual({
        ok: true,
        value: { processingRequirement: '0', batch: response.batch ?? request.batch, ...response },
      });
    });
  }

  it('sign-in responses never carry field 63; the adopted batch is in 60.2', () => {
    const signIn = SAMPLE_REQUESTS[0]!;
    const message = encodePosResponse(signIn, { kind: 'sign-in', responseCode: '00', batch: '000519' });
    expect(message.fields[63]).toBeUndefined();
    expect(message.fields[60]).toBe('00000519004');
  });

  it('reject a response that does not answer the request', () => {
    const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
    const message = encodePosResponse(sale, { kind: 'sale', responseCode: '00' });
    const wrongStan = { ...message, fields: { ...message.fields, 11: '000999' } };
    const result = decodePosResponse(sale, wrongStan);
    expect(result.ok ? undefined : [result.error.code, result.error.field]).toEqual([
      'PROTOCOL_RESPONSE_MISMATCH',
      '11',
    ]);
    const wrongMti = decodePosResponse(sale, { ...message, mti: '0230' });
    expect(wrongMti.ok ? undefined : wrongMti.error.field).toBe('mti');
    expect(() => encodePosResponse(sale, { kind: 'refund', responseCode: '00' })).toThrow(/cannot answer/);
  });
});

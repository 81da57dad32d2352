import { describe, expect, it } from 'vitest';
import { bytesToHex, createCodec, cupPosSpec, type FieldValue } from '@payterm/iso8583';
import { checkMac, encodePosRequest, encodePosResponse, packWithMac } from '@payterm/protocol';
import { testMac, testVerify } from './support/mac-key.js';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

const codec = createCodec(cupPosSpec);
const sale = SAMPLE_REQUESTS.find((request) => request.kind === 'sale')!;
const response = {
  kind: 'sale',
  responseCode: '00',
  rrn: '112601000123',
  authCode: 'A12345',
  localTime: '013000',
  localDate: '1126',
} as const;

describe('response fields', () => {
  it('are a sparse array by field number, enumerating like the object of the same fields', () => {
    const fields = encodePosResponse(sale, response, encodePosRequest(sale)).fields;
    const asObject: Record<number, FieldValue | undefined> = { ...fields };
    expect(Array.isArray(fields)).toBe(true);
    expect(Object.keys(fields)).toEqual(Object.keys(asObject));
    expect(Object.keys(fields).map(Number)).toEqual([3, 4, 11, 12, 13, 25, 37, 38, 39, 41, 42, 49, 60]);
    expect(Object.values(fields)).toEqual(Object.values(asObject));
  });

  it('packWithMac writes the same bytes for them as for the object form, and leaves them as they were', async () => {
    const message = encodePosResponse(sale, response, encodePosRequest(sale));
    const keysBefore = Object.keys(message.fields);
    const fromArray = await packWithMac(codec, message, testMac);
    const fromObject = await packWithMac(codec, { ...message, fields: { ...message.fields } }, testMac);
    expect(bytesToHex(fromArray)).toBe(bytesToHex(fromObject));
    expect(Object.keys(message.fields)).toEqual(keysBefore);
    expect(message.fields[64]).toBeUndefined();
    const { layout } = codec.unpackWithLayout(fromArray);
    expect((await checkMac(fromArray, layout, testVerify)).ok).toBe(true);
    expect(bytesToHex(codec.pack(message))).toBe(
      bytesToHex(codec.pack({ ...message, fields: { ...message.fields } })),
    );
  });

  it('packWithMac keeps an unpacked message as it was', async () => {
    const message = codec.unpack(await packWithMac(codec, encodePosRequest(sale), testMac));
    const mac = message.fields[64];
    const repacked = await packWithMac(codec, message, testMac);
    expect(message.fields[64]).toBe(mac);
    expect(bytesToHex(repacked)).toBe(bytesToHex(codec.pack(message)));
  });
});

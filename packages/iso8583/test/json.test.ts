/**
 * JSON form of messages: masked by default; with unmask it is exact, so messageFromJson of it packs
 * to the same bytes. On input, fields with sub-fields accept objects and TLV fields accept arrays of
 * objects; anything else malformed is a typed error naming the field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCodec,
  cupPosSpec,
  encodeBerTlv,
  iso87AsciiSpec,
  messageFromJson,
  messageToJson,
  type MessageCodec,
  type MessageSpec,
  toFieldArray,
} from '@payterm/iso8583';
import { CUP_POS_DUMPS, codecFor, dumpBytes, hex } from './support/cup-pos-dumps.js';
import { cupPosBodySpec, nibbleSpec, tertiaryHexSpec } from './support/custom-specs.js';
import { messageArbitrary } from './support/field-arbitraries.js';
import { expectIsoError } from './support/iso-error-shape.js';
import { plainMessage } from './support/plain-message.js';
import { CRYPTOGRAM, MASKED_PAN, PAN, PIN_BLOCK, QR_CODE, SALE } from './support/sample-sale.js';

const cupPos = createCodec(cupPosSpec);
const body = createCodec(cupPosBodySpec);

/** Through JSON text, as a file or an HTTP body would carry it. */
const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('messageToJson', () => {
  const json = messageToJson(cupPos, SALE);

  it('names the spec and copies headers and MTI', () => {
    expect(json.spec).toBe('cup-pos');
    expect(json.headers).toEqual(SALE.headers);
    expect(json.mti).toBe('0200');
    expect(messageToJson(body, { mti: '0800', fields: {} })).toEqual({
      spec: 'cup-pos-body',
      mti: '0800',
      fields: {},
    });
  });

  it('masks by default: PAN, track, PIN block, sensitive ICC tags, QR code', () => {
    expect(json.fields['2']).toBe(MASKED_PAN);
    expect(json.fields['35']).toBe(`${MASKED_PAN}=*****************`);
    expect(json.fields['52']).toBe('*'.repeat(16));
    expect(json.fields['55']).toContain(`9F2608${CRYPTOGRAM}`);
    expect(json.fields['55']).toContain(`5A08${MASKED_PAN}`);
    expect(json.fields['59']).toBe('A3019*******************A2008SN123456');
    const text = JSON.stringify(json);
    for (const secret of [PAN, PIN_BLOCK, QR_CODE]) expect(text).not.toContain(secret);
  });

  it('writes non-sensitive values as they are and binary values as upper-case hex', () => {
    expect(json.fields['4']).toBe('000000000051');
    expect(json.fields['60']).toBe('22000001000500');
    expect(json.fields['64']).toBe('3841394539314238');
    expect(Object.keys(json.fields)).toEqual(Object.keys(SALE.fields));
  });

  it('with unmask writes everything in clear', () => {
    const clear = messageToJson(cupPos, SALE, { unmask: true });
    expect(clear.fields['2']).toBe(PAN);
    expect(clear.fields['52']).toBe(PIN_BLOCK);
    expect(clear.fields['55']).toBe(bytesToHex(SALE.fields[55] as Uint8Array));
    expect(clear.fields['59']).toBe(`A3019${QR_CODE}A2008SN123456`);
  });

  it('masked JSON is not accepted back as the original: masks are not hex', () => {
    expectIsoError(() => messageFromJson(cupPos, viaText(json)), 'ISO8583_INVALID_VALUE', { field: '52' });
  });
});

describe('messageFromJson(messageToJson(m, { unmask: true })) packs to identical bytes', () => {
  it('for the sample sale', () => {
    const back = messageFromJson(cupPos, viaText(messageToJson(cupPos, SALE, { unmask: true })));
    expect(bytesToHex(cupPos.pack(back))).toBe(bytesToHex(cupPos.pack(SALE)));
    expect(plainMessage(back)).toEqual(plainMessage(SALE));
  });

  it('for the real dumps', () => {
    for (const dump of CUP_POS_DUMPS) {
      const codec = codecFor(dump);
      const { message: bytes } = dumpBytes(dump);
      const json = viaText(messageToJson(codec, codec.unpack(bytes), { unmask: true }));
      expect(bytesToHex(codec.pack(messageFromJson(codec, json)))).toBe(bytesToHex(bytes));
    }
  });

  const specs: readonly MessageSpec[] = [cupPosSpec, iso87AsciiSpec, nibbleSpec, tertiaryHexSpec];
  it.each(specs.map((spec) => [spec.id, spec] as const))('for random %s messages', (_id, spec) => {
    const codec: MessageCodec = createCodec(spec);
    fc.assert(
      fc.property(messageArbitrary(spec), (message) => {
        const json = viaText(messageToJson(codec, message, { unmask: true }));
        expect(bytesToHex(codec.pack(messageFromJson(codec, json)))).toBe(bytesToHex(codec.pack(message)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('messageFromJson accepts structured values', () => {
  it('sub-field objects for 60 (and rest for trailing digits)', () => {
    const message = messageFromJson(body, {
      mti: '0200',
      fields: { 60: { 1: '22', 2: '000001', 3: '000' }, 61: { 1: '000001', 2: '001834' } },
    });
    expect(message.fields[60]).toBe('22000001000');
    expect(message.fields[61]).toBe('000001001834');
    const withRest = messageFromJson(body, {
      mti: '0200',
      fields: { 60: { 1: '26', 2: '000001', 3: '000', 4: '6', 5: '0', 6: '0', 7: '000', rest: '00' } },
    });
    expect(withRest.fields[60]).toBe('2600000100060000000');
  });

  it('TLV arrays for 55 (hex values, nested children) and 59 (text values)', () => {
    const message = messageFromJson(body, {
      mti: '0200',
      fields: {
        55: [
          { tag: '9F26', value: CRYPTOGRAM },
          { tag: '71', children: [{ tag: '86', value: '8424000008' }] },
        ],
        59: [
          { tag: 'A3', value: QR_CODE },
          { tag: 'A2', value: 'SN123456' },
        ],
      },
    });
    expect(bytesToHex(message.fields[55] as Uint8Array)).toBe(
      bytesToHex(
        encodeBerTlv([
          { tag: '9F26', value: hex(CRYPTOGRAM) },
          { tag: '71', value: new Uint8Array(), children: [{ tag: '86', value: hex('8424000008') }] },
        ]),
      ),
    );
    expect(bytesToHex(message.fields[55] as Uint8Array)).toBe(`9F2608${CRYPTOGRAM}710786058424000008`);
    expect(message.fields[59]).toBe(`A3019${QR_CODE}A2008SN123456`);
    expect(() => body.pack(message)).not.toThrow();
  });

  it('hex in either case for binary fields', () => {
    const message = messageFromJson(body, { mti: '0200', fields: { 52: PIN_BLOCK.toLowerCase() } });
    expect(bytesToHex(message.fields[52] as Uint8Array)).toBe(PIN_BLOCK);
  });
});

describe('messageFromJson rejects bad shapes with typed errors', () => {
  const sale = (fields: Record<string, unknown>): unknown => ({ mti: '0200', fields });

  it('keys that are not the canonical spelling of a field number', () => {
    for (const key of ['02', '2.0', ' 2', '+2', '1e1', 'two']) {
      expectIsoError(() => messageFromJson(body, sale({ [key]: '000000' })), 'ISO8583_UNKNOWN_FIELD', {
        field: key,
      });
      expectIsoError(() => toFieldArray({ [key]: '000000' } as never), 'ISO8583_UNKNOWN_FIELD', {
        field: key,
      });
    }
    expect(toFieldArray({ 3: '000000', 11: undefined })).toEqual(Object.assign([], { 3: '000000' }));
  });

  it('the message itself', () => {
    expectIsoError(() => messageFromJson(body, null), 'ISO8583_INVALID_VALUE', { field: null });
    expectIsoError(() => messageFromJson(body, '0200'), 'ISO8583_INVALID_VALUE', { field: null });
    expectIsoError(() => messageFromJson(body, { fields: {} }), 'ISO8583_INVALID_VALUE', { field: 'mti' });
    expectIsoError(() => messageFromJson(body, { mti: 200, fields: {} }), 'ISO8583_INVALID_VALUE', {
      field: 'mti',
    });
    expectIsoError(() => messageFromJson(body, { mti: '0200' }), 'ISO8583_INVALID_VALUE', { field: null });
    expectIsoError(() => messageFromJson(body, { mti: '0200', fields: [] }), 'ISO8583_INVALID_VALUE', {
      field: null,
    });
    expectIsoError(
      () => messageFromJson(cupPos, { mti: '0200', headers: 'x', fields: {} }),
      'ISO8583_INVALID_VALUE',
      {
        field: null,
      },
    );
    expectIsoError(
      () => messageFromJson(cupPos, { mti: '0200', headers: { tpdu: 6000030000 }, fields: {} }),
      'ISO8583_INVALID_VALUE',
      { field: 'tpdu' },
    );
  });

  it('unknown fields', () => {
    expectIsoError(() => messageFromJson(body, sale({ 65: '00' })), 'ISO8583_UNKNOWN_FIELD', { field: '65' });
    expectIsoError(() => messageFromJson(body, sale({ pan: PAN })), 'ISO8583_UNKNOWN_FIELD', {
      field: 'pan',
    });
    expectIsoError(() => messageFromJson(body, sale({ 1: '00' })), 'ISO8583_UNKNOWN_FIELD', { field: '1' });
  });

  it('field values of the wrong type', () => {
    expectIsoError(() => messageFromJson(body, sale({ 4: 51 })), 'ISO8583_INVALID_VALUE', { field: '4' });
    expectIsoError(() => messageFromJson(body, sale({ 4: { 1: '00' } })), 'ISO8583_INVALID_VALUE', {
      field: '4',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 62: [{ tag: '01', value: '00' }] })),
      'ISO8583_INVALID_VALUE',
      {
        field: '62',
      },
    );
    expectIsoError(() => messageFromJson(body, sale({ 52: 'XYZ' })), 'ISO8583_INVALID_VALUE', {
      field: '52',
    });
    expectIsoError(() => messageFromJson(body, sale({ 52: 'ABC' })), 'ISO8583_INVALID_VALUE', {
      field: '52',
    });
  });

  it('sub-field objects: unknown ids, gaps, lengths and charsets', () => {
    expectIsoError(() => messageFromJson(body, sale({ 60: { 1: '22', 9: '0' } })), 'ISO8583_INVALID_VALUE', {
      field: '60.9',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 60: { 1: '22', 3: '000' } })),
      'ISO8583_INVALID_VALUE',
      {
        field: '60.2',
      },
    );
    expectIsoError(
      () => messageFromJson(body, sale({ 60: { 1: '22', 2: '001' } })),
      'ISO8583_INVALID_VALUE',
      {
        field: '60.2',
        need: 6,
        have: 3,
      },
    );
    expectIsoError(() => messageFromJson(body, sale({ 60: { 1: 22 } })), 'ISO8583_INVALID_VALUE', {
      field: '60.1',
    });
    expectIsoError(() => messageFromJson(body, sale({ 60: { 1: '2x' } })), 'ISO8583_INVALID_CHARACTER', {
      field: '60.1',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 60: { 1: '22', rest: '00' } })),
      'ISO8583_INVALID_VALUE',
      {
        field: '60.2',
      },
    );
  });

  it('TLV arrays: objects without tag or value, bad hex, bad tags, bad children', () => {
    expectIsoError(() => messageFromJson(body, sale({ 55: [{ value: '00' }] })), 'ISO8583_INVALID_VALUE', {
      field: '55',
    });
    expectIsoError(() => messageFromJson(body, sale({ 55: [null] })), 'ISO8583_INVALID_VALUE', {
      field: '55',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 55: [{ tag: '9F26', value: 'xyz' }] })),
      'ISO8583_INVALID_VALUE',
      {
        field: '55.9F26',
      },
    );
    expectIsoError(() => messageFromJson(body, sale({ 55: [{ tag: '9F26' }] })), 'ISO8583_INVALID_VALUE', {
      field: '55.9F26',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 55: [{ tag: 'ZZ', value: '00' }] })),
      'ISO8583_INVALID_TLV',
      {
        phase: 'tag',
      },
    );
    expectIsoError(
      () => messageFromJson(body, sale({ 55: [{ tag: '71', children: {} }] })),
      'ISO8583_INVALID_VALUE',
      {
        field: '55.71',
      },
    );
    expectIsoError(() => messageFromJson(body, sale({ 59: [{ tag: 'A3' }] })), 'ISO8583_INVALID_VALUE', {
      field: '59',
    });
    expectIsoError(
      () => messageFromJson(body, sale({ 59: [{ tag: 'A', value: 'x' }] })),
      'ISO8583_INVALID_TLV',
      {
        field: '59.A',
        phase: 'tag',
      },
    );
  });
});

/** Pack errors name the field and what was wrong; Iso8583Error itself serialises its details. */
import { describe, expect, it } from 'vitest';
import { Iso8583Error, bytesToHex, type Iso8583Message } from '@payterm/iso8583';
import { hex } from './support/cup-pos-dumps.js';
import { catchIsoError, expectIsoError } from './support/iso-error-shape.js';
import { PAN_16, SALE, body, cupPos, iso87, saleBytes } from './support/error-fixtures.js';

describe('pack errors', () => {
  it('wrong value type: ISO8583_INVALID_VALUE naming the field', () => {
    expectIsoError(() => body.pack({ mti: '0200', fields: { 2: hex('62') } }), 'ISO8583_INVALID_VALUE', {
      field: '2',
      phase: 'data',
    });
    expectIsoError(
      () => body.pack({ mti: '0200', fields: { 52: '0123456789ABCDEF' } }),
      'ISO8583_INVALID_VALUE',
      {
        field: '52',
        phase: 'data',
      },
    );
    const notAValue = { 3: 123 } as unknown as Iso8583Message['fields'];
    expectIsoError(() => body.pack({ mti: '0200', fields: notAValue }), 'ISO8583_INVALID_VALUE', {
      field: '3',
    });
  });

  it('too long: ISO8583_INVALID_VALUE with need (maximum) and have', () => {
    expectIsoError(() => body.pack({ mti: '0200', fields: { 2: '1'.repeat(20) } }), 'ISO8583_INVALID_VALUE', {
      field: '2',
      phase: 'data',
      need: 19,
      have: 20,
    });
    expectIsoError(
      () => body.pack({ mti: '0200', fields: { 64: new Uint8Array(9) } }),
      'ISO8583_INVALID_VALUE',
      {
        field: '64',
        need: 8,
        have: 9,
      },
    );
  });

  it('wrong fixed length: BCD fields are not padded, text fields are', () => {
    expectIsoError(() => body.pack({ mti: '0200', fields: { 4: '51' } }), 'ISO8583_INVALID_VALUE', {
      field: '4',
      need: 12,
      have: 2,
    });
    const bytes = body.pack({ mti: '0200', fields: { 41: '123' } });
    expect(body.unpack(bytes).fields[41]).toBe('123     ');
  });

  it('bad charset: ISO8583_INVALID_CHARACTER naming the field (or sub-field) and the character', () => {
    const pan = catchIsoError(() => body.pack({ mti: '0200', fields: { 2: '62000010A0000011' } }));
    expect(pan.code).toBe('ISO8583_INVALID_CHARACTER');
    expect(pan.details.field).toBe('2');
    expect(pan.message).toContain('character 9 ');

    const tid = catchIsoError(() => body.pack({ mti: '0200', fields: { 41: 'ab\u0001defgh' } }));
    expect([tid.code, tid.details.field]).toEqual(['ISO8583_INVALID_CHARACTER', '41']);
    expect(tid.message).toContain('character 3 ');

    const sub = catchIsoError(() => body.pack({ mti: '0200', fields: { 60: '2200x001003' } }));
    expect([sub.code, sub.details.field]).toEqual(['ISO8583_INVALID_CHARACTER', '60.2']);
    expect(sub.message).toContain('character 5 ');

    const wide = catchIsoError(() => iso87.pack({ mti: '0200', fields: { 43: 'caf\u00e9 \u4e2d' } }));
    expect([wide.code, wide.details.field]).toEqual(['ISO8583_INVALID_CHARACTER', '43']);
    expect(wide.message).toContain('character 6 ');
  });

  it('unknown field: ISO8583_UNKNOWN_FIELD in phase bitmap', () => {
    const high = { 65: hex('00') } as Iso8583Message['fields'];
    expectIsoError(() => body.pack({ mti: '0200', fields: high }), 'ISO8583_UNKNOWN_FIELD', {
      field: '65',
      phase: 'bitmap',
    });
    expectIsoError(() => iso87.pack({ mti: '0200', fields: { 129: '1' } }), 'ISO8583_UNKNOWN_FIELD', {
      field: '129',
      phase: 'bitmap',
    });
  });

  it('field keys must be the canonical numbers: 02 or 2.0 are unknown fields, not field 2', () => {
    for (const key of ['02', '2.0', ' 2', '-1']) {
      const fields = { 2: PAN_16, 3: '000000', [key]: '5678' } as unknown as Iso8583Message['fields'];
      expectIsoError(() => body.pack({ mti: '0200', fields }), 'ISO8583_UNKNOWN_FIELD', {
        field: key,
        phase: 'bitmap',
      });
    }
  });

  it('missing header part: ISO8583_INVALID_VALUE naming it', () => {
    expectIsoError(() => cupPos.pack(SALE), 'ISO8583_INVALID_VALUE', {
      field: 'tpdu',
      phase: 'data',
      offset: 0,
    });
    expectIsoError(() => cupPos.pack({ ...SALE, headers: { tpdu: '6000030000' } }), 'ISO8583_INVALID_VALUE', {
      field: 'header',
      offset: 5,
    });
  });

  it('bad MTI: length and charset', () => {
    expectIsoError(() => body.pack({ ...SALE, mti: '02000' }), 'ISO8583_INVALID_VALUE', {
      field: 'mti',
      need: 4,
      have: 5,
    });
    expectIsoError(() => iso87.pack({ ...SALE, mti: '02A0' }), 'ISO8583_INVALID_CHARACTER', { field: 'mti' });
  });

  it('a failed pack leaves the codec usable', () => {
    expect(() => body.pack({ mti: '0200', fields: { 2: '1'.repeat(20) } })).toThrow(Iso8583Error);
    expect(bytesToHex(body.pack(SALE))).toBe(bytesToHex(saleBytes));
  });
});

describe('Iso8583Error', () => {
  it('toJSON() carries code, message, field, phase, offset, need and have', () => {
    const error = catchIsoError(() => body.unpack(saleBytes.subarray(0, 22)));
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: 'Iso8583Error',
      code: 'ISO8583_TRUNCATED',
      field: '4',
      phase: 'data',
      offset: 19,
      need: 6,
      have: 3,
    });
    expect(json['message']).toBe(error.message);
    expect(error.message).toMatch(/field 4, data, at byte 19/);
  });

  it('is an Error with a stable name and code', () => {
    const error = catchIsoError(() => body.unpack(new Uint8Array()));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('Iso8583Error');
    expect(error.code).toBe('ISO8583_TRUNCATED');
  });
});

/**
 * Precise errors: each failure names its code, the field path (`4`, `60.3`, `55.9F26`, `59.A3`,
 * `mti`, `tpdu`), the phase, the absolute byte offset and need/have where a count is the problem.
 */
import { describe, expect, it } from 'vitest';
import {
  Iso8583Error,
  bytesToHex,
  createCodec,
  cupPosSpec,
  iso87AsciiSpec,
  type FieldSpec,
  type FieldValue,
  type Iso8583Message,
  type MessageSpec,
  type NumberedFieldSpec,
} from '@payterm/iso8583';
import { hex } from './support/cup-pos-dumps.js';
import { cupPosBodySpec } from './support/custom-specs.js';
import { alphabetOf } from './support/field-arbitraries.js';
import { catchIsoError, expectIsoError } from './support/iso-error-shape.js';

const body = createCodec(cupPosBodySpec);
const cupPos = createCodec(cupPosSpec);
const iso87 = createCodec(iso87AsciiSpec);
const HEADERS = { tpdu: '6000030000', header: '603210320072' };
const PAN_16 = '6200001000000011';

/**
 * 0200 with PAN (LLVAR, 16 digits), amount (n12) and 60 (LLL, 11 digits: 60.1 `22`, 60.2 `000001`, 60.3 `003`):
 * MTI 0–1, bitmap 2–9, F2 prefix 10 + data 11–18, F4 19–24, F60 prefix 25–26 + data 27–32.
 */
const SALE: Iso8583Message = {
  mti: '0200',
  fields: { 2: '6200001000000011', 4: '000000000051', 60: '22000001003' },
};
const saleBytes = body.pack(SALE);

function patched(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, at);
  return copy;
}

describe('the sale used by these tests', () => {
  it('has the layout the offsets below rely on', () => {
    expect(bytesToHex(saleBytes)).toBe(
      '0200' + '5000000000000010' + '16' + '6200001000000011' + '000000000051' + '0011' + '220000010030',
    );
  });
});

describe('unpack errors', () => {
  it('truncated fixed field: ISO8583_TRUNCATED in phase data with need/have', () => {
    expectIsoError(() => body.unpack(saleBytes.subarray(0, 22)), 'ISO8583_TRUNCATED', {
      field: '4',
      phase: 'data',
      offset: 19,
      need: 6,
      have: 3,
    });
  });

  it('offsets are absolute: the same cut behind TPDU and header is 11 bytes later', () => {
    const framed = cupPos.pack({ ...SALE, headers: HEADERS });
    expectIsoError(() => cupPos.unpack(framed.subarray(0, 33)), 'ISO8583_TRUNCATED', {
      field: '4',
      offset: 30,
      need: 6,
      have: 3,
    });
  });

  it('truncated length prefix: ISO8583_TRUNCATED in phase length', () => {
    expectIsoError(() => body.unpack(saleBytes.subarray(0, 26)), 'ISO8583_TRUNCATED', {
      field: '60',
      phase: 'length',
      offset: 25,
      need: 2,
      have: 1,
    });
  });

  it('truncated variable data: ISO8583_TRUNCATED in phase data, counted in bytes', () => {
    expectIsoError(() => body.unpack(saleBytes.subarray(0, 30)), 'ISO8583_TRUNCATED', {
      field: '60',
      phase: 'data',
      offset: 27,
      need: 6,
      have: 3,
    });
  });

  it('truncated MTI and header parts name them', () => {
    expectIsoError(() => body.unpack(hex('02')), 'ISO8583_TRUNCATED', {
      field: 'mti',
      phase: 'data',
      offset: 0,
      need: 2,
      have: 1,
    });
    expectIsoError(() => cupPos.unpack(hex('600003')), 'ISO8583_TRUNCATED', {
      field: 'tpdu',
      offset: 0,
      need: 5,
      have: 3,
    });
    expectIsoError(() => cupPos.unpack(hex('6000030000 6032')), 'ISO8583_TRUNCATED', {
      field: 'header',
      offset: 5,
      need: 6,
      have: 2,
    });
  });

  it('LLVAR over its maximum: ISO8583_INVALID_LENGTH with need (announced) and have (maximum)', () => {
    expectIsoError(() => body.unpack(patched(saleBytes, 10, 0x20)), 'ISO8583_INVALID_LENGTH', {
      field: '2',
      phase: 'length',
      offset: 10,
      need: 20,
      have: 19,
    });
  });

  it('a BCD length prefix with a non-decimal nibble is ISO8583_INVALID_LENGTH', () => {
    expectIsoError(() => body.unpack(patched(saleBytes, 10, 0x1a)), 'ISO8583_INVALID_LENGTH', {
      field: '2',
      phase: 'length',
      offset: 10,
    });
    // LLL in two bytes: the unused leading nibble must be 0.
    expectIsoError(() => body.unpack(patched(saleBytes, 25, 0x10)), 'ISO8583_INVALID_LENGTH', {
      field: '60',
      phase: 'length',
      offset: 25,
    });
  });

  it.each([
    [27, 0xa2, '60.1'],
    [28, 0x0b, '60.2'],
    [31, 0xc0, '60.3'],
    [31, 0x0d, '60.3'],
    [32, 0xe0, '60.3'],
  ])('non-digit nibble in 60 at byte %i (%s) names sub-field %s', (at, byte, path) => {
    expectIsoError(() => body.unpack(patched(saleBytes, at, byte)), 'ISO8583_INVALID_CHARACTER', {
      field: path,
      phase: 'data',
      offset: at,
    });
  });

  it('non-digit nibble in a field without sub-fields names the field', () => {
    expectIsoError(() => body.unpack(patched(saleBytes, 20, 0x0f)), 'ISO8583_INVALID_CHARACTER', {
      field: '4',
      phase: 'data',
      offset: 20,
    });
  });

  it('bad pad nibble: ISO8583_INVALID_PAD (left-aligned: last nibble)', () => {
    expectIsoError(() => body.unpack(patched(saleBytes, 32, 0x35)), 'ISO8583_INVALID_PAD', {
      field: '60',
      phase: 'data',
      offset: 32,
    });
  });

  it('bad pad nibble: ISO8583_INVALID_PAD (right-aligned fixed n3: first nibble)', () => {
    const bytes = body.pack({ mti: '0200', fields: { 23: '001' } });
    expect(bytesToHex(bytes.subarray(10))).toBe('0001');
    expectIsoError(() => body.unpack(patched(bytes, 10, 0x50)), 'ISO8583_INVALID_PAD', {
      field: '23',
      phase: 'data',
      offset: 10,
    });
  });

  it('pad nibble F is accepted and re-packed as the spec’s 0', () => {
    const message = body.unpack(patched(saleBytes, 32, 0x3f));
    expect(message.fields[60]).toBe('22000001003');
    expect(bytesToHex(body.pack(message))).toBe(bytesToHex(saleBytes));
  });

  it('a field in the bitmap that the spec does not define: ISO8583_UNKNOWN_FIELD in phase bitmap', () => {
    const without: MessageSpec = {
      ...cupPosBodySpec,
      id: 'cup-pos-without-5-and-12',
      fields: cupPosBodySpec.fields.filter((field) => field.number !== 5 && field.number !== 12),
    };
    const codec = createCodec(without);
    expectIsoError(() => codec.unpack(hex('0200 0800000000000000 000000000051')), 'ISO8583_UNKNOWN_FIELD', {
      field: '5',
      phase: 'bitmap',
      offset: 2,
    });
    expectIsoError(() => codec.unpack(hex('0200 0010000000000000 123456')), 'ISO8583_UNKNOWN_FIELD', {
      field: '12',
      phase: 'bitmap',
      offset: 3,
    });
  });

  it('bit 1 set in cup-pos: ISO8583_INVALID_BITMAP (no secondary bitmap in POS traffic)', () => {
    const bytes = cupPos.pack({ mti: '0800', headers: HEADERS, fields: { 11: '000001' } });
    expectIsoError(
      () => cupPos.unpack(patched(bytes, 13, 0x80 | (bytes[13] as number))),
      'ISO8583_INVALID_BITMAP',
      {
        field: null,
        phase: 'bitmap',
        offset: 13,
      },
    );
  });

  it('trailing bytes: ISO8583_TRAILING_BYTES, unless allowTrailingBytes', () => {
    const longer = Uint8Array.from([...saleBytes, 0xde, 0xad]);
    expectIsoError(() => body.unpack(longer), 'ISO8583_TRAILING_BYTES', {
      field: null,
      phase: 'message',
      offset: saleBytes.length,
      need: 0,
      have: 2,
    });
    const { message, layout } = body.unpackWithLayout(longer, { allowTrailingBytes: true });
    expect(message.fields[60]).toBe('22000001003');
    expect(layout.end).toBe(saleBytes.length);
  });

  it('text with a byte outside its charset: ISO8583_INVALID_CHARACTER at that byte', () => {
    const bytes = body.pack({ mti: '0200', fields: { 37: '221301491329' } });
    expectIsoError(() => body.unpack(patched(bytes, 10 + 4, 0x2a)), 'ISO8583_INVALID_CHARACTER', {
      field: '37',
      phase: 'data',
      offset: 14,
    });
    const tid = iso87.pack({ mti: '0200', fields: { 41: '12345678' } });
    expectIsoError(() => iso87.unpack(patched(tid, 20 + 2, 0x07)), 'ISO8583_INVALID_CHARACTER', {
      field: '41',
      offset: 22,
    });
  });

  it('hex-encoded binary with a non-hex character: ISO8583_INVALID_CHARACTER', () => {
    const bytes = iso87.pack({ mti: '0200', fields: { 52: hex('0123456789ABCDEF') } });
    expectIsoError(() => iso87.unpack(patched(bytes, 20 + 5, 0x47)), 'ISO8583_INVALID_CHARACTER', {
      field: '52',
      phase: 'data',
      offset: 25,
    });
  });
});

describe('over the maximum, for every variable field whose prefix can say more', () => {
  const cases = [cupPosSpec, iso87AsciiSpec].flatMap((spec) =>
    spec.fields
      .filter((field) => field.length.kind === 'variable' && field.length.max < capacityOf(field))
      .map((field) => [spec.id, field.number, spec, field] as const),
  );

  it.each(cases)('%s field %i', (_id, number, spec, field) => {
    if (field.length.kind !== 'variable') throw new Error('variable fields only');
    const max = field.length.max;
    // Packed by a spec that allows one more, read by the real one.
    const { tlv: _tlv, ...plain } = field;
    const relaxed: NumberedFieldSpec = { ...plain, length: { ...field.length, max: max + 1 } };
    const loose = createCodec({
      ...spec,
      id: `${spec.id}-loose`,
      fields: spec.fields.map((candidate) => (candidate.number === number ? relaxed : candidate)),
    });
    const message: Iso8583Message = {
      mti: '0200',
      ...(spec.headers.length > 0 ? { headers: HEADERS } : {}),
      fields: { [number]: valueOfCount(field, max + 1) },
    };
    const { bytes, layout } = loose.packWithLayout(message);
    expectIsoError(() => createCodec(spec).unpack(bytes), 'ISO8583_INVALID_LENGTH', {
      field: String(number),
      phase: 'length',
      offset: layout.field(number)?.start ?? -1,
      need: max + 1,
      have: max,
    });
  });
});

describe('TLV content errors', () => {
  const lenient = createCodec(cupPosBodySpec, { validateTlv: false });

  function with55(value: Uint8Array): { bytes: Uint8Array; dataStart: number } {
    const { bytes, layout } = lenient.packWithLayout({ mti: '0200', fields: { 55: value } });
    return { bytes, dataStart: layout.field(55)?.dataStart ?? -1 };
  }

  it('55: a value shorter than its length is 55.<tag> in phase data', () => {
    const { bytes, dataStart } = with55(hex('9F2701 80 9F2608 01020304'));
    expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      phase: 'data',
      offset: dataStart + 7,
      need: 8,
      have: 4,
    });
  });

  it('55: an unsupported length form is phase length', () => {
    const { bytes, dataStart } = with55(hex('9F26 85 0102030405'));
    expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      phase: 'length',
      offset: dataStart + 2,
    });
  });

  it('55: long-form length bytes cut off are phase length with need/have', () => {
    const { bytes, dataStart } = with55(hex('9F26 82 01'));
    expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      phase: 'length',
      offset: dataStart + 3,
      need: 2,
      have: 1,
    });
  });

  it('55: a multi-byte tag cut off is phase tag', () => {
    const { bytes } = with55(hex('9A03 250101 9F'));
    expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', { field: '55.9F', phase: 'tag' });
  });

  it('55: problems inside constructed objects name the whole path', () => {
    const { bytes, dataStart } = with55(hex('71 05 9F1804 0001'));
    expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.71.9F18',
      phase: 'data',
      offset: dataStart + 5,
      need: 4,
      have: 2,
    });
  });

  it('55 in hex (iso87-ascii): offsets count the two characters of each byte', () => {
    const lenient87 = createCodec(iso87AsciiSpec, { validateTlv: false });
    const { bytes, layout } = lenient87.packWithLayout({
      mti: '0200',
      fields: { 55: hex('9F2701 80 9F2608 01020304') },
    });
    const dataStart = layout.field(55)?.dataStart ?? -1;
    // 9F26's value starts at value byte 7, i.e. character 14 of the hex data.
    expectIsoError(() => iso87.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      phase: 'data',
      offset: dataStart + 14,
      need: 8,
      have: 4,
    });
    expect(String.fromCharCode(...bytes.subarray(dataStart + 8, dataStart + 14))).toBe('9F2608');
  });

  it('59: malformed ASCII TLV names 59.<tag> and the phase', () => {
    const lenient59 = (text: string): { bytes: Uint8Array; dataStart: number } => {
      const { bytes, layout } = lenient.packWithLayout({ mti: '0200', fields: { 59: text } });
      return { bytes, dataStart: layout.field(59)?.dataStart ?? -1 };
    };
    const badLength = lenient59('A2003SN1A30x9');
    expectIsoError(() => body.unpack(badLength.bytes), 'ISO8583_INVALID_TLV', {
      field: '59.A3',
      phase: 'length',
      offset: badLength.dataStart + 10,
    });
    const short = lenient59('A3050abc');
    expectIsoError(() => body.unpack(short.bytes), 'ISO8583_INVALID_TLV', {
      field: '59.A3',
      phase: 'data',
      offset: short.dataStart + 5,
      need: 50,
      have: 3,
    });
    const cut = lenient59('A3003abcA4');
    expectIsoError(() => body.unpack(cut.bytes), 'ISO8583_INVALID_TLV', {
      field: '59.A4',
      phase: 'tag',
      offset: cut.dataStart + 8,
      need: 5,
      have: 2,
    });
  });

  it('pack checks TLV structure too', () => {
    expectIsoError(
      () => body.pack({ mti: '0200', fields: { 55: hex('9F2608 0102') } }),
      'ISO8583_INVALID_TLV',
      {
        field: '55.9F26',
        phase: 'data',
      },
    );
    expectIsoError(() => body.pack({ mti: '0200', fields: { 59: 'A3005ab' } }), 'ISO8583_INVALID_TLV', {
      field: '59.A3',
      phase: 'data',
    });
  });
});

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

function capacityOf(field: FieldSpec): number {
  if (field.length.kind !== 'variable') return 0;
  const prefix = field.length.prefix;
  return prefix.encoding === 'binary' ? 256 ** prefix.bytes - 1 : 10 ** prefix.digits - 1;
}

/** A value whose count (in the field's own unit) is `count`. */
function valueOfCount(field: FieldSpec, count: number): FieldValue {
  if (field.charset === 'b') {
    const bytes = field.encoding === 'hex' && field.unit === 'chars' ? Math.ceil(count / 2) : count;
    return new Uint8Array(bytes).fill(0x5a);
  }
  const chars = field.encoding === 'bcd' && field.unit === 'bytes' ? count * 2 : count;
  if (field.charset === 'x+n') return 'C' + '1'.repeat(chars - 1);
  return (alphabetOf(field.charset, field.encoding)[1] as string).repeat(chars);
}

/**
 * Precise unpack errors: each failure names its code, the field path (`4`, `60.3`, `mti`, `tpdu`), the
 * phase, the absolute byte offset and need/have where a count is the problem.
 */
import { describe, expect, it } from 'vitest';
import {
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
import { expectIsoError } from './support/iso-error-shape.js';
import { HEADERS, SALE, body, cupPos, iso87, patched, saleBytes } from './support/error-fixtures.js';

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

/**
 * Wire forms, byte by byte: the round-trip properties prove pack and unpack agree with each other;
 * these vectors prove they agree with the formats (EBCDIC 037, BCD nibbles and padding, length
 * prefixes of every kind, hex text, MTI encodings, text padding).
 */
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCodec,
  cupPosSpec,
  iso87AsciiSpec,
  type FieldSpec,
  type FieldValue,
  type MessageSpec,
} from '@payterm/iso8583';
import { hex } from './support/cup-pos-dumps.js';
import { cupPosBodySpec, ebcdicSpec, nibbleSpec } from './support/custom-specs.js';

/** The bytes field `number` occupies when packed alone (prefix and data). */
function fieldBytes(
  spec: MessageSpec,
  number: number,
  value: FieldValue,
  headers?: Record<string, string>,
): string {
  const codec = createCodec(spec);
  const { bytes, layout } = codec.packWithLayout({
    mti: '0100',
    ...(headers ? { headers } : {}),
    fields: { [number]: value },
  });
  const span = layout.field(number);
  if (span === undefined) throw new Error(`field ${number} not packed`);
  expect(codec.unpack(bytes).fields[number]).toEqual(value);
  return bytesToHex(bytes.subarray(span.start, span.end));
}

/** A one-field spec, for shapes none of the test specs has. */
function single(field: FieldSpec, mti: MessageSpec['mti']['encoding'] = 'ascii'): MessageSpec {
  return {
    id: 'single',
    name: 'Single field',
    headers: [],
    mti: { encoding: mti },
    bitmap: { encoding: 'binary', maxBitmaps: 1 },
    fields: [{ number: 2, ...field }],
  };
}

const ascii = (text: string): string => bytesToHex(new TextEncoder().encode(text));
const ODD = { odd: '12345' };

describe('MTI encodings', () => {
  it('ASCII, BCD and EBCDIC', () => {
    const mtiBytes = (spec: MessageSpec, headers?: Record<string, string>): string => {
      const codec = createCodec(spec);
      const { bytes, layout } = codec.packWithLayout({
        mti: '0200',
        ...(headers ? { headers } : {}),
        fields: {},
      });
      return bytesToHex(
        bytes.subarray(layout.mtiStart, layout.mtiStart + (spec.mti.encoding === 'bcd' ? 2 : 4)),
      );
    };
    expect(mtiBytes(iso87AsciiSpec)).toBe('30323030');
    expect(mtiBytes(cupPosBodySpec)).toBe('0200');
    expect(mtiBytes(ebcdicSpec, { route: 'AB12' })).toBe('F0F2F0F0');
  });
});

describe('EBCDIC 037', () => {
  it('text and prefixes: digits F0–F9, letters C1/81…, space 40', () => {
    expect(fieldBytes(ebcdicSpec, 2, '6200001234', { route: 'AB12' })).toBe('F1F0' + 'F6F2F0F0F0F0F1F2F3F4');
    expect(fieldBytes(ebcdicSpec, 5, 'Ab cdEFghi', { route: 'AB12' })).toBe('C182408384C5C6878889');
    expect(fieldBytes(ebcdicSpec, 7, '+-', { route: 'AB12' })).toBe('F2' + '4E60');
    expect(fieldBytes(ebcdicSpec, 6, 'x', { route: 'AB12' })).toBe('F0F0F0F1' + 'A7');
  });

  it('a header part in EBCDIC', () => {
    const codec = createCodec(ebcdicSpec);
    const bytes = codec.pack({ mti: '0800', headers: { route: 'AB12' }, fields: {} });
    expect(bytesToHex(bytes.subarray(0, 4))).toBe('C1C2F1F2');
  });

  it('carries every Latin-1 character of an ans field through the code page', () => {
    const all = Array.from({ length: 0xff - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i))
      .filter((c) => c.charCodeAt(0) < 0x7f || c.charCodeAt(0) >= 0x80)
      .join('');
    const codec = createCodec(ebcdicSpec);
    const bytes = codec.pack({
      mti: '0100',
      headers: { route: 'AB12' },
      fields: { 4: all.slice(0, 200), 70: all.slice(100) },
    });
    const message = codec.unpack(bytes);
    expect(message.fields[4]).toBe(all.slice(0, 200));
    expect(message.fields[70]).toBe(all.slice(100));
    // Every character maps to a distinct byte.
    const data = bytes.subarray(bytes.length - (all.length - 100));
    expect(new Set(data).size).toBe(all.length - 100);
  });
});

describe('length prefixes', () => {
  it('binary 1 byte and 2 bytes (big-endian)', () => {
    expect(fieldBytes(nibbleSpec, 2, hex('0102'), ODD)).toBe('02' + '0102');
    expect(fieldBytes(nibbleSpec, 3, new Uint8Array(300), ODD)).toBe('012C' + '00'.repeat(300));
    expect(fieldBytes(nibbleSpec, 4, 'AB', ODD)).toBe('0002' + '4142');
  });

  it('BCD with 1, 2, 3 and 4 digits', () => {
    expect(fieldBytes(nibbleSpec, 20, 'abc', ODD)).toBe('03' + '616263');
    expect(fieldBytes(cupPosBodySpec, 2, '6200001000000011')).toBe('16' + '6200001000000011');
    expect(fieldBytes(cupPosBodySpec, 60, '22000001003')).toBe('0011' + '220000010030');
    expect(fieldBytes(nibbleSpec, 6, '1'.repeat(1234), ODD)).toBe('1234' + '11'.repeat(617));
  });

  it('ASCII with 2 and 3 digits', () => {
    expect(fieldBytes(iso87AsciiSpec, 2, '6200001000000011')).toBe(ascii('16') + ascii('6200001000000011'));
    expect(fieldBytes(iso87AsciiSpec, 48, 'AB')).toBe(ascii('002AB'));
  });

  it('a BCD prefix counting digits of a numeric field with a binary prefix', () => {
    expect(fieldBytes(nibbleSpec, 5, '12345', ODD)).toBe('05' + '12345F');
    expect(fieldBytes(nibbleSpec, 14, '123', ODD)).toBe('0003' + '0123');
  });
});

describe('BCD nibbles and padding', () => {
  it('left-aligned odd digits pad at the end (cup-pos 22, 35, 60); right-aligned at the start (3, 23)', () => {
    expect(fieldBytes(cupPosBodySpec, 22, '051')).toBe('0510');
    expect(fieldBytes(cupPosBodySpec, 23, '001')).toBe('0001');
    expect(fieldBytes(cupPosBodySpec, 27, '7')).toBe('07');
    expect(fieldBytes(cupPosBodySpec, 32, '48023310')).toBe('08' + '48023310');
    expect(fieldBytes(cupPosBodySpec, 33, '123')).toBe('03' + '1230');
  });

  it('pad F, right-aligned and left-aligned', () => {
    expect(fieldBytes(nibbleSpec, 10, '12345', ODD)).toBe('F12345');
    expect(fieldBytes(nibbleSpec, 11, '1A2B3C4', ODD)).toBe('F1A2B3C4');
    expect(fieldBytes(nibbleSpec, 8, 'ABC', ODD)).toBe('03' + 'ABCF');
  });

  it('an odd BCD header part, right-aligned with pad F', () => {
    const codec = createCodec(nibbleSpec);
    expect(
      bytesToHex(codec.pack({ mti: '0100', headers: { odd: '12345' }, fields: {} }).subarray(0, 3)),
    ).toBe('F12345');
  });

  it('z: track data with = as nibble D, read back as =; D accepted as the separator when packing', () => {
    const track = '4392260009942820=131210112008439';
    expect(fieldBytes(cupPosBodySpec, 35, track)).toBe('32' + '4392260009942820D131210112008439');
    expect(fieldBytes(nibbleSpec, 12, '12345=678', ODD)).toBe('12345D678F');
    const codec = createCodec(cupPosBodySpec);
    const withD = codec.pack({ mti: '0200', fields: { 35: track.replace('=', 'D') } });
    expect(bytesToHex(withD)).toBe(bytesToHex(codec.pack({ mti: '0200', fields: { 35: track } })));
    expect(codec.unpack(withD).fields[35]).toBe(track);
  });

  it('x: hex nibbles, lower case accepted when packing and read back in upper case', () => {
    expect(fieldBytes(nibbleSpec, 22, 'ABCDEF', ODD)).toBe('ABCDEF');
    const codec = createCodec(nibbleSpec);
    const bytes = codec.pack({ mti: '0100', headers: ODD, fields: { 22: 'abcdef' } });
    expect(codec.unpack(bytes).fields[22]).toBe('ABCDEF');
  });

  it('BCD counted in bytes: the prefix counts bytes, the value is an even number of nibbles', () => {
    expect(fieldBytes(nibbleSpec, 13, '0A0B0C', ODD)).toBe('03' + '0A0B0C');
    const codec = createCodec(nibbleSpec);
    expect(() => codec.pack({ mti: '0100', headers: ODD, fields: { 13: 'ABC' } })).toThrow(
      /even number of characters/,
    );
  });

  it('the cup-pos TPDU and header are hex nibbles (sub-version 31110E)', () => {
    const codec = createCodec(cupPosSpec);
    const bytes = codec.pack({
      mti: '0810',
      headers: { tpdu: '6000000138', header: '60310031110E' },
      fields: {},
    });
    expect(bytesToHex(bytes.subarray(0, 13))).toBe('6000000138' + '60310031110E' + '0810');
    expect(codec.unpack(bytes).headers).toEqual({ tpdu: '6000000138', header: '60310031110E' });
  });
});

describe('hex text for binary values', () => {
  it('fixed, counted in characters or bytes', () => {
    expect(fieldBytes(nibbleSpec, 16, hex('0123456789ABCDEF'), ODD)).toBe(ascii('0123456789ABCDEF'));
    expect(fieldBytes(nibbleSpec, 19, hex('00FF10AB'), ODD)).toBe(ascii('00FF10AB'));
    expect(fieldBytes(iso87AsciiSpec, 52, hex('ACF46E73838A82F9'))).toBe(ascii('ACF46E73838A82F9'));
  });

  it('variable: an ASCII prefix counting characters, or a binary prefix counting bytes', () => {
    expect(fieldBytes(nibbleSpec, 17, hex('ABCDEF'), ODD)).toBe(ascii('006ABCDEF'));
    expect(fieldBytes(nibbleSpec, 18, hex('ABCDEF'), ODD)).toBe('03' + ascii('ABCDEF'));
    expect(fieldBytes(iso87AsciiSpec, 55, hex('9F270180'))).toBe(ascii('0049F270180'));
  });

  it('lower-case hex on the wire is read; pack writes upper case', () => {
    const codec = createCodec(iso87AsciiSpec);
    const bytes = new TextEncoder().encode('0200' + '0000000000001000' + 'acf46e73838a82f9');
    const message = codec.unpack(bytes);
    expect(bytesToHex(message.fields[52] as Uint8Array)).toBe('ACF46E73838A82F9');
    expect(new TextDecoder().decode(codec.pack(message)).slice(20)).toBe('ACF46E73838A82F9');
  });

  it('an odd character count is ISO8583_INVALID_LENGTH when the prefix counts characters', () => {
    const codec = createCodec(nibbleSpec);
    const bytes = codec.pack({ mti: '0100', headers: ODD, fields: { 17: hex('AB') } }).slice();
    bytes[bytes.length - 3] = 0x33; // the prefix says 003
    expect(() => codec.unpack(bytes)).toThrow(/even number of characters, not 3/);
  });
});

describe('text', () => {
  it('fixed text fields pad short values: spaces after text, zeros before digits', () => {
    const iso87 = createCodec(iso87AsciiSpec);
    const bytes = iso87.pack({ mti: '0200', fields: { 4: '51', 41: 'T1' } });
    expect(new TextDecoder().decode(bytes).slice(20)).toBe('000000000051' + 'T1      ');
  });

  it('ans carries bytes 0x80–0xFF (GBK text) through unchanged', () => {
    const gbk = String.fromCharCode(0xd6, 0xd0, 0xb9, 0xfa); // 中国 in GBK, read as Latin-1
    expect(fieldBytes(cupPosBodySpec, 63, `CUP${gbk}`)).toBe('0007' + '435550' + 'D6D0B9FA');
  });

  it('x+n: a C or D sign then digits', () => {
    expect(fieldBytes(iso87AsciiSpec, 28, 'D00000100')).toBe(ascii('D00000100'));
    expect(() => createCodec(iso87AsciiSpec).pack({ mti: '0200', fields: { 28: '000000100' } })).toThrow(
      /character 1 /,
    );
  });

  it('an ASCII numeric field counted in digits', () => {
    expect(fieldBytes(nibbleSpec, 21, '042', ODD)).toBe(ascii('042'));
  });

  it('a one-field spec with EBCDIC data behind a BCD prefix', () => {
    const spec = single({
      name: 'Mixed',
      charset: 'an',
      encoding: 'ebcdic',
      unit: 'chars',
      length: { kind: 'variable', prefix: { encoding: 'bcd', digits: 2 }, max: 20 },
    });
    expect(fieldBytes(spec, 2, 'OK 1')).toBe('04' + 'D6D240F1');
  });
});

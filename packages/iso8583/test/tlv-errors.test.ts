/** TLV content errors name the tag path (`55.9F26`, `59.A3`), the phase and the offset. */
import { describe, expect, it } from 'vitest';
import { EmvError } from '@payterm/emv';
import { createCodec, iso87AsciiSpec } from '@payterm/iso8583';
import { hex } from './support/cup-pos-dumps.js';
import { cupPosBodySpec } from './support/custom-specs.js';
import { expectIsoError } from './support/iso-error-shape.js';
import { body, iso87 } from './support/error-fixtures.js';

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

  it('55: the BER-TLV error of @payterm/emv is kept as the cause, with offsets inside the field', () => {
    const { bytes, dataStart } = with55(hex('9F2701 80 9F2608 01020304'));
    const error = expectIsoError(() => body.unpack(bytes), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      offset: dataStart + 7,
    });
    expect(error.cause).toBeInstanceOf(EmvError);
    expect((error.cause as EmvError).details).toMatchObject({ path: '9F26', phase: 'value', offset: 7 });
    expect(error.message).toContain('field 55.9F26');
    expect(error.message).not.toContain('at 9F26');
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

import { describe, expect, it } from 'vitest';
import { buildDolData, bytesToHex, fitToLength, hexToBytes, parseDol } from '@payterm/emv';
import { expectEmvError } from './support/emv-error-shape.js';

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, '')) as Uint8Array;

describe('DOL', () => {
  // A typical CDOL1: amount, other amount, country, TVR, currency, date, type, UN, terminal type, data auth code, ICC dynamic number, CVM results.
  const cdol1 = hex(
    '9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04 9F35 01 9F45 02 9F4C 08 9F34 03',
  );

  it('parses tags and lengths', () => {
    expect(parseDol(cdol1)).toEqual([
      { tag: '9F02', length: 6 },
      { tag: '9F03', length: 6 },
      { tag: '9F1A', length: 2 },
      { tag: '95', length: 5 },
      { tag: '5F2A', length: 2 },
      { tag: '9A', length: 3 },
      { tag: '9C', length: 1 },
      { tag: '9F37', length: 4 },
      { tag: '9F35', length: 1 },
      { tag: '9F45', length: 2 },
      { tag: '9F4C', length: 8 },
      { tag: '9F34', length: 3 },
    ]);
    expect(parseDol(new Uint8Array())).toEqual([]);
  });

  it('builds the data: values in order, absent ones as zeros', () => {
    const values = new Map([
      ['9F02', hex('000000010000')],
      ['9F1A', hex('0156')],
      ['95', hex('0000000000')],
      ['5F2A', hex('0156')],
      ['9A', hex('261125')],
      ['9C', hex('00')],
      ['9F37', hex('11223344')],
      ['9F35', hex('22')],
      ['9F34', hex('1F0302')],
    ]);
    expect(bytesToHex(buildDolData(parseDol(cdol1), values))).toBe(
      '000000010000' +
        '000000000000' +
        '0156' +
        '0000000000' +
        '0156' +
        '261125' +
        '00' +
        '11223344' +
        '22' +
        '0000' +
        '0000000000000000' +
        '1F0302',
    );
  });

  it('pads and truncates by format (EMV Book 3 §5.4)', () => {
    const dol = parseDol(hex('9F02 04 9F02 08 5A 0C 5A 04 9F1E 0A 9F1E 04 9F37 06 9F37 02'));
    const data = buildDolData(dol, {
      '9F02': hex('000000012345'),
      '5A': hex('6214672500000000056F'),
      '9F1E': hex('3132333435363738'),
      '9F37': hex('A1B2C3D4'),
    });
    expect(bytesToHex(data)).toBe(
      [
        '00012345', // n, shorter DOL length: leftmost bytes dropped
        '0000000000012345', // n, longer: leading zeros
        '6214672500000000056FFFFF', // cn, longer: trailing FF
        '62146725', // cn, shorter: rightmost bytes dropped
        '31323334353637380000', // an, longer: trailing zeros
        '31323334', // an, shorter: rightmost dropped
        'A1B2C3D40000', // b, longer: trailing zeros
        'A1B2', // b, shorter: rightmost dropped
      ].join(''),
    );
  });

  it('fills constructed tags with zeros and copies values it does not change', () => {
    expect(bytesToHex(buildDolData([{ tag: '71', length: 3 }], { '71': hex('AABBCC') }))).toBe('000000');
    const value = hex('0156');
    const fitted = fitToLength(value, 2, 'n');
    expect(fitted).toEqual(value);
    expect(fitted).not.toBe(value);
  });

  it('names the entry and offset of a malformed DOL', () => {
    expectEmvError(() => parseDol(hex('9F02 06 9F03')), 'EMV_DOL_INVALID', {
      path: '9F03',
      phase: 'length',
      offset: 5,
    });
    expectEmvError(() => parseDol(hex('9F02 06 9F')), 'EMV_DOL_INVALID', {
      path: '9F',
      phase: 'tag',
      offset: 4,
    });
    expectEmvError(() => parseDol(hex('9F 81 82 83 04')), 'EMV_DOL_INVALID', { phase: 'tag', offset: 0 });
  });
});

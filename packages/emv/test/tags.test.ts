import { describe, expect, it } from 'vitest';
import { decodeTlv, describeTlv, EMV_TAGS, emvTagInfo, hexToBytes, type TlvNode } from '@payterm/emv';
import { TLV_FIXTURES } from './support/fixtures.js';

// prettier-ignore
const FIELD_55_TAGS = [
  '4F', '50', '56', '57', '5A', '5F20', '5F24', '5F25', '5F28', '5F2A', '5F2D', '5F30', '5F34', '71', '72', '82',
  '84', '86', '8A', '8C', '8D', '8E', '8F', '91', '95', '9A', '9B', '9C', '9F01', '9F02', '9F03', '9F06', '9F07',
  '9F08', '9F09', '9F0D', '9F0E', '9F0F', '9F10', '9F11', '9F12', '9F15', '9F16', '9F18', '9F1A', '9F1B', '9F1C',
  '9F1E', '9F1F', '9F20', '9F21', '9F26', '9F27', '9F33', '9F34', '9F35', '9F36', '9F37', '9F39', '9F40', '9F41',
  '9F4C', '9F53', '9F5D', '9F63', '9F66', '9F6B', '9F6C', '9F6E', '9F74', '9F7C', 'DF31',
];

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, '')) as Uint8Array;

describe('EMV tag dictionary', () => {
  it('covers the field 55 request and response tags', () => {
    expect(FIELD_55_TAGS.filter((tag) => EMV_TAGS[tag] === undefined)).toEqual([]);
  });

  it('has consistent entries: lengths, digits that fit, templates exactly on constructed tags', () => {
    for (const [tag, info] of Object.entries(EMV_TAGS)) {
      expect(info.minBytes, tag).toBeLessThanOrEqual(info.maxBytes);
      if (info.digits !== undefined)
        expect(Math.ceil(info.digits / 2), tag).toBeLessThanOrEqual(info.maxBytes);
      const constructed = (parseInt(tag.slice(0, 2), 16) & 0x20) !== 0;
      expect(info.constructed === true, tag).toBe(constructed);
    }
  });

  it('marks PAN, track data and cardholder name sensitive, and not the cryptogram', () => {
    expect(emvTagInfo('5a')?.sensitive).toBe('pan');
    expect(['56', '57', '9F6B'].map((tag) => EMV_TAGS[tag]?.sensitive)).toEqual(['track', 'track', 'track']);
    expect(EMV_TAGS['5F20']?.sensitive).toBe('name');
    expect(EMV_TAGS['9F26']?.sensitive).toBeUndefined();
  });

  it('knows formats and sources from EMV Book 3', () => {
    expect(EMV_TAGS['9F02']).toMatchObject({
      format: 'n',
      source: 'terminal',
      minBytes: 6,
      maxBytes: 6,
      digits: 12,
    });
    expect(EMV_TAGS['5A']).toMatchObject({ format: 'cn', source: 'card', maxBytes: 10 });
    expect(EMV_TAGS['91']).toMatchObject({ format: 'b', source: 'issuer', minBytes: 8, maxBytes: 16 });
    expect(EMV_TAGS['9F1E']).toMatchObject({ format: 'an', minBytes: 8 });
  });
});

describe('describeTlv', () => {
  const card = decodeTlv(
    hex(TLV_FIXTURES.find((fixture) => fixture.id === 'dspread-demo-icc-data')?.hex ?? ''),
  );
  const extra: TlvNode[] = [
    { tag: '57', value: hex('6214672500000000056D3010201000000000000F') },
    { tag: '5F20', value: new TextEncoder().encode('ZHANG/SAN') },
    { tag: '56', value: new TextEncoder().encode('B6214672500000000056^ZHANG/SAN^3010201') },
  ];

  it('masks PAN, track data and cardholder name by default', () => {
    const text = describeTlv([...card, ...extra]);
    expect(text).toContain('5A   Application PAN (10): 621467*********0056F');
    expect(text).toContain('57   Track 2 equivalent data (20): 621467*********0056D********************');
    expect(text).toContain('5F20 Cardholder name (9): "*********"');
    expect(text).toContain('56   Track 1 data (38): "B621467*********0056^*****************"');
    expect(text).not.toMatch(/6214672500000000056/);
    expect(text).not.toContain('ZHANG');
  });

  it('shows everything with unmask, names tags and indents children', () => {
    const text = describeTlv([...card.slice(0, 1), ...extra.slice(1, 2)], { unmask: true });
    expect(text).toBe(
      '5A   Application PAN (10): 6214672500000000056F\n5F20 Cardholder name (9): "ZHANG/SAN"',
    );
    const scripts = describeTlv(decodeTlv(hex('71 0C 9F18 04 00000001 86 03 112233 DF7F 00')));
    expect(scripts.split('\n')).toEqual([
      '71   Issuer script template 1 (12)',
      '  9F18 Issuer script identifier (4): 00000001',
      '  86   Issuer script command (3): 112233',
      'DF7F Unknown tag (0): ',
    ]);
  });
});

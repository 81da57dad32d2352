/**
 * TLV views: BER-TLV (EMV field 55) and ASCII TLV (CUP field 59). decode∘encode round-trips object
 * lists; TLV fields survive unpack→pack byte for byte, even in forms the encoder would not produce
 * (non-minimal lengths), because the field value is the bytes and the objects are only a view.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCodec,
  cupPosSpec,
  decodeAsciiTlv,
  decodeBerTlv,
  encodeAsciiTlv,
  encodeBerTlv,
  iso87AsciiSpec,
  type TlvNode,
} from '@payterm/iso8583';
import { berNodeListArbitrary, rawBerBytesArbitrary } from './support/ber-tlv-arbitraries.js';
import { hex } from './support/cup-pos-dumps.js';
import { nibbleSpec } from './support/custom-specs.js';
import { alphabetOf, asciiTlvNodesArbitrary } from './support/field-arbitraries.js';
import { expectIsoError } from './support/iso-error-shape.js';

/** Nodes as comparable text: tag, value hex, children. */
function shape(nodes: readonly TlvNode[]): unknown[] {
  return nodes.map((node) => ({
    tag: node.tag,
    value: bytesToHex(node.value),
    ...(node.children === undefined ? {} : { children: shape(node.children) }),
  }));
}

const cupPos = createCodec(cupPosSpec);
const iso87 = createCodec(iso87AsciiSpec);
const HEADERS = { tpdu: '6000030000', header: '603210320072' };

describe('BER-TLV', () => {
  it('decodeBerTlv ∘ encodeBerTlv is the identity on object lists (unknown and multi-byte tags, long lengths, nesting)', () => {
    fc.assert(
      fc.property(berNodeListArbitrary(2000, 3), (nodes) => {
        const bytes = encodeBerTlv(nodes);
        expect(shape(decodeBerTlv(bytes))).toEqual(shape(nodes));
        expect(bytesToHex(encodeBerTlv(decodeBerTlv(bytes)))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('decodes a field 55 with primitive, multi-byte and constructed tags', () => {
    const bytes = hex('9F2608 1122334455667788 9F2701 80 DF8101 02 ABCD 71 09 9F1804 00000001 86 00 5A 00');
    expect(shape(decodeBerTlv(bytes))).toEqual([
      { tag: '9F26', value: '1122334455667788' },
      { tag: '9F27', value: '80' },
      { tag: 'DF8101', value: 'ABCD' },
      {
        tag: '71',
        value: '9F180400000001' + '8600',
        children: [
          { tag: '9F18', value: '00000001' },
          { tag: '86', value: '' },
        ],
      },
      { tag: '5A', value: '' },
    ]);
  });

  it('writes minimal lengths: 127 short, 128–255 as 81 xx, 256+ as 82 xx xx', () => {
    const lengthOf = (size: number): string =>
      bytesToHex(
        encodeBerTlv([{ tag: '9F10', value: new Uint8Array(size) }]).subarray(
          2,
          size < 128 ? 3 : size < 256 ? 4 : 5,
        ),
      );
    expect([0, 127, 128, 255, 256, 1000].map(lengthOf)).toEqual([
      '00',
      '7F',
      '8180',
      '81FF',
      '820100',
      '8203E8',
    ]);
    const decoded = decodeBerTlv(encodeBerTlv([{ tag: '9F10', value: new Uint8Array(300).fill(9) }]));
    expect(decoded[0]?.value).toEqual(new Uint8Array(300).fill(9));
  });

  it('accepts tags of up to 4 bytes and rejects longer ones', () => {
    expect(decodeBerTlv(hex('DF818101 01 AA'))[0]?.tag).toBe('DF818101');
    // The path names the four bytes read: the fourth still announces a further tag byte.
    expectIsoError(() => decodeBerTlv(hex('DF81818101 01 AA'), '55'), 'ISO8583_INVALID_TLV', {
      field: '55.DF818181',
      phase: 'tag',
      offset: 0,
    });
  });

  it('rejects indefinite and over-long length forms', () => {
    expectIsoError(() => decodeBerTlv(hex('71 80 0000'), '55'), 'ISO8583_INVALID_TLV', {
      field: '55.71',
      phase: 'length',
      offset: 1,
    });
    expectIsoError(() => decodeBerTlv(hex('9F26 85 0000000008'), '55'), 'ISO8583_INVALID_TLV', {
      field: '55.9F26',
      phase: 'length',
      offset: 2,
    });
  });

  it('decode→encode canonicalises non-minimal lengths (the field bytes themselves are kept, see below)', () => {
    const nodes = decodeBerTlv(hex('5A 81 02 1234 9F02 82 0006 000000000051'));
    expect(shape(nodes)).toEqual([
      { tag: '5A', value: '1234' },
      { tag: '9F02', value: '000000000051' },
    ]);
    expect(bytesToHex(encodeBerTlv(nodes))).toBe('5A0212349F0206000000000051');
  });

  it('bounds nesting depth: 32 constructed levels are fine, 33 are ISO8583_INVALID_TLV', () => {
    const nested = (depth: number): Uint8Array => {
      let node: TlvNode = { tag: '5A', value: hex('11') };
      for (let i = 0; i < depth; i++) node = { tag: 'E1', value: new Uint8Array(), children: [node] };
      return encodeBerTlv([node]);
    };
    expect(decodeBerTlv(nested(32))).toHaveLength(1);
    expectIsoError(() => decodeBerTlv(nested(33), '55'), 'ISO8583_INVALID_TLV', { phase: 'tag' });
    // Far deeper input fails the same way instead of overflowing the stack, also inside a field.
    const deep = nested(3000);
    expectIsoError(() => decodeBerTlv(deep, '7'), 'ISO8583_INVALID_TLV', { phase: 'tag' });
    const codec = createCodec(nibbleSpec, { validateTlv: false });
    const bytes = codec.pack({ mti: '0100', headers: { odd: '12345' }, fields: { 7: nested(350) } });
    expectIsoError(() => createCodec(nibbleSpec).unpack(bytes), 'ISO8583_INVALID_TLV', { phase: 'tag' });
  });

  it('encodeBerTlv refuses tags that are not exactly one BER tag', () => {
    for (const tag of ['', 'XY', '5', '9F', '9F81', '5A00', '5A0000', '5A81', '9F2600', 'DF81818101']) {
      expectIsoError(() => encodeBerTlv([{ tag, value: hex('11') }], '55'), 'ISO8583_INVALID_TLV', {
        phase: 'tag',
      });
    }
    expect(bytesToHex(encodeBerTlv([{ tag: '9f26', value: hex('11') }]))).toBe('9F260111');
  });
});

describe('field 55 carries BER-TLV bytes unchanged', () => {
  const cases = [
    ['cup-pos (binary LLL)', cupPos, { headers: HEADERS }],
    ['iso87-ascii (hex LLL)', iso87, {}],
  ] as const;

  it.each(cases)(
    '%s: random object lists survive unpack→pack and decode to the same objects',
    (_name, codec, extra) => {
      fc.assert(
        fc.property(berNodeListArbitrary(255), (nodes) => {
          const value = encodeBerTlv(nodes);
          const bytes = codec.pack({ mti: '0200', ...extra, fields: { 55: value } });
          const unpacked = codec.unpack(bytes).fields[55] as Uint8Array;
          expect(bytesToHex(unpacked)).toBe(bytesToHex(value));
          expect(shape(decodeBerTlv(unpacked))).toEqual(shape(nodes));
          expect(bytesToHex(codec.pack(codec.unpack(bytes)))).toBe(bytesToHex(bytes));
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(cases)('%s: non-minimal length forms survive unpack→pack byte for byte', (_name, codec, extra) => {
    fc.assert(
      fc.property(rawBerBytesArbitrary(255), (value) => {
        const bytes = codec.pack({ mti: '0200', ...extra, fields: { 55: value } });
        expect(bytesToHex(codec.pack(codec.unpack(bytes)))).toBe(bytesToHex(bytes));
        expect(bytesToHex(codec.unpack(bytes).fields[55] as Uint8Array)).toBe(bytesToHex(value));
      }),
      { numRuns: 300 },
    );
  });

  it('long-form lengths of 128 and more inside 55', () => {
    const value = encodeBerTlv([
      { tag: '9F10', value: new Uint8Array(200).fill(0x42) },
      { tag: '9F27', value: hex('80') },
    ]);
    expect(bytesToHex(value.subarray(0, 4))).toBe('9F1081C8');
    const bytes = cupPos.pack({ mti: '0200', headers: HEADERS, fields: { 55: value } });
    expect(bytesToHex(cupPos.pack(cupPos.unpack(bytes)))).toBe(bytesToHex(bytes));
  });
});

describe('ASCII TLV (field 59)', () => {
  const layout = { tagChars: 2, lengthDigits: 3 } as const;

  it('decodeAsciiTlv ∘ encodeAsciiTlv is the identity', () => {
    fc.assert(
      fc.property(asciiTlvNodesArbitrary(layout, alphabetOf('ans', 'ascii'), 999), (nodes) => {
        const text = encodeAsciiTlv(nodes, layout);
        expect(decodeAsciiTlv(text, layout)).toEqual(nodes);
        expect(encodeAsciiTlv(decodeAsciiTlv(text, layout), layout)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes the CUP QR tags', () => {
    const text = 'A3019' + '6225880134567890123' + 'A2008' + 'SN123456';
    expect(decodeAsciiTlv(text, layout)).toEqual([
      { tag: 'A3', value: '6225880134567890123' },
      { tag: 'A2', value: 'SN123456' },
    ]);
    const bytes = cupPos.pack({ mti: '0200', headers: HEADERS, fields: { 59: text } });
    expect(cupPos.unpack(bytes).fields[59]).toBe(text);
    expect(bytesToHex(cupPos.pack(cupPos.unpack(bytes)))).toBe(bytesToHex(bytes));
  });

  it('encodeAsciiTlv checks tag width and value length', () => {
    expectIsoError(() => encodeAsciiTlv([{ tag: 'A', value: 'x' }], layout, '59'), 'ISO8583_INVALID_TLV', {
      field: '59.A',
      phase: 'tag',
      need: 2,
      have: 1,
    });
    expectIsoError(
      () => encodeAsciiTlv([{ tag: 'A3', value: 'x'.repeat(1000) }], layout, '59'),
      'ISO8583_INVALID_TLV',
      {
        field: '59.A3',
        phase: 'data',
        need: 999,
        have: 1000,
      },
    );
    expect(encodeAsciiTlv([{ tag: 'A3', value: '' }], layout)).toBe('A3000');
  });

  it('decodeAsciiTlv reports where the text breaks', () => {
    expectIsoError(() => decodeAsciiTlv('A3', layout, '59'), 'ISO8583_INVALID_TLV', {
      field: '59.A3',
      phase: 'tag',
      offset: 0,
      need: 5,
      have: 2,
    });
    expectIsoError(() => decodeAsciiTlv('A3-01x', layout, '59'), 'ISO8583_INVALID_TLV', {
      field: '59.A3',
      phase: 'length',
      offset: 2,
    });
    expectIsoError(() => decodeAsciiTlv('A3001xA4002y', layout, '59'), 'ISO8583_INVALID_TLV', {
      field: '59.A4',
      phase: 'data',
      offset: 11,
      need: 2,
      have: 1,
    });
  });
});

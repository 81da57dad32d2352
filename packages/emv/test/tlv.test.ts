import { describe, expect, it } from 'vitest';
import { bytesToHex, decodeTlv, encodeTlv, hexToBytes, type TlvNode } from '@payterm/emv';
import { expectEmvError } from './support/emv-error-shape.js';
import { TLV_FIXTURES } from './support/fixtures.js';

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, '')) as Uint8Array;

function paths(nodes: readonly TlvNode[], prefix = ''): string[] {
  return nodes.flatMap((node) => [
    prefix + node.tag,
    ...(node.children ? paths(node.children, `${prefix}${node.tag}.`) : []),
  ]);
}

describe('BER-TLV fixtures', () => {
  it.each(TLV_FIXTURES.map((fixture) => [fixture.id, fixture] as const))(
    '%s decodes and re-encodes',
    (_, fixture) => {
      const nodes = decodeTlv(hex(fixture.hex));
      expect(paths(nodes)).toEqual(fixture.paths);
      expect(bytesToHex(encodeTlv(nodes))).toBe(fixture.hex);
    },
  );

  it('reads the values of a CUP field 55 request', () => {
    const nodes = decodeTlv(hex(TLV_FIXTURES[0]?.hex ?? ''));
    const value = (tag: string): string =>
      bytesToHex(nodes.find((node) => node.tag === tag)?.value ?? new Uint8Array());
    expect(value('9F26')).toBe('46FD62985CAAE758');
    expect(value('9F10')).toBe('07011703A00000010A0100000500001EF41C46');
    expect(value('9F02')).toBe('000000001111');
    expect(value('84')).toBe('A000000333010102');
  });

  it('decodes issuer scripts in 71 into children, keeping the raw value', () => {
    const nodes = decodeTlv(hex('71 12 9F18 04 00000001 86 09 84 24 00 00 04 11 22 33 44'));
    const script = nodes[0] as TlvNode;
    expect(script.children?.map((child) => child.tag)).toEqual(['9F18', '86']);
    expect(bytesToHex(script.value)).toBe('9F180400000001860984240000041122334' + '4');
  });

  it('keeps non-minimal lengths on decoded nodes only, and uses minimal lengths for new nodes', () => {
    const [node] = decodeTlv(hex('9F26 81 08 1122334455667788'));
    expect(bytesToHex(node?.lengthBytes ?? new Uint8Array())).toBe('8108');
    expect(bytesToHex(encodeTlv([node as TlvNode]))).toBe('9F2681081122334455667788');
    expect(bytesToHex(encodeTlv([{ tag: '9F26', value: hex('1122334455667788') }]))).toBe(
      '9F26081122334455667788',
    );
    // A changed value no longer matches the kept length field: the length becomes minimal.
    expect(bytesToHex(encodeTlv([{ ...(node as TlvNode), value: hex('11') }]))).toBe('9F260111');
    expect(decodeTlv(hex('9F26 08 1122334455667788'))[0]).not.toHaveProperty('lengthBytes');
  });

  it('handles long values with 81 and 82 length forms', () => {
    const value = new Uint8Array(300).map((_, i) => i & 0xff);
    const encoded = encodeTlv([{ tag: 'DF8101', value }]);
    expect(bytesToHex(encoded.subarray(0, 6))).toBe('DF810182012C');
    expect(decodeTlv(encoded)[0]?.value).toEqual(value);
    expect(bytesToHex(encodeTlv([{ tag: '86', value: new Uint8Array(200) }]).subarray(0, 3))).toBe('8681C8');
  });

  it('keeps unknown tags, including 4-byte tags', () => {
    const nodes = decodeTlv(hex('DF818001 01 AA 5F7F 00'));
    expect(nodes).toEqual([
      { tag: 'DF818001', value: hex('AA') },
      { tag: '5F7F', value: new Uint8Array() },
    ]);
  });

  it('encodes children of a constructed node instead of its value', () => {
    const node: TlvNode = {
      tag: '72',
      value: new Uint8Array(),
      children: [{ tag: '9F18', value: hex('00000002') }],
    };
    expect(bytesToHex(encodeTlv([node]))).toBe('72079F180400000002');
  });
});

describe('BER-TLV errors', () => {
  it('names the tag path, phase, offset and counts', () => {
    expectEmvError(() => decodeTlv(hex('71 0A 9F18 04 0000 0001 86 05 8424')), 'EMV_TLV_TRUNCATED', {
      path: '71.86',
      phase: 'value',
      offset: 11,
      need: 5,
      have: 1,
    });
    expectEmvError(() => decodeTlv(hex('9F')), 'EMV_TLV_TRUNCATED', { path: '9F', phase: 'tag', offset: 1 });
    expectEmvError(() => decodeTlv(hex('9F26')), 'EMV_TLV_TRUNCATED', {
      path: '9F26',
      phase: 'length',
      offset: 2,
      need: 1,
      have: 0,
    });
    expectEmvError(() => decodeTlv(hex('9F26 82 01')), 'EMV_TLV_TRUNCATED', {
      path: '9F26',
      phase: 'length',
      offset: 3,
      need: 2,
      have: 1,
    });
  });

  it('rejects the indefinite form, over-long length forms and tags over 4 bytes', () => {
    expectEmvError(() => decodeTlv(hex('71 80 0000')), 'EMV_TLV_INVALID_LENGTH', { path: '71', offset: 1 });
    expectEmvError(() => decodeTlv(hex('9A 85 0000000003 221231')), 'EMV_TLV_INVALID_LENGTH', { path: '9A' });
    expectEmvError(() => decodeTlv(hex('9F 81 82 83 04 00')), 'EMV_TLV_INVALID_TAG', {
      phase: 'tag',
      offset: 0,
    });
  });

  it('bounds nesting depth', () => {
    const deep = (levels: number): Uint8Array => {
      let out = hex('8100');
      for (let i = 0; i < levels; i++) out = Uint8Array.from([0x71, out.length, ...out]);
      return out;
    };
    expect(() => decodeTlv(deep(16))).not.toThrow();
    expectEmvError(() => decodeTlv(deep(17)), 'EMV_TLV_TOO_DEEP', { phase: 'tag', offset: 32 });
    expect(() => decodeTlv(deep(17), { maxDepth: 17 })).not.toThrow();
  });

  it('rejects nodes that are not one BER tag, and children on a primitive tag', () => {
    expectEmvError(() => encodeTlv([{ tag: '9F', value: new Uint8Array() }]), 'EMV_TLV_INVALID_TAG', {
      path: '9F',
    });
    expectEmvError(() => encodeTlv([{ tag: '5A5A', value: new Uint8Array() }]), 'EMV_TLV_INVALID_TAG');
    expectEmvError(() => encodeTlv([{ tag: 'XY', value: new Uint8Array() }]), 'EMV_TLV_INVALID_TAG');
    expectEmvError(
      () =>
        encodeTlv([
          {
            tag: '71',
            value: new Uint8Array(),
            children: [{ tag: '9F26', value: new Uint8Array(), children: [] }],
          },
        ]),
      'EMV_TLV_INVALID_NODE',
      { path: '71.9F26' },
    );
  });
});

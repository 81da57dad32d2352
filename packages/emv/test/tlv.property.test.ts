import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, decodeTlv, encodeTlv, hexToBytes, type TlvNode } from '@payterm/emv';
import { lengthFieldArbitrary, primitiveTagArbitrary, tlvTreeArbitrary } from './support/tlv-arbitraries.js';

/** A tree without the length fields decode keeps: no lengthBytes, no raw value on constructed nodes. */
function plain(nodes: readonly TlvNode[]): TlvNode[] {
  return nodes.map(({ tag, value, children }) =>
    children === undefined ? { tag, value } : { tag, value: new Uint8Array(), children: plain(children) },
  );
}

/** Trees as text (deep equality over many Uint8Arrays is what made this test slow), own keys included. */
function show(nodes: readonly TlvNode[]): string {
  return nodes
    .map((node) => {
      const keys = Object.keys(node).sort().join(',');
      const inner = node.children === undefined ? '' : `[${show(node.children)}]`;
      return `${node.tag}{${keys}}=${bytesToHex(node.value)}${inner}`;
    })
    .join(' ');
}

describe('BER-TLV properties', () => {
  it('random trees round-trip: decode(encode(tree)) equals the tree, and re-encodes identically', () => {
    fc.assert(
      fc.property(tlvTreeArbitrary(encodeTlv), (tree) => {
        const bytes = encodeTlv(tree);
        const decoded = decodeTlv(bytes);
        expect(show(decoded)).toBe(show(tree));
        expect(bytesToHex(encodeTlv(decoded))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('non-minimal length forms survive decode → encode byte for byte', () => {
    const rawObject = fc
      .tuple(primitiveTagArbitrary, fc.uint8Array({ maxLength: 300 }))
      .chain(([tag, value]) =>
        lengthFieldArbitrary(value.length).map((length) => [
          ...(hexToBytes(tag) as Uint8Array),
          ...length,
          ...value,
        ]),
      );
    const rawTemplate = fc.array(rawObject, { maxLength: 4 }).chain((parts) => {
      const content = parts.flat();
      return lengthFieldArbitrary(content.length).map((length) => [0x71, ...length, ...content]);
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(rawObject, rawTemplate), { maxLength: 5 }), (parts) => {
        const bytes = Uint8Array.from(parts.flat());
        const decoded = decodeTlv(bytes);
        expect(bytesToHex(encodeTlv(decoded))).toBe(bytesToHex(bytes));
        // Without the kept length fields the same tree encodes minimally and decodes to the same tree.
        const minimal = encodeTlv(plain(decoded));
        expect(minimal.length).toBeLessThanOrEqual(bytes.length);
        expect(plain(decodeTlv(minimal))).toEqual(plain(decoded));
      }),
      { numRuns: 1500 },
    );
  });
});

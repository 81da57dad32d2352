import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDolData, bytesToHex, describeTlv, EMV_TAGS, hexToBytes, type TlvNode } from '@payterm/emv';

const knownTag = fc.constantFrom(
  ...Object.keys(EMV_TAGS).filter((tag) => EMV_TAGS[tag]?.constructed !== true),
);

describe('DOL properties', () => {
  it('the data is the entries’ lengths long, and values of the right length pass through unchanged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ tag: knownTag, length: fc.integer({ min: 0, max: 40 }) }), {
          maxLength: 10,
          selector: (entry) => entry.tag,
        }),
        fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 10, maxLength: 10 }),
        (dol, valueList) => {
          const values = new Map(dol.map((entry, i) => [entry.tag, valueList[i] as Uint8Array]));
          const data = buildDolData(dol, values);
          expect(data.length).toBe(dol.reduce((sum, entry) => sum + entry.length, 0));
          let pos = 0;
          for (const entry of dol) {
            const value = values.get(entry.tag) as Uint8Array;
            const part = data.subarray(pos, pos + entry.length);
            if (value.length === entry.length) expect(bytesToHex(part)).toBe(bytesToHex(value));
            pos += entry.length;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('describeTlv masking', () => {
  it('never shows a PAN from 5A, 57 or 56 in clear', () => {
    const panArbitrary = fc
      .tuple(
        fc.integer({ min: 13, max: 19 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
      )
      .map(([length, digits]) => digits.slice(0, length).join(''));
    fc.assert(
      fc.property(panArbitrary, fc.constantFrom('2412', '3012'), (pan, expiry) => {
        const padded = pan.length % 2 === 0 ? pan : `${pan}F`;
        const track2 = `${pan}D${expiry}201`;
        const nodes: TlvNode[] = [
          { tag: '5A', value: hexToBytes(padded) as Uint8Array },
          { tag: '57', value: hexToBytes(track2.length % 2 === 0 ? track2 : `${track2}F`) as Uint8Array },
          { tag: '56', value: new TextEncoder().encode(`B${pan}^CARDHOLDER/TEST^${expiry}201`) },
          { tag: '5F20', value: new TextEncoder().encode('CARDHOLDER/TEST') },
        ];
        const text = describeTlv(nodes);
        expect(text).not.toContain(pan);
        const masked = `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
        expect(text.split(masked).length - 1).toBe(3);
        expect(text).not.toContain('CARDHOLDER');
        expect(describeTlv(nodes, { unmask: true })).toContain(pan);
      }),
      { numRuns: 500 },
    );
  });
});

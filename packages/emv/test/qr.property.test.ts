import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMpm, parseMpm, qrCrc } from '@payterm/emv';
import { catchEmvError } from './support/emv-error-shape.js';
import { mpmArbitrary } from './support/mpm-arbitraries.js';

const utf8Length = (char: string): number => new TextEncoder().encode(char).length;

describe('MPM properties', () => {
  it('random payloads: build → parse → build is identical, and parse returns the fields built from', () => {
    fc.assert(
      fc.property(mpmArbitrary, (qr) => {
        const payload = buildMpm(qr);
        const parsed = parseMpm(payload);
        expect(buildMpm(parsed)).toBe(payload);
        const { order: _order, merchantAccounts, additionalData, unreservedTemplates, ...fields } = qr;
        expect(parsed).toMatchObject(fields);
        expect(parsed.merchantAccounts.map((account) => account.id).sort()).toEqual(
          merchantAccounts.map((account) => account.id).sort(),
        );
        expect(parsed.additionalData?.map((object) => object.value) ?? []).toEqual(
          additionalData?.map((object) => object.value) ?? [],
        );
        expect(parsed.unreservedTemplates?.length).toBe(unreservedTemplates?.length);
        expect(parsed.crc).toBe(qrCrc(payload.slice(0, -4)));
      }),
      { numRuns: 1500 },
    );
  });

  /**
   * CRC-16 catches every error burst of up to 16 bits, so any one character changed into another of
   * the same UTF-8 size of one or two bytes is detected; three- and four-byte characters (北, 😀) can
   * differ over more than 16 bits, where detection is only very likely, so they are not mutated here.
   */
  it('any single-character change (one- or two-byte UTF-8) is rejected with a typed error', () => {
    const replacement = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x80, max: 0x7ff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(mpmArbitrary, fc.nat(), replacement, (qr, at, next) => {
        const chars = Array.from(buildMpm(qr));
        const positions = chars.flatMap((char, i) =>
          utf8Length(char) === utf8Length(next) && char !== next ? [i] : [],
        );
        fc.pre(positions.length > 0);
        const mutated = [...chars];
        mutated[positions[at % positions.length] as number] = next;
        catchEmvError(() => parseMpm(mutated.join('')));
      }),
      { numRuns: 3000 },
    );
  });
});

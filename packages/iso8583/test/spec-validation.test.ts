/**
 * Specs are data: both shipped specs validate and survive JSON; every rule of validateSpec rejects
 * with ISO8583_INVALID_SPEC naming the field; and no JSON-shaped spec makes validateSpec (or a codec
 * built from a spec it accepted) throw anything but a typed error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SPECS,
  builtInSpec,
  bytesToHex,
  createCodec,
  cupPosSpec,
  iso87AsciiSpec,
  validateFieldSpec,
  validateSpec,
  type FieldSpec,
  type MessageSpec,
  type NumberedFieldSpec,
} from '@payterm/iso8583';
import { CUSTOM_SPECS } from './support/custom-specs.js';
import { CUP_POS_DUMPS, codecFor, dumpBytes } from './support/cup-pos-dumps.js';
import { messageArbitrary } from './support/field-arbitraries.js';
import { expectIsoError, expectWellFormedIsoError, thrownBy } from './support/iso-error-shape.js';

const text = (length: FieldSpec['length'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name: 'Test field',
  charset: 'ans',
  encoding: 'ascii',
  unit: 'chars',
  length,
  ...extra,
});

/** A minimal spec holding `fields` (numbered), to test one rule at a time. */
function specWith(fields: readonly NumberedFieldSpec[], extra: Partial<MessageSpec> = {}): MessageSpec {
  return {
    id: 'rule-test',
    name: 'Rule test',
    headers: [],
    mti: { encoding: 'ascii' },
    bitmap: { encoding: 'binary', maxBitmaps: 1 },
    fields,
    ...extra,
  };
}

const field = (number: number, spec: FieldSpec): NumberedFieldSpec => ({ number, ...spec });

function expectRejected(spec: MessageSpec, path: string | null, problem: RegExp): void {
  const error = expectIsoError(() => validateSpec(spec), 'ISO8583_INVALID_SPEC', {
    field: path,
    phase: 'spec',
  });
  expect(error.message).toMatch(problem);
  expect(() => createCodec(spec)).toThrow(error.message);
}

describe('shipped specs', () => {
  it.each([cupPosSpec, iso87AsciiSpec, ...CUSTOM_SPECS].map((spec) => [spec.id, spec] as const))(
    '%s passes validateSpec',
    (_id, spec) => {
      expect(() => validateSpec(spec)).not.toThrow();
    },
  );

  it('are registered by id', () => {
    expect(Object.keys(BUILT_IN_SPECS).sort()).toEqual(['cup-pos', 'iso87-ascii']);
    expect(builtInSpec('cup-pos')).toBe(cupPosSpec);
    expect(builtInSpec('iso87-ascii')).toBe(iso87AsciiSpec);
    expect(builtInSpec('toString')).toBeUndefined();
    expect(builtInSpec('nope')).toBeUndefined();
  });

  it('cup-pos covers fields 2–64 with a binary-2 frame of at most 8192 bytes', () => {
    expect(cupPosSpec.fields.map((spec) => spec.number)).toEqual(Array.from({ length: 63 }, (_, i) => i + 2));
    expect(cupPosSpec.framing).toEqual({ lengthPrefix: 'binary-2', maxLength: 8192 });
  });

  it.each([cupPosSpec, iso87AsciiSpec].map((spec) => [spec.id, spec] as const))(
    '%s survives JSON.parse(JSON.stringify()) and the result packs identically',
    (_id, spec) => {
      const parsed = JSON.parse(JSON.stringify(spec)) as MessageSpec;
      expect(parsed).toEqual(spec);
      expect(() => validateSpec(parsed)).not.toThrow();
      const original = createCodec(spec);
      const fromJson = createCodec(parsed);
      fc.assert(
        fc.property(messageArbitrary(spec), (message) => {
          expect(bytesToHex(fromJson.pack(message))).toBe(bytesToHex(original.pack(message)));
        }),
        { numRuns: 100 },
      );
    },
  );

  it('a cup-pos codec from JSON reads the real dumps like the original', () => {
    const fromJson = createCodec(JSON.parse(JSON.stringify(cupPosSpec)) as MessageSpec);
    for (const dump of CUP_POS_DUMPS.filter((candidate) => candidate.spec === 'cup-pos')) {
      const { message: bytes } = dumpBytes(dump);
      expect(bytesToHex(fromJson.pack(fromJson.unpack(bytes)))).toBe(bytesToHex(bytes));
      expect(bytesToHex(fromJson.pack(codecFor(dump).unpack(bytes)))).toBe(bytesToHex(bytes));
    }
  });
});

describe('each rule rejects with ISO8583_INVALID_SPEC naming the field', () => {
  it('an LL prefix cannot announce 100', () => {
    const spec = specWith([
      field(2, text({ kind: 'variable', prefix: { encoding: 'ascii', digits: 2 }, max: 100 })),
    ]);
    expectRejected(spec, '2', /maximum 100 does not fit a prefix that counts up to 99/);
  });

  it('a BCD LLL prefix cannot announce 1000', () => {
    const spec = specWith([
      field(48, text({ kind: 'variable', prefix: { encoding: 'bcd', digits: 3 }, max: 1000 })),
    ]);
    expectRejected(spec, '48', /counts up to 999/);
  });

  it('a 1-byte binary prefix cannot announce 256', () => {
    const spec = specWith([
      field(55, {
        name: 'ICC',
        charset: 'b',
        encoding: 'binary',
        unit: 'bytes',
        length: { kind: 'variable', prefix: { encoding: 'binary', bytes: 1 }, max: 256 },
      }),
    ]);
    expectRejected(spec, '55', /counts up to 255/);
  });

  it('an odd fixed BCD field needs a pad and an alignment', () => {
    const bcd3: FieldSpec = {
      name: 'n3',
      charset: 'n',
      encoding: 'bcd',
      unit: 'digits',
      length: { kind: 'fixed', length: 3 },
    };
    expectRejected(specWith([field(22, bcd3)]), '22', /must declare pad "0" or "F"/);
    expectRejected(specWith([field(22, { ...bcd3, pad: '0' })]), '22', /must declare align/);
    expectRejected(specWith([field(22, { ...bcd3, pad: 'X', align: 'left' })]), '22', /pad "0" or "F"/);
    expect(() => validateSpec(specWith([field(22, { ...bcd3, pad: 'F', align: 'right' })]))).not.toThrow();
    // Even fixed lengths need neither.
    expect(() =>
      validateSpec(specWith([field(25, { ...bcd3, length: { kind: 'fixed', length: 2 } })])),
    ).not.toThrow();
  });

  it('a variable BCD field needs a pad', () => {
    const spec = specWith([
      field(2, {
        name: 'PAN',
        charset: 'n',
        encoding: 'bcd',
        unit: 'digits',
        align: 'left',
        length: { kind: 'variable', prefix: { encoding: 'bcd', digits: 2 }, max: 19 },
      }),
    ]);
    expectRejected(spec, '2', /pad/);
  });

  it('field numbers are unique', () => {
    const spec = specWith([
      field(3, text({ kind: 'fixed', length: 6 })),
      field(3, text({ kind: 'fixed', length: 6 })),
    ]);
    expectRejected(spec, '3', /duplicate field/);
  });

  it('field 1 is never a data field; fields above 64 need a second bitmap', () => {
    expectRejected(specWith([field(1, text({ kind: 'fixed', length: 1 }))]), '1', /from 2 to 64/);
    expectRejected(specWith([field(65, text({ kind: 'fixed', length: 1 }))]), '65', /from 2 to 64/);
    const two = { bitmap: { encoding: 'binary', maxBitmaps: 2 } } as const;
    expectRejected(specWith([field(129, text({ kind: 'fixed', length: 1 }))], two), '129', /from 2 to 128/);
    const three = { bitmap: { encoding: 'hex', maxBitmaps: 3 } } as const;
    expectRejected(specWith([field(193, text({ kind: 'fixed', length: 1 }))], three), '193', /from 2 to 192/);
    expectRejected(specWith([field(2.5, text({ kind: 'fixed', length: 1 }))]), '2.5', /from 2 to 64/);
  });

  it('field 65 is the tertiary bitmap bit when three bitmaps are allowed', () => {
    const spec = specWith([field(65, text({ kind: 'fixed', length: 1 }))], {
      bitmap: { encoding: 'binary', maxBitmaps: 3 },
    });
    expectRejected(spec, '65', /bit 65 announces the tertiary bitmap/);
  });

  it('bcd encodes only n, x or z; binary and hex need charset b; charset b needs them', () => {
    const fixed = { kind: 'fixed', length: 4 } as const;
    expectRejected(
      specWith([field(4, text(fixed, { encoding: 'bcd', unit: 'chars' }))]),
      '4',
      /bcd encodes only n, x or z/,
    );
    expectRejected(
      specWith([field(4, text(fixed, { charset: 'n', encoding: 'binary', unit: 'bytes' }))]),
      '4',
      /binary encoding needs charset b/,
    );
    expectRejected(
      specWith([field(4, text(fixed, { charset: 'n', encoding: 'hex', unit: 'bytes' }))]),
      '4',
      /hex encoding needs charset b/,
    );
    expectRejected(specWith([field(4, text(fixed, { charset: 'b' }))]), '4', /charset b needs binary or hex/);
  });

  it('sub-fields cannot add up to more than the field holds', () => {
    const spec = specWith([
      field(
        60,
        text(
          { kind: 'variable', prefix: { encoding: 'ascii', digits: 2 }, max: 10 },
          {
            subfields: [
              { id: '1', name: 'Type', length: 2, charset: 'n' },
              { id: '2', name: 'Batch', length: 9, charset: 'n' },
            ],
          },
        ),
      ),
    ]);
    expectRejected(spec, '60', /sub-fields add up to 11, more than the field holds/);
  });

  it('sub-field ids are unique', () => {
    const spec = specWith([
      field(
        60,
        text(
          { kind: 'fixed', length: 8 },
          {
            subfields: [
              { id: '1', name: 'Type', length: 2, charset: 'n' },
              { id: '1', name: 'Batch', length: 6, charset: 'n' },
            ],
          },
        ),
      ),
    ]);
    expectRejected(spec, '60.1', /duplicate sub-field id/);
  });

  it('BER-TLV content needs a binary field', () => {
    const spec = specWith([
      field(
        55,
        text(
          { kind: 'variable', prefix: { encoding: 'ascii', digits: 3 }, max: 255 },
          { tlv: { format: 'ber' } },
        ),
      ),
    ]);
    expectRejected(spec, '55', /BER-TLV content needs a binary field/);
  });

  it('ASCII TLV needs a text field and its layout', () => {
    const binary: FieldSpec = {
      name: 'Custom',
      charset: 'b',
      encoding: 'binary',
      unit: 'bytes',
      length: { kind: 'variable', prefix: { encoding: 'bcd', digits: 3 }, max: 999 },
      tlv: { format: 'ascii', tagChars: 2, lengthDigits: 3 },
    };
    expectRejected(specWith([field(59, binary)]), '59', /ASCII TLV content needs a text field/);
    const noLayout = text(
      { kind: 'variable', prefix: { encoding: 'bcd', digits: 3 }, max: 999 },
      { tlv: { format: 'ascii', tagChars: 0, lengthDigits: 3 } },
    );
    expectRejected(specWith([field(59, noLayout)]), '59', /tagChars and lengthDigits/);
  });

  it('framing maxLength must fit its prefix', () => {
    const base = specWith([field(2, text({ kind: 'fixed', length: 1 }))]);
    for (const framing of [
      { lengthPrefix: 'binary-2', maxLength: 0 },
      { lengthPrefix: 'binary-2', maxLength: 65536 },
      { lengthPrefix: 'ascii-4', maxLength: 10000 },
      { lengthPrefix: 'ascii-4', maxLength: 1.5 },
    ] as const) {
      expectRejected({ ...base, framing }, 'framing', /maxLength must be 1\.\./);
    }
    const unknown = { ...base, framing: { lengthPrefix: 'bcd-2', maxLength: 10 } } as unknown as MessageSpec;
    expectRejected(unknown, 'framing', /unknown frame length prefix/);
  });

  it('other rules: text padding, hex lengths, header parts, MTI and bitmap settings', () => {
    const fixed1 = text({ kind: 'fixed', length: 1 });
    expectRejected(
      specWith([
        field(2, text({ kind: 'variable', prefix: { encoding: 'ascii', digits: 2 }, max: 9 }, { pad: ' ' })),
      ]),
      '2',
      /pad character is for fixed-length fields/,
    );
    expectRejected(
      specWith([field(2, text({ kind: 'fixed', length: 4 }, { pad: '--' }))]),
      '2',
      /a pad is one character/,
    );
    expectRejected(
      specWith([
        field(52, {
          name: 'PIN',
          charset: 'b',
          encoding: 'hex',
          unit: 'chars',
          length: { kind: 'fixed', length: 15 },
        }),
      ]),
      '52',
      /even number of characters/,
    );
    expectRejected(
      specWith([field(2, fixed1)], {
        headers: [
          { id: 'tpdu', ...text({ kind: 'variable', prefix: { encoding: 'ascii', digits: 2 }, max: 9 }) },
        ],
      }),
      'tpdu',
      /a header part is fixed-length text/,
    );
    expectRejected(
      specWith([field(2, fixed1)], {
        headers: [
          { id: 'h', ...fixed1 },
          { id: 'h', ...fixed1 },
        ],
      }),
      'h',
      /header ids are unique/,
    );
    expectRejected(
      specWith([field(2, fixed1)], { mti: { encoding: 'hex' } as unknown as MessageSpec['mti'] }),
      'mti',
      /MTI/,
    );
    expectRejected(
      specWith([field(2, fixed1)], {
        bitmap: { encoding: 'binary', maxBitmaps: 4 } as unknown as MessageSpec['bitmap'],
      }),
      null,
      /maxBitmaps is 1, 2 or 3/,
    );
    expectRejected(specWith([field(2, fixed1)], { id: '' }), null, /needs an id/);
    expectRejected(
      specWith([field(2, { ...fixed1, unit: 'digits' })]),
      '2',
      /unit digits is for numeric charsets/,
    );
    expectRejected(
      specWith([field(2, { ...fixed1, length: { kind: 'fixed', length: 0 } })]),
      '2',
      /positive integer/,
    );
  });

  it('null parts of a JSON spec are typed errors, not TypeErrors', () => {
    const json = JSON.parse(JSON.stringify(cupPosSpec)) as Record<string, unknown> & MessageSpec;
    const broken = (patch: (copy: Record<string, unknown>) => void): MessageSpec => {
      const copy = structuredClone(json) as unknown as Record<string, unknown>;
      patch(copy);
      return copy as unknown as MessageSpec;
    };
    const fields = (copy: Record<string, unknown>): Record<string, unknown>[] =>
      copy['fields'] as Record<string, unknown>[];
    for (const spec of [
      broken((copy) => (fields(copy)[0] = null as unknown as Record<string, unknown>)),
      broken((copy) => ((copy['headers'] as unknown[])[1] = null)),
      broken((copy) => ((fields(copy)[58] as Record<string, unknown>)['tlv'] = null)),
      broken((copy) => ((fields(copy)[58] as Record<string, unknown>)['subfields'] = [null])),
      broken((copy) => (copy['framing'] = null)),
      broken((copy) => (copy['fields'] = null)),
      null as unknown as MessageSpec,
    ]) {
      expect(expectWellFormedIsoError(thrownBy(() => validateSpec(spec))).code).toBe('ISO8583_INVALID_SPEC');
    }
  });

  it('validateFieldSpec checks one field and names it by the given path', () => {
    expectIsoError(
      () =>
        validateFieldSpec(
          { ...text({ kind: 'fixed', length: 3 }), charset: 'q' as FieldSpec['charset'] },
          '48.2',
        ),
      'ISO8583_INVALID_SPEC',
      { field: '48.2' },
    );
  });
});

describe('JSON-shaped specs', () => {
  type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
  type Path = (string | number)[];

  function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
    out.push(prefix);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        paths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
      }
    }
    return out;
  }

  function setAt(root: Json, path: Path, replacement: Json): Json {
    if (path.length === 0) return replacement;
    const [head, ...rest] = path as [string | number, ...Path];
    const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, Json>) }) as Record<
      string | number,
      Json
    >;
    copy[head] = setAt((root as Record<string | number, Json>)[head] ?? null, rest, replacement);
    return copy as Json;
  }

  const replacement = fc.oneof(
    fc.constantFrom<Json>(null, true, 0, -1, 1, 2, 3, 4, 99, 100, 256, 1000, 65536, 1.5, '', 'F', '0', 'x'),
    fc.constantFrom<Json>('left', 'right', 'bcd', 'binary', 'ascii', 'ebcdic', 'hex', 'fixed', 'variable'),
    fc.constantFrom<Json>(
      'n',
      'x',
      'z',
      'a',
      'an',
      'ns',
      'ans',
      'x+n',
      'b',
      'digits',
      'chars',
      'bytes',
      'ber',
    ),
    fc.constantFrom<Json>({}, [], [null], { kind: 'fixed', length: 3 }, { encoding: 'binary', bytes: 2 }),
  );

  it.each([cupPosSpec, iso87AsciiSpec].map((spec) => [spec.id, spec] as const))(
    '%s with one value replaced: validateSpec accepts it or throws ISO8583_INVALID_SPEC; accepted specs make codecs that fail typed',
    (_id, spec) => {
      const json = JSON.parse(JSON.stringify(spec)) as Json;
      const all = paths(json);
      const sample = dumpBytes(CUP_POS_DUMPS[1] as (typeof CUP_POS_DUMPS)[number]).message;
      fc.assert(
        fc.property(
          fc.constantFrom(...all),
          replacement,
          fc.uint8Array({ maxLength: 64 }),
          (path, value, bytes) => {
            const mutated = setAt(json, path, value) as unknown as MessageSpec;
            try {
              validateSpec(mutated);
            } catch (error) {
              expect(expectWellFormedIsoError(error).code).toBe('ISO8583_INVALID_SPEC');
              return;
            }
            const codec = createCodec(mutated);
            for (const input of [sample, bytes]) {
              try {
                codec.unpack(input);
              } catch (error) {
                expectWellFormedIsoError(error, input.length);
              }
            }
          },
        ),
        { numRuns: 1500 },
      );
    },
  );
});

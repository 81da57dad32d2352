import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, cupPosSpec, type FieldValue, type Iso8583Message } from '@payterm/iso8583';
import {
  decodePosRequest,
  decodePosResponse,
  encodePosRequest,
  encodePosResponse,
  isKnownResponseCode,
  ProtocolError,
  type PosRequest,
} from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

const codec = createCodec(cupPosSpec);
const FIELDS = [
  2, 3, 4, 11, 12, 13, 14, 22, 23, 25, 26, 35, 37, 38, 39, 41, 42, 48, 49, 52, 53, 54, 55, 59, 60, 61, 62, 63,
];
const MTIS = ['0100', '0200', '0220', '0320', '0400', '0500', '0800', '0820', '0110', '0210', '0999'];

const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
const printable = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789AZaz =A3A4'), maxLength: max });

/** A value of the wrong or right kind for any field: digits, text, TLV-looking text or bytes. */
const anyValue: fc.Arbitrary<FieldValue | undefined> = fc.oneof(
  fc.constant(undefined),
  digits(70),
  printable(40),
  fc.constantFrom('A3019', 'A3005123', 'A4003abc', '2200000700', '00000007201', '0000000720', '000000'),
  fc.uint8Array({ maxLength: 20 }),
);

const mutation = fc.record({
  base: fc.integer({ min: 0, max: SAMPLE_REQUESTS.length - 1 }),
  mti: fc.option(fc.constantFrom(...MTIS), { nil: undefined }),
  changes: fc.array(fc.tuple(fc.constantFrom(...FIELDS), anyValue), { maxLength: 5 }),
});

function mutate(
  message: Iso8583Message,
  mti: string | undefined,
  changes: [number, FieldValue | undefined][],
) {
  const fields: Record<number, FieldValue | undefined> = { ...message.fields };
  for (const [field, value] of changes) fields[field] = value;
  return { ...message, mti: mti ?? message.mti, fields };
}

function checkFailure(error: ProtocolError): void {
  expect(error).toBeInstanceOf(ProtocolError);
  expect(isKnownResponseCode(error.responseCode)).toBe(true);
}

describe('decoding never throws', () => {
  it('decodePosRequest returns a Result for mutated requests, whether or not they pack', () => {
    fc.assert(
      fc.property(mutation, ({ base, mti, changes }) => {
        const message = mutate(encodePosRequest(SAMPLE_REQUESTS[base]!), mti, changes);
        const direct = decodePosRequest(message);
        if (!direct.ok) checkFailure(direct.error);
        let bytes: Uint8Array | undefined;
        try {
          bytes = codec.pack(message);
        } catch {
          return; // not well formed for the codec: the wire never carries it
        }
        const received = decodePosRequest(codec.unpack(bytes));
        if (!received.ok) checkFailure(received.error);
        else expect(() => encodePosRequest(received.value)).not.toThrow(TypeError);
      }),
      { numRuns: 20_000, seed: 8583 },
    );
  });

  it('decodePosResponse returns a Result for mutated responses', () => {
    fc.assert(
      fc.property(mutation, ({ base, mti, changes }) => {
        const request: PosRequest = SAMPLE_REQUESTS[base]!;
        const answer = encodePosResponse(request, { kind: request.kind, responseCode: '00' } as never);
        const result = decodePosResponse(request, mutate(answer, mti, changes));
        if (!result.ok) checkFailure(result.error);
      }),
      { numRuns: 10_000, seed: 4 },
    );
  });

  it('decodePosRequest returns a Result for whatever the codec unpacks from mutated wire bytes', () => {
    const wires = SAMPLE_REQUESTS.map((request) => codec.pack(encodePosRequest(request)));
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: wires.length - 1 }), flips, (index, changes) => {
        const bytes = wires[index]!.slice();
        for (const [offset, value] of changes) bytes[offset % bytes.length] = value;
        let message: Iso8583Message;
        try {
          message = codec.unpack(bytes);
        } catch {
          return; // the codec's own typed error: not this package's concern
        }
        const result = decodePosRequest(message);
        if (!result.ok) checkFailure(result.error);
      }),
      { numRuns: 20_000, seed: 64 },
    );
  });

  it('decodePosRequest returns a Result for random messages of any MTI', () => {
    const message = fc.record({
      mti: fc.constantFrom(...MTIS),
      fields: fc.dictionary(fc.constantFrom(...FIELDS.map(String)), anyValue, { maxKeys: 12 }),
    });
    fc.assert(
      fc.property(message, (random) => {
        const result = decodePosRequest(random as Iso8583Message);
        if (!result.ok) checkFailure(result.error);
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });
});

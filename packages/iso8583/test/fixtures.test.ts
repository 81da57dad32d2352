/**
 * Real CUP POS dumps (fixtures/cup-pos-dumps.json): each unpacks to exactly the documented parts and
 * re-packs byte for byte; framed ones agree with their 2-byte length and with FrameDecoder; the MAC
 * input blocks match the MABs of shared/spec/payment-crypto-reference.md (U1, U2).
 */
import { describe, expect, it } from 'vitest';
import {
  FrameDecoder,
  bytesToHex,
  cupPosSpec,
  encodeFrame,
  readFrameLength,
  splitSubfields,
  type FieldValue,
  type Iso8583Message,
} from '@payterm/iso8583';
import { CUP_POS_DUMPS, codecFor, dumpById, dumpBytes, hex } from './support/cup-pos-dumps.js';
import { expectIsoError } from './support/iso-error-shape.js';

/** Field values as the fixtures write them: text as is, binary as upper-case hex. */
function asFixtureText(value: FieldValue | undefined): string | undefined {
  return value instanceof Uint8Array ? bytesToHex(value) : value;
}

function fieldsAsText(message: Iso8583Message): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(message.fields).map(([number, value]) => [number, asFixtureText(value)]),
  );
}

/** MAB column of payment-crypto-reference.md: MTI through the last field before 64. */
const REFERENCE_MABS: Readonly<Record<string, string>> = {
  'U1-sale':
    '0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001',
  'U2-sale':
    '02003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C023031',
};

describe('CUP POS dumps', () => {
  it('has the four documented dumps', () => {
    expect(CUP_POS_DUMPS.map((dump) => dump.id)).toEqual([
      'TV1-request',
      'TV1-response',
      'U1-sale',
      'U2-sale',
    ]);
  });

  describe.each(CUP_POS_DUMPS.map((dump) => [dump.id, dump] as const))('%s', (_id, dump) => {
    const codec = codecFor(dump);
    const { message: bytes } = dumpBytes(dump);

    it('unpacks to exactly the documented headers, MTI and fields', () => {
      const message = codec.unpack(bytes);
      expect(message.headers).toEqual(dump.expected.headers);
      expect(message.mti).toBe(dump.expected.mti);
      expect(fieldsAsText(message)).toEqual(dump.expected.fields);
    });

    it('binary fields come back as bytes, text fields as strings, per the spec', () => {
      const message = codec.unpack(bytes);
      for (const [number, value] of Object.entries(message.fields)) {
        const binary = codec.fieldSpec(Number(number))?.charset === 'b';
        expect(value instanceof Uint8Array, `field ${number}`).toBe(binary);
      }
    });

    it('has the documented sub-fields', () => {
      const message = codec.unpack(bytes);
      for (const [number, expected] of Object.entries(dump.expected.subfields ?? {})) {
        const spec = codec.fieldSpec(Number(number));
        const value = message.fields[Number(number)];
        if (spec === undefined || typeof value !== 'string') throw new Error(`field ${number} is not text`);
        const { parts, rest } = splitSubfields(spec, number, value);
        expect(Object.fromEntries(parts.map((part) => [part.id, part.value]))).toEqual(expected);
        expect(parts.map((part) => part.path)).toEqual(Object.keys(expected).map((id) => `${number}.${id}`));
        expect(rest).toBe('');
      }
    });

    it('re-packs byte for byte', () => {
      expect(bytesToHex(codec.pack(codec.unpack(bytes)))).toBe(bytesToHex(bytes));
    });

    it('packs from the documented values to the dump', () => {
      const fields: Record<number, FieldValue> = {};
      for (const [number, text] of Object.entries(dump.expected.fields)) {
        fields[Number(number)] = codec.fieldSpec(Number(number))?.charset === 'b' ? hex(text) : text;
      }
      const message: Iso8583Message =
        dump.expected.headers === undefined
          ? { mti: dump.expected.mti, fields }
          : { mti: dump.expected.mti, headers: dump.expected.headers, fields };
      expect(bytesToHex(codec.pack(message))).toBe(bytesToHex(bytes));
    });
  });
});

describe.each(CUP_POS_DUMPS.filter((dump) => dump.framed).map((dump) => [dump.id, dump] as const))(
  '%s frame',
  (_id, dump) => {
    const { wire, message: bytes } = dumpBytes(dump);

    it('the 2-byte length equals the payload size', () => {
      expect(readFrameLength(wire, 0, 'binary-2')).toBe(bytes.length);
      expect(bytesToHex(encodeFrame(bytes, 'binary-2'))).toBe(dump.hex);
    });

    it('FrameDecoder fed one byte at a time yields the payload once', () => {
      const decoder = new FrameDecoder({
        lengthPrefix: 'binary-2',
        maxLength: cupPosSpec.framing?.maxLength ?? 0,
      });
      const frames: Uint8Array[] = [];
      wire.forEach((byte, index) => {
        const completed = decoder.push(Uint8Array.of(byte));
        const last = index === wire.length - 1;
        // Nothing comes out before the last byte; until then every byte is held.
        expect(completed.length).toBe(last ? 1 : 0);
        expect(decoder.buffered).toBe(last ? 0 : index + 1);
        frames.push(...completed);
      });
      expect(frames.map((frame) => bytesToHex(frame))).toEqual([bytesToHex(bytes)]);
    });
  },
);

describe('MAC input blocks', () => {
  it.each(Object.entries(REFERENCE_MABS))('%s: layout.macInput() is the reference MAB', (id, mab) => {
    const dump = dumpById(id);
    const codec = codecFor(dump);
    const { message: bytes } = dumpBytes(dump);
    const { message, layout } = codec.unpackWithLayout(bytes);
    expect(bytesToHex(layout.macInput(bytes))).toBe(mab);
    // The MAC field is the last 8 bytes and follows the MAB directly.
    expect(layout.field(64)).toEqual({
      start: bytes.length - 8,
      dataStart: bytes.length - 8,
      end: bytes.length,
    });
    // packWithLayout reports the same offsets for the re-packed message.
    const packed = codec.packWithLayout(message);
    expect(bytesToHex(packed.layout.macInput(packed.bytes))).toBe(mab);
  });

  it('U2: the MAB starts after the TPDU and header and excludes them', () => {
    const dump = dumpById('U2-sale');
    const { layout } = codecFor(dump).unpackWithLayout(dumpBytes(dump).message);
    expect(layout.mtiStart).toBe(11);
  });

  it('macInput refuses a message without field 64 with a typed error', () => {
    const dump = dumpById('TV1-request');
    const { message: bytes } = dumpBytes(dump);
    const { layout } = codecFor(dump).unpackWithLayout(bytes);
    expect(layout.field(64)).toBeUndefined();
    expectIsoError(() => layout.macInput(bytes), 'ISO8583_INVALID_VALUE', { field: '64', phase: 'message' });
    // Another MAC field can be named: the MAB then ends where that field starts.
    expect(bytesToHex(layout.macInput(bytes, 63))).toBe(
      bytesToHex(bytes.subarray(11, layout.field(63)?.start)),
    );
  });

  it('field spans cover the message without gaps', () => {
    for (const dump of CUP_POS_DUMPS) {
      const { message: bytes } = dumpBytes(dump);
      const { message, layout } = codecFor(dump).unpackWithLayout(bytes);
      const numbers = Object.keys(message.fields).map(Number);
      const spans = numbers.map((number) => layout.field(number));
      for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBe(spans[i - 1]?.end);
      expect(spans.at(-1)?.end).toBe(bytes.length);
      expect(layout.end).toBe(bytes.length);
    }
  });
});

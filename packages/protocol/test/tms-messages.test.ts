import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCodec, cupPosSpec, type Iso8583Message } from '@payterm/iso8583';
import {
  decodeField62Tlv,
  decodePosRequest,
  decodePosResponse,
  encodeField62Tlv,
  encodePosRequest,
  encodePosResponse,
  parameterDownloadEntries,
  parameterPage,
  readParameterDownload,
  softwareVersionOfHeader,
  withSoftwareVersion,
  ProtocolError,
  type PosRequest,
  type TlvEntry,
} from '@payterm/protocol';
import { ENVELOPE } from './support/sample-requests.js';

const codec = createCodec(cupPosSpec);
const ascii = (text: string) => new TextEncoder().encode(text);

function failure(message: Iso8583Message): Record<string, unknown> | undefined {
  const decoded = decodePosRequest(codec.unpack(codec.pack(message)));
  if (decoded.ok) return undefined;
  const { code, details } = decoded.error;
  return { code, ...details };
}

function withField62(request: PosRequest, value: Uint8Array): Iso8583Message {
  const message = encodePosRequest(request);
  return { ...message, fields: { ...message.fields, 62: value } };
}

const CHUNK: PosRequest = { kind: 'software-chunk', ...ENVELOPE, sha256: 'ab'.repeat(32), offset: 0 };

describe('TMS requests on the wire', () => {
  it('write 60.3 360/361/362/363, the right MTI and no MAC', () => {
    const cases: [PosRequest, string, string][] = [
      [{ kind: 'parameter-download', ...ENVELOPE, startIndex: 3 }, '0800', '360'],
      [{ kind: 'parameters-applied', ...ENVELOPE, parameterVersion: '12' }, '0800', '361'],
      [{ kind: 'status-upload', ...ENVELOPE, status: { state: 'verifying' } }, '0820', '362'],
      [CHUNK, '0800', '363'],
    ];
    for (const [request, mti, code] of cases) {
      const message = encodePosRequest(request);
      expect(message.mti).toBe(mti);
      expect(String(message.fields[60]).slice(8, 11)).toBe(code);
      expect(message.fields[64]).toBeUndefined();
    }
    expect(new TextDecoder().decode(encodePosRequest(CHUNK).fields[62] as Uint8Array)).toBe(
      `92064${'ab'.repeat(32)}940100000000000`,
    );
  });

  it('read a 360 without field 62 as a start at 0 and upper-case hash digits as lower case', () => {
    const message = encodePosRequest({ kind: 'parameter-download', ...ENVELOPE, startIndex: 5 });
    const { 62: _dropped, ...fields } = message.fields;
    const decoded = decodePosRequest(codec.unpack(codec.pack({ ...message, fields })));
    expect(decoded.ok && decoded.value).toMatchObject({ kind: 'parameter-download', startIndex: 0 });
    const upper = withField62(CHUNK, ascii(`92064${'AB'.repeat(32)}940100000000960`));
    const chunk = decodePosRequest(codec.unpack(codec.pack(upper)));
    expect(chunk.ok && chunk.value).toMatchObject({ sha256: 'ab'.repeat(32), offset: 960 });
  });

  it('name the object and the byte offset of a malformed field 62', () => {
    expect(failure(withField62(CHUNK, ascii('92064abc')))).toMatchObject({
      code: 'PROTOCOL_INVALID_FIELD',
      field: '62.92',
      phase: 'data',
      offset: 5,
      need: 64,
      have: 3,
      responseCode: '30',
    });
    expect(failure(withField62(CHUNK, ascii(`92064${'ab'.repeat(32)}94x10`)))).toMatchObject({
      field: '62.94',
      phase: 'length',
      offset: 71,
    });
    expect(failure(withField62(CHUNK, ascii(`92064${'ab'.repeat(32)}9`)))).toMatchObject({
      field: '62.9',
      phase: 'tag',
      offset: 69,
    });
  });

  it('refuse missing and malformed values with their tag', () => {
    expect(failure(withField62(CHUNK, ascii('940100000000000')))).toMatchObject({
      code: 'PROTOCOL_MISSING_FIELD',
      field: '62.92',
    });
    expect(failure(withField62(CHUNK, ascii(`92064${'ab'.repeat(32)}94003123`)))).toMatchObject({
      code: 'PROTOCOL_INVALID_FIELD',
      field: '62.94',
    });
    const status: PosRequest = { kind: 'status-upload', ...ENVELOPE, status: { state: 'installed' } };
    expect(failure(withField62(status, ascii('A0005tired')))).toMatchObject({ field: '62.A0' });
    expect(failure(withField62(status, ascii('A40051.2.0')))).toMatchObject({
      code: 'PROTOCOL_MISSING_FIELD',
      field: '62.A0',
    });
    const applied: PosRequest = { kind: 'parameters-applied', ...ENVELOPE, parameterVersion: '1' };
    expect(failure(withField62(applied, ascii('02002x1')))).toMatchObject({ field: '62.02' });
    expect(failure(withField62(applied, new Uint8Array([0x31, 0x30, 0x30, 0x30, 0x31, 0xff])))).toMatchObject(
      {
        field: '62.10',
      },
    );
  });

  it('refuse out-of-range values when encoding', () => {
    const bad: PosRequest[] = [
      { kind: 'parameter-download', ...ENVELOPE, startIndex: 1000 },
      { kind: 'parameters-applied', ...ENVELOPE, parameterVersion: 'v1' },
      { ...CHUNK, sha256: 'AB'.repeat(32) },
      { ...CHUNK, offset: -1 } as PosRequest,
      { kind: 'status-upload', ...ENVELOPE, status: { state: 'installed', reasonCode: 'OOPS' } },
    ];
    for (const request of bad) {
      expect(() => encodePosRequest(request)).toThrow(ProtocolError);
    }
  });
});

describe('field 62 fuzz', () => {
  const tmsRequests: PosRequest[] = [
    { kind: 'parameter-download', ...ENVELOPE, startIndex: 0 },
    { kind: 'parameters-applied', ...ENVELOPE, parameterVersion: '1' },
    { kind: 'status-upload', ...ENVELOPE, status: { state: 'installed' } },
    CHUNK,
  ];
  const tlvLike = fc
    .array(
      fc.tuple(
        fc.constantFrom('01', '02', '92', '94', 'A0', 'A1', 'A2', 'A3', 'A4', '90', '93', 'Z9'),
        fc.string({ maxLength: 70 }),
      ),
      { maxLength: 6 },
    )
    .map((objects) =>
      ascii(objects.map(([tag, value]) => tag + String(value.length).padStart(3, '0') + value).join('')),
    );
  const anyBytes = fc.uint8Array({ minLength: 1, maxLength: 200 });

  it('decodes any field 62 to a request or a typed ProtocolError naming a 62 path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tmsRequests), fc.oneof(tlvLike, anyBytes), (request, field62) => {
        const decoded = decodePosRequest(withField62(request, field62));
        if (!decoded.ok) {
          expect(decoded.error).toBeInstanceOf(ProtocolError);
          expect(String(decoded.error.field)).toMatch(/^62/);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('360 answers', () => {
  const request: PosRequest = { kind: 'parameter-download', ...ENVELOPE, startIndex: 0 };

  it('start with the status byte, then the objects', () => {
    const message = encodePosResponse(request, {
      kind: 'parameter-download',
      responseCode: '00',
      page: { status: 'last', entries: [{ tag: '02', value: '3' }] },
    });
    expect(new TextDecoder().decode(message.fields[62] as Uint8Array)).toBe('1020013');
  });

  it('refuse a status byte other than 0, 1, 2 and name the offset of a bad object', () => {
    const answer = (bytes: Uint8Array) => {
      const message = encodePosResponse(request, { kind: 'parameter-download', responseCode: '00' });
      return decodePosResponse(request, { ...message, fields: { ...message.fields, 62: bytes } });
    };
    const badStatus = answer(ascii('3'));
    expect(!badStatus.ok && badStatus.error.details).toMatchObject({ field: '62', offset: 0 });
    const badObject = answer(ascii('102009'));
    expect(!badObject.ok && badObject.error.details).toMatchObject({
      field: '62.02',
      offset: 6,
      phase: 'data',
    });
  });
});

describe('parameter downloads', () => {
  const download = {
    parameters: {
      version: '17',
      merchantName: '演示商店 PayTerm Demo Store',
      primaryHost: '127.0.0.1:8583',
      secondaryHost: 'backup.example:8583',
      responseTimeoutSeconds: 60,
      connectTimeoutSeconds: 10,
      language: 'zh' as const,
      saleLimitMinor: 5_000_000,
      refundLimitMinor: 200_000,
    },
    offer: {
      version: '1.3.0',
      sizeBytes: 120_345,
      sha256: 'cd'.repeat(32),
      rolloutId: '7',
      prefixBytes: 471,
    },
  };

  it('read back what was written, unknown tags ignored', () => {
    const entries = [...parameterDownloadEntries(download), { tag: 'Z9', value: 'later' }];
    expect(readParameterDownload(entries)).toEqual(download);
    expect(entries.find((entry) => entry.tag === '50')?.value).toBe('000005000000');
  });

  it('carry an IPv6 host in brackets and refuse a port outside 1-65535, both ways', () => {
    const ipv6 = { parameters: { version: '1', primaryHost: '[::1]:8583' } };
    expect(readParameterDownload(parameterDownloadEntries(ipv6))).toEqual(ipv6);
    for (const address of ['h:0', 'h:65536', '::1:8583', 'h']) {
      expect(() =>
        parameterDownloadEntries({ parameters: { version: '1', secondaryHost: address } }),
      ).toThrow(expect.objectContaining({ code: 'PROTOCOL_INVALID_VALUE' }));
      expect(() =>
        readParameterDownload([
          { tag: '02', value: '1' },
          { tag: '20', value: address },
        ]),
      ).toThrow(expect.objectContaining({ code: 'PROTOCOL_INVALID_FIELD' }));
    }
  });

  it('refuse a merchant name over 40 bytes and an incomplete offer', () => {
    const long = { parameters: { version: '1', merchantName: '商'.repeat(14) } };
    expect(() => parameterDownloadEntries(long)).toThrow(/40 bytes/);
    expect(() => readParameterDownload([{ tag: '90', value: '1.2.0' }])).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_MISSING_FIELD' }),
    );
  });

  it('pages fit field 62 and give every object once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tag: fc.constantFrom('10', '20', 'X1'),
            value: fc.string({ minLength: 0, maxLength: 200 }),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 40, max: 512 }),
        (raw, maxBytes) => {
          const entries: TlvEntry[] = raw.filter(
            (entry) => new TextEncoder().encode(entry.value).length + 6 <= maxBytes,
          );
          const received: TlvEntry[] = [];
          for (let guard = 0; guard <= entries.length + 1; guard++) {
            const page = parameterPage(entries, received.length, maxBytes);
            const bytes = encodeField62Tlv(page.entries, page.status === 'none' ? '0' : '1');
            expect(bytes.length).toBeLessThanOrEqual(maxBytes);
            expect(decodeField62Tlv(bytes, 1)).toEqual(page.entries);
            received.push(...page.entries);
            if (page.status !== 'more') break;
          }
          expect(received).toEqual(entries);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an index at or past the end answers nothing', () => {
    expect(parameterPage([{ tag: '02', value: '1' }], 1)).toEqual({ status: 'none', entries: [] });
  });
});

describe('header sub-version', () => {
  it('carries the running version as MMmmpp', () => {
    const header = withSoftwareVersion('613100311108', '1.2.3');
    expect(header).toBe('613100010203');
    expect(softwareVersionOfHeader(header)).toBe('1.2.3');
    expect(softwareVersionOfHeader('6131003ABCDE')).toBeUndefined();
    expect(() => withSoftwareVersion('613100311108', '1.2.300')).toThrow(ProtocolError);
    expect(() => withSoftwareVersion('613100311108', '01.2.3')).toThrow(ProtocolError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildMpm,
  buildQrPayload,
  parseMpm,
  parseQrObjects,
  qrCrc,
  validateMpm,
  type MerchantPresentedQr,
} from '@payterm/emv';
import { expectEmvError } from './support/emv-error-shape.js';
import { CRC_FIXTURES, MPM_FIXTURES } from './support/fixtures.js';

const SAMPLE = MPM_FIXTURES[0]?.payload ?? '';

describe('QR CRC', () => {
  it.each(CRC_FIXTURES.map((fixture) => [fixture.id, fixture] as const))('%s', (_, fixture) => {
    expect(qrCrc(fixture.text)).toBe(fixture.crc);
  });

  it.each(MPM_FIXTURES.map((fixture) => [fixture.id, fixture] as const))(
    '%s: CRC over everything up to 6304',
    (_, fixture) => {
      expect(qrCrc(fixture.payload.slice(0, -4))).toBe(fixture.crc);
      expect(fixture.payload.endsWith(`6304${fixture.crc}`)).toBe(true);
    },
  );
});

describe('MPM fixtures', () => {
  it.each(MPM_FIXTURES.map((fixture) => [fixture.id, fixture] as const))(
    '%s validates as recorded',
    (_, fixture) => {
      expect(
        validateMpm(fixture.payload).map((problem) => ({ code: problem.code, path: problem.details.path })),
      ).toEqual(fixture.problems);
    },
  );

  const valid = MPM_FIXTURES.filter((fixture) => fixture.problems.length === 0);
  it.each(valid.map((fixture) => [fixture.id, fixture] as const))(
    '%s parses and rebuilds exactly',
    (_, fixture) => {
      const qr = parseMpm(fixture.payload);
      expect(qr).toMatchObject(fixture.expected);
      expect(qr.crc).toBe(fixture.crc);
      expect(buildMpm(qr)).toBe(fixture.payload);
    },
  );

  it('reads the templates of the EMVCo sample, counting characters in the Chinese text', () => {
    const qr = parseMpm(SAMPLE);
    expect(qr.merchantAccounts).toEqual([
      {
        id: '29',
        value: '0012D156000000000510A93FO3230Q',
        children: [
          { id: '00', value: 'D15600000000' },
          { id: '05', value: 'A93FO3230Q' },
        ],
      },
      {
        id: '31',
        value: '0012D15600000001030812345678',
        children: [
          { id: '00', value: 'D15600000001' },
          { id: '03', value: '12345678' },
        ],
      },
    ]);
    expect(qr.merchantInformationLanguage).toEqual([
      { id: '00', value: 'ZH' },
      { id: '01', value: '最佳运输' },
      { id: '02', value: '北京' },
    ]);
    expect(qr.additionalData?.map((object) => `${object.id}=${object.value}`)).toEqual([
      '03=1234',
      '06=***',
      '07=A6008667',
      '09=ME',
    ]);
    expect(qr.unreservedTemplates?.[0]?.children).toEqual([
      { id: '00', value: 'A011223344998877' },
      { id: '07', value: '12345678' },
    ]);
    expect(qr.order).toEqual([
      '00',
      '01',
      '29',
      '31',
      '52',
      '58',
      '59',
      '60',
      '64',
      '54',
      '53',
      '55',
      '62',
      '91',
    ]);
  });

  it('the phannaly 1FF2 payload has a correct CRC and parses structurally', () => {
    const objects = parseQrObjects(
      MPM_FIXTURES.find((fixture) => fixture.id === 'phannaly-1ff2')?.payload ?? '',
    );
    expect(objects.find((object) => object.id === '60')?.value).toBe('Banteay Meanchey');
  });
});

describe('MPM build', () => {
  const minimal: MerchantPresentedQr = {
    payloadFormatIndicator: '01',
    pointOfInitiation: '11',
    merchantAccounts: [{ id: '15', value: '3721011637210116' }],
    merchantCategoryCode: '5812',
    transactionCurrency: '156',
    countryCode: 'CN',
    merchantName: '老北京面馆',
    merchantCity: '北京',
  };

  it('orders objects by ID when no order is given and appends the CRC', () => {
    const payload = buildMpm({ ...minimal, additionalData: [{ id: '07', value: 'T0001' }] });
    expect(payload.slice(0, -4)).toBe(
      '000201010211151637210116372101165204581253031565802CN5905老北京面馆6002北京62090705T00016304',
    );
    expect(payload.slice(-4)).toBe(qrCrc(payload.slice(0, -4)));
    expect(parseMpm(payload)).toMatchObject({ ...minimal, crc: payload.slice(-4) });
  });

  it('builds templates from children', () => {
    const payload = buildQrPayload([{ id: '26', children: [{ id: '00', value: 'A000000333' }] }]);
    expect(payload.startsWith('26140010A0000003336304')).toBe(true);
  });

  it('rejects what the specification does not allow, with typed errors', () => {
    expectEmvError(() => buildMpm({ ...minimal, merchantName: 'A'.repeat(26) }), 'EMV_QR_INVALID_LENGTH', {
      path: '59',
      need: 25,
      have: 26,
    });
    expectEmvError(() => buildMpm({ ...minimal, merchantAccounts: [] }), 'EMV_QR_MISSING_OBJECT', {
      path: '02..51',
    });
    expectEmvError(() => buildMpm({ ...minimal, transactionAmount: '1,00' }), 'EMV_QR_INVALID_VALUE', {
      path: '54',
    });
    expectEmvError(() => buildMpm({ ...minimal, pointOfInitiation: '13' }), 'EMV_QR_INVALID_VALUE', {
      path: '01',
    });
    expectEmvError(() => buildMpm({ ...minimal, tipOrConvenienceIndicator: '02' }), 'EMV_QR_MISSING_OBJECT', {
      path: '56',
    });
    expectEmvError(
      () => buildMpm({ ...minimal, merchantAccounts: [{ id: '52', value: 'x' }] }),
      'EMV_QR_INVALID_ID',
    );
    expectEmvError(
      () =>
        buildMpm({
          ...minimal,
          merchantAccounts: [
            { id: '15', value: 'a' },
            { id: '15', value: 'b' },
          ],
        }),
      'EMV_QR_DUPLICATE_OBJECT',
    );
    expectEmvError(
      () => buildMpm({ ...minimal, merchantAccounts: [{ id: '30', children: [{ id: '01', value: 'x' }] }] }),
      'EMV_QR_MISSING_OBJECT',
      {
        path: '30.00',
      },
    );
    expectEmvError(() => buildQrPayload([{ id: '59', value: 'x'.repeat(100) }]), 'EMV_QR_INVALID_LENGTH', {
      have: 100,
    });
    expectEmvError(() => buildQrPayload([{ id: '63', value: 'ABCD' }]), 'EMV_QR_MISPLACED_OBJECT');
  });
});

describe('MPM parse errors', () => {
  const withCrc = (body: string): string => body + qrCrc(body);

  it('a bad CRC', () => {
    expectEmvError(() => parseMpm(`${SAMPLE.slice(0, -4)}A13B`), 'EMV_QR_INVALID_CRC', {
      path: '63',
      phase: 'crc',
    });
    expectEmvError(() => parseMpm(`${SAMPLE.slice(0, -4)}a13a`), 'EMV_QR_INVALID_CRC', { path: '63' });
    const swapped = SAMPLE.replace('BEIJING', 'BEIJINH');
    const error = expectEmvError(() => parseMpm(swapped), 'EMV_QR_INVALID_CRC');
    expect(error.details.offset).toBe(Array.from(SAMPLE).length - 4);
  });

  it('a wrong length: value running past the end, a non-numeric length, a CRC object of the wrong size', () => {
    expectEmvError(() => parseMpm(SAMPLE.slice(0, 20)), 'EMV_QR_TRUNCATED', {
      path: '29',
      phase: 'value',
      offset: 16,
      need: 30,
      have: 4,
    });
    expectEmvError(() => parseMpm('000201010X'), 'EMV_QR_INVALID_LENGTH', {
      path: '01',
      phase: 'length',
      offset: 8,
    });
    expectEmvError(() => parseMpm('0002'), 'EMV_QR_TRUNCATED', {
      phase: 'value',
      offset: 4,
      need: 2,
      have: 0,
    });
    expectEmvError(() => parseMpm('000201A'), 'EMV_QR_TRUNCATED', {
      phase: 'tag',
      offset: 6,
      need: 4,
      have: 1,
    });
    expectEmvError(() => parseMpm('XX0201'), 'EMV_QR_INVALID_ID', { phase: 'tag', offset: 0 });
    const body = SAMPLE.slice(0, -8);
    expectEmvError(() => parseMpm(`${body}6303A13`), 'EMV_QR_INVALID_LENGTH', {
      path: '63',
      need: 4,
      have: 3,
    });
  });

  it('a template whose sub-objects overrun it, with the path of the sub-object', () => {
    expectEmvError(() => parseMpm(withCrc('0002012605009996304')), 'EMV_QR_TRUNCATED', {
      path: '26.00',
      need: 99,
      have: 1,
    });
  });

  it('a missing mandatory object', () => {
    const noCity = SAMPLE.replace('6007BEIJING', '');
    expectEmvError(() => parseMpm(withCrc(noCity.slice(0, -4))), 'EMV_QR_MISSING_OBJECT', {
      path: '60',
      phase: 'payload',
    });
    expect(validateMpm('').map((problem) => problem.details.path)).toEqual([
      '00',
      '52',
      '53',
      '58',
      '59',
      '60',
      '63',
      '02..51',
    ]);
  });

  it('a misplaced object: 00 not first, 63 not last', () => {
    const moved = SAMPLE.slice(6, -8).replace('520441', '000201520441');
    expectEmvError(() => parseMpm(withCrc(`${moved}6304`)), 'EMV_QR_MISPLACED_OBJECT', { path: '00' });
    const crcInside = `${SAMPLE.slice(0, -8)}63041234`;
    expectEmvError(() => parseMpm(`${crcInside}6501X`), 'EMV_QR_MISPLACED_OBJECT', { path: '63' });
  });

  it('a duplicate ID', () => {
    expectEmvError(() => parseMpm(withCrc(`${SAMPLE.slice(0, -8)}5802CN6304`)), 'EMV_QR_DUPLICATE_OBJECT', {
      path: '58',
    });
  });
});

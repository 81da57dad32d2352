/**
 * Random merchant-presented QR codes that obey MPM v1.1: every field within its length and format,
 * templates with their mandatory sub-objects and under 99 characters, text mixing ASCII with
 * two-byte (é, Ж), three-byte (北, 运) and four-byte (😀, 𠀋) UTF-8 characters, and sometimes a
 * shuffled object order.
 */
import fc from 'fast-check';
import type { MerchantPresentedQr, QrObjectInput } from '@payterm/emv';

const ASCII = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
const OTHER = ['é', 'ß', 'Ж', 'ñ', '北', '京', '运', '输', '😀', '𠀋'];

const textArbitrary = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ASCII) }, fc.constantFrom(...OTHER)), {
      minLength,
      maxLength,
    })
    .map((chars) => chars.join(''));

const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''));

const amountArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom('', '.', '.5', '.25'))
  .map(([whole, fraction]) => `${whole}${fraction}`);

const id = (low: number, high: number): fc.Arbitrary<string> =>
  fc.integer({ min: low, max: high }).map((n) => String(n).padStart(2, '0'));

/** Sub-objects with unique IDs, values of 1–20 characters. */
const subObjects = (low: number, high: number, maxCount: number): fc.Arbitrary<QrObjectInput[]> =>
  fc.uniqueArray(fc.record({ id: id(low, high), value: textArbitrary(1, 20) }), {
    maxLength: maxCount,
    selector: (object) => object.id,
  });

/** A template whose sub-object 00 (GUID) comes first, then up to two others. */
const templateArbitrary = (templateId: fc.Arbitrary<string>): fc.Arbitrary<QrObjectInput> =>
  fc
    .tuple(templateId, textArbitrary(1, 32), subObjects(1, 99, 2))
    .map(([tid, guid, rest]) => ({ id: tid, children: [{ id: '00', value: guid }, ...rest] }));

const merchantAccountsArbitrary = fc.uniqueArray(
  fc.oneof(fc.record({ id: id(2, 25), value: textArbitrary(1, 60) }), templateArbitrary(id(26, 51))),
  { minLength: 1, maxLength: 3, selector: (object) => object.id },
);

const tipArbitrary = fc.oneof(
  fc.constant({}),
  fc.constant({ tipOrConvenienceIndicator: '01' }),
  amountArbitrary
    .filter((amount) => amount.length <= 13)
    .map((fee) => ({ tipOrConvenienceIndicator: '02', convenienceFeeFixed: fee })),
  fc
    .integer({ min: 0, max: 9999 })
    .map((p) => ({ tipOrConvenienceIndicator: '03', convenienceFeePercentage: `${p}` })),
);

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined });

export const mpmArbitrary: fc.Arbitrary<MerchantPresentedQr> = fc
  .record({
    pointOfInitiation: optional(fc.constantFrom('11', '12')),
    merchantAccounts: merchantAccountsArbitrary,
    merchantCategoryCode: digits(4),
    transactionCurrency: digits(3),
    transactionAmount: optional(amountArbitrary.filter((amount) => amount.length <= 13)),
    tip: tipArbitrary,
    countryCode: fc.constantFrom('CN', 'HK', 'KH', 'US', 'SG'),
    merchantName: textArbitrary(1, 25),
    merchantCity: textArbitrary(1, 15),
    postalCode: optional(textArbitrary(1, 10)),
    additionalData: optional(
      fc
        .tuple(subObjects(1, 8, 3), fc.option(fc.constantFrom('A', 'M', 'E', 'AME', 'ME')))
        .map(([objects, request]) =>
          request === null ? objects : [...objects, { id: '09', value: request }],
        ),
    ),
    language: optional(
      fc
        .tuple(fc.constantFrom('ZH', 'EN', 'KM'), textArbitrary(1, 25), fc.option(textArbitrary(1, 15)))
        .map(([language, name, city]) => [
          { id: '00', value: language },
          { id: '01', value: name },
          ...(city === null ? [] : [{ id: '02', value: city }]),
        ]),
    ),
    unreserved: fc.uniqueArray(templateArbitrary(id(80, 99)), {
      maxLength: 2,
      selector: (object) => object.id,
    }),
    shuffle: fc.option(fc.array(fc.nat(), { minLength: 30, maxLength: 30 })),
  })
  .map(({ tip, additionalData, language, unreserved, shuffle, ...fields }) => {
    // definedOnly drops the optional fields drawn as undefined, which the type cannot see.
    const qr = {
      payloadFormatIndicator: '01',
      ...definedOnly(fields),
      ...tip,
      ...(additionalData === undefined ? {} : { additionalData }),
      ...(language === undefined ? {} : { merchantInformationLanguage: language }),
      ...(unreserved.length === 0 ? {} : { unreservedTemplates: unreserved }),
    } as MerchantPresentedQr;
    if (shuffle === null) return qr;
    const ids = ['01', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '64'];
    ids.push(...qr.merchantAccounts.map((account) => account.id), ...unreserved.map((object) => object.id));
    const order = ids
      .map((value, i) => ({ value, key: shuffle[i % shuffle.length] as number }))
      .sort((a, b) => a.key - b.key)
      .map((entry) => entry.value);
    return { ...qr, order: ['00', ...order] };
  });

function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

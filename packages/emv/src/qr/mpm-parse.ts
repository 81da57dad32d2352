import { assertInvariant } from '@payterm/kernel';
import { MPM_FIELD_IDS, type MpmTextField, type ParsedMerchantPresentedQr } from './mpm-types.js';
import { mpmProblems } from './mpm-validate.js';
import type { QrObject } from './qr-object.js';
import { scanQrObjects, withoutOffsets } from './qr-scan.js';

const FIELD_BY_ID: ReadonlyMap<string, MpmTextField> = new Map(
  Object.entries(MPM_FIELD_IDS).map(([field, id]) => [id, field as MpmTextField]),
);

/**
 * Parses and validates a merchant-presented QR payload; throws the first problem validateMpm would
 * report (an EmvError: bad CRC, wrong length, missing or misplaced object, bad value).
 */
export function parseMpm(payload: string): ParsedMerchantPresentedQr {
  const chars = Array.from(payload);
  const located = scanQrObjects(chars, 0, chars.length, '');
  const problem = mpmProblems(chars, located)[0];
  if (problem !== undefined) throw problem;
  return readMpm(located.map(withoutOffsets));
}

/** The typed view of valid top-level objects. */
function readMpm(objects: readonly QrObject[]): ParsedMerchantPresentedQr {
  const text: Partial<Record<MpmTextField, string>> = {};
  const lists = {
    merchantAccounts: [] as QrObject[],
    rfu: [] as QrObject[],
    unreservedTemplates: [] as QrObject[],
  };
  const templates: {
    additionalData?: readonly QrObject[];
    merchantInformationLanguage?: readonly QrObject[];
  } = {};
  let crc = '';
  for (const object of objects) {
    const n = Number(object.id);
    const field = FIELD_BY_ID.get(object.id);
    if (field !== undefined) text[field] = object.value;
    else if (n >= 2 && n <= 51) lists.merchantAccounts.push(object);
    else if (object.id === '62') templates.additionalData = object.children ?? [];
    else if (object.id === '63') crc = object.value;
    else if (object.id === '64') templates.merchantInformationLanguage = object.children ?? [];
    else if (n >= 65 && n <= 79) lists.rfu.push(object);
    else lists.unreservedTemplates.push(object);
  }
  const {
    payloadFormatIndicator,
    merchantCategoryCode,
    transactionCurrency,
    countryCode,
    merchantName,
    merchantCity,
  } = text;
  assertInvariant(
    payloadFormatIndicator !== undefined &&
      merchantCategoryCode !== undefined &&
      transactionCurrency !== undefined &&
      countryCode !== undefined &&
      merchantName !== undefined &&
      merchantCity !== undefined,
    'validated MPM payload lacks a mandatory object',
  );
  return {
    ...text,
    payloadFormatIndicator,
    merchantCategoryCode,
    transactionCurrency,
    countryCode,
    merchantName,
    merchantCity,
    merchantAccounts: lists.merchantAccounts,
    ...templates,
    ...(lists.rfu.length > 0 ? { rfu: lists.rfu } : {}),
    ...(lists.unreservedTemplates.length > 0 ? { unreservedTemplates: lists.unreservedTemplates } : {}),
    order: objects.filter((object) => object.id !== '63').map((object) => object.id),
    crc,
  };
}

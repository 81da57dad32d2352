import { buildMpm, parseMpm, type QrObject } from '@payterm/emv';

/** PayTerm's globally unique identifier in the merchant account template (ID 26, sub-ID 00). */
export const PAYTERM_QR_GUID = 'com.payterm.pay';
const MERCHANT_ACCOUNT_ID = '26';
/** EMV MPM length limits of merchant name (59) and city (60). */
const NAME_MAX = 25;
const CITY_MAX = 15;

export interface OrderPayloadFields {
  readonly mid: string;
  readonly tid: string;
  readonly mcc: string;
  readonly merchantName: string;
  readonly city: string;
  readonly amountMinor: number;
  /** ISO 4217 numeric. */
  readonly currency: string;
  readonly orderRrn: string;
}

/** `1234` → `"12.34"`: the MPM amount (ID 54) of integer minor units, "." as the decimal mark. */
export function mpmAmount(amountMinor: number): string {
  return `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`;
}

/** `"12.34"` / `"12.3"` / `"12"` → 1234 / 1230 / 1200; anything else undefined. */
export function minorOfMpmAmount(amount: string): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(amount);
  if (match?.[1] === undefined) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * The dynamic EMVCo merchant-presented payload of an order: 00 `01`, 01 `12`, 26 { 00 GUID, 01 MID,
 * 02 TID }, 52 MCC, 53 currency, 54 amount, 58 `CN`, 59 name, 60 city, 62 { 01 bill = order RRN,
 * 07 terminal label = TID }, 63 CRC.
 */
export function buildOrderPayload(fields: OrderPayloadFields): string {
  return buildMpm({
    payloadFormatIndicator: '01',
    pointOfInitiation: '12',
    merchantAccounts: [
      {
        id: MERCHANT_ACCOUNT_ID,
        children: [
          { id: '00', value: PAYTERM_QR_GUID },
          { id: '01', value: fields.mid },
          { id: '02', value: fields.tid },
        ],
      },
    ],
    merchantCategoryCode: fields.mcc,
    transactionCurrency: fields.currency,
    transactionAmount: mpmAmount(fields.amountMinor),
    countryCode: 'CN',
    merchantName: Array.from(fields.merchantName).slice(0, NAME_MAX).join(''),
    merchantCity: Array.from(fields.city).slice(0, CITY_MAX).join(''),
    additionalData: [
      { id: '01', value: fields.orderRrn },
      { id: '07', value: fields.tid },
    ],
  });
}

/** What the wallet reads off a scanned order payload. */
export interface ScannedOrder {
  readonly orderRrn: string;
  readonly mid: string;
  readonly tid: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly merchantName: string;
  readonly city: string;
}

function child(objects: readonly QrObject[] | undefined, id: string): string | undefined {
  return objects?.find((object) => object.id === id)?.value;
}

/**
 * Reads a PayTerm order payload; undefined when the CRC, the structure or an MPM rule is wrong, or it
 * is not PayTerm's (no template 26 with our GUID, no bill number, no amount).
 */
export function readOrderPayload(payload: string): ScannedOrder | undefined {
  let parsed;
  try {
    parsed = parseMpm(payload.trim());
  } catch {
    return undefined;
  }
  const account = parsed.merchantAccounts.find((object) => object.id === MERCHANT_ACCOUNT_ID);
  if (child(account?.children, '00') !== PAYTERM_QR_GUID) return undefined;
  const mid = child(account?.children, '01');
  const tid = child(account?.children, '02');
  const orderRrn = child(parsed.additionalData, '01');
  const amountMinor =
    parsed.transactionAmount === undefined ? undefined : minorOfMpmAmount(parsed.transactionAmount);
  if (mid === undefined || tid === undefined || orderRrn === undefined || amountMinor === undefined)
    return undefined;
  return {
    orderRrn,
    mid,
    tid,
    amountMinor,
    currency: parsed.transactionCurrency,
    merchantName: parsed.merchantName,
    city: parsed.merchantCity,
  };
}

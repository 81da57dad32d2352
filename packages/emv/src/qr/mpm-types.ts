import type { QrObject, QrObjectInput } from './qr-object.js';

/** A merchant-presented QR code (EMV QRCPS-MPM v1.1) as typed fields; values are the payload's text. */
export interface MerchantPresentedQr {
  /** ID 00: always "01". */
  readonly payloadFormatIndicator: string;
  /** ID 01: "11" static, "12" dynamic. */
  readonly pointOfInitiation?: string;
  /** IDs 02–51: primitive (02–25, scheme-reserved) or templates (26–51, sub-ID 00 = GUID/AID). */
  readonly merchantAccounts: readonly QrObjectInput[];
  /** ID 52, n4. */
  readonly merchantCategoryCode: string;
  /** ID 53, ISO 4217 numeric ("156"). */
  readonly transactionCurrency: string;
  /** ID 54: up to 13 characters, "." as decimal mark. */
  readonly transactionAmount?: string;
  /** ID 55: "01" prompt for tip, "02" fixed fee (56), "03" percentage fee (57). */
  readonly tipOrConvenienceIndicator?: string;
  readonly convenienceFeeFixed?: string;
  readonly convenienceFeePercentage?: string;
  /** ID 58, ISO 3166-1 alpha-2. */
  readonly countryCode: string;
  readonly merchantName: string;
  readonly merchantCity: string;
  readonly postalCode?: string;
  /** ID 62 sub-objects (01 bill number … 09 consumer data request). */
  readonly additionalData?: readonly QrObjectInput[];
  /** ID 64 sub-objects (00 language, 01 name, 02 city). */
  readonly merchantInformationLanguage?: readonly QrObjectInput[];
  /** IDs 65–79 (RFU: should not appear, kept when they do). */
  readonly rfu?: readonly QrObjectInput[];
  /** IDs 80–99 templates. */
  readonly unreservedTemplates?: readonly QrObjectInput[];
  /**
   * Top-level IDs in payload order (63 excluded). Building follows it for the objects it lists, then
   * adds the rest in ID order; parsing fills it so that a parsed payload rebuilds exactly.
   */
  readonly order?: readonly string[];
}

/** What parseMpm returns: the typed fields with parsed objects, and the payload's CRC. */
export interface ParsedMerchantPresentedQr extends MerchantPresentedQr {
  readonly merchantAccounts: readonly QrObject[];
  readonly additionalData?: readonly QrObject[];
  readonly merchantInformationLanguage?: readonly QrObject[];
  readonly rfu?: readonly QrObject[];
  readonly unreservedTemplates?: readonly QrObject[];
  readonly order: readonly string[];
  readonly crc: string;
}

/** Typed field ↔ top-level ID, for the single-valued objects. */
export const MPM_FIELD_IDS = {
  payloadFormatIndicator: '00',
  pointOfInitiation: '01',
  merchantCategoryCode: '52',
  transactionCurrency: '53',
  transactionAmount: '54',
  tipOrConvenienceIndicator: '55',
  convenienceFeeFixed: '56',
  convenienceFeePercentage: '57',
  countryCode: '58',
  merchantName: '59',
  merchantCity: '60',
  postalCode: '61',
} as const;

export type MpmTextField = keyof typeof MPM_FIELD_IDS;

/** The length (in characters) and format rule of one MPM data object (EMV QRCPS-MPM v1.1 §4). */
export interface QrObjectRule {
  readonly name: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** What the value must match; checked after the length. */
  readonly format?: RegExp;
}

const AMOUNT = /^(\d+(\.\d*)?|\.\d+)$/;
const rule = (name: string, minLength: number, maxLength: number, format?: RegExp): QrObjectRule =>
  format === undefined ? { name, minLength, maxLength } : { name, minLength, maxLength, format };

const TOP_LEVEL: Readonly<Record<string, QrObjectRule>> = {
  '00': rule('Payload format indicator', 2, 2, /^01$/),
  '01': rule('Point of initiation method', 2, 2, /^1[12]$/),
  '52': rule('Merchant category code', 4, 4, /^\d{4}$/),
  '53': rule('Transaction currency', 3, 3, /^\d{3}$/),
  '54': rule('Transaction amount', 1, 13, AMOUNT),
  '55': rule('Tip or convenience indicator', 2, 2, /^0[123]$/),
  '56': rule('Value of convenience fee fixed', 1, 13, AMOUNT),
  '57': rule('Value of convenience fee percentage', 1, 5, AMOUNT),
  '58': rule('Country code', 2, 2, /^[A-Z]{2}$/),
  '59': rule('Merchant name', 1, 25),
  '60': rule('Merchant city', 1, 15),
  '61': rule('Postal code', 1, 10),
  '62': rule('Additional data field template', 1, 99),
  '63': rule('CRC', 4, 4),
  '64': rule('Merchant information – language template', 1, 99),
};

const ADDITIONAL_DATA: Readonly<Record<string, QrObjectRule>> = {
  '01': rule('Bill number', 1, 25),
  '02': rule('Mobile number', 1, 25),
  '03': rule('Store label', 1, 25),
  '04': rule('Loyalty number', 1, 25),
  '05': rule('Reference label', 1, 25),
  '06': rule('Customer label', 1, 25),
  '07': rule('Terminal label', 1, 25),
  '08': rule('Purpose of transaction', 1, 25),
  '09': rule('Additional consumer data request', 1, 3, /^[AME]+$/),
};

const LANGUAGE_TEMPLATE: Readonly<Record<string, QrObjectRule>> = {
  '00': rule('Language preference', 2, 2),
  '01': rule('Merchant name – alternate language', 1, 25),
  '02': rule('Merchant city – alternate language', 1, 15),
};

const GUID = rule('Globally unique identifier', 1, 32);
const ANY = rule('Data object', 1, 99);

/** The rule of top-level object `id`. */
export function topLevelRule(id: string): QrObjectRule {
  const n = Number(id);
  if (n >= 2 && n <= 51) return rule('Merchant account information', 1, 99);
  if (n >= 65 && n <= 79) return rule('RFU for EMVCo', 1, 99);
  if (n >= 80) return rule('Unreserved template', 1, 99);
  return TOP_LEVEL[id] ?? ANY;
}

/** The rule of sub-object `id` inside template `parent`. */
export function subObjectRule(parent: string, id: string): QrObjectRule {
  if (parent === '62') return ADDITIONAL_DATA[id] ?? ANY;
  if (parent === '64') return LANGUAGE_TEMPLATE[id] ?? ANY;
  return id === '00' ? GUID : ANY;
}

/** Sub-objects a present template must hold. */
export function mandatorySubObjects(parent: string): readonly string[] {
  if (parent === '62') return [];
  if (parent === '64') return ['00', '01'];
  return ['00'];
}

/** Top-level objects every payload must hold (besides at least one merchant account, 02–51). */
export const MANDATORY_OBJECTS: readonly string[] = ['00', '52', '53', '58', '59', '60', '63'];

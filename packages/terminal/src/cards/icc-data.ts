import { hexToBytes, type CipherFactory } from '@payterm/crypto';
import { encodeTlv, type TlvNode } from '@payterm/emv';
import { terminalError } from '../errors.js';
import type { CardPurpose, CardRequest } from '../ports/card-reader.js';
import { ARQC_DATA_TAGS, computeTestArqc, deriveTestCardKey } from './test-card-cryptogram.js';
import type { CardBrand, CardProfile } from './test-cards.js';

// prettier-ignore
/** Field 55 as UnionPay-style terminals send it (cup-pos-8583-reference §2, field 55), in this order. */
const FIELD_55_ORDER = [
  '9F26', '9F27', '9F10', '9F37', '9F36', '95', '9A', '9C', '9F02', '5F2A',
  '82', '9F1A', '9F03', '9F33', '9F34', '9F35', '9F1E', '84', '9F09', '9F41',
] as const;

type IccTag = (typeof FIELD_55_ORDER)[number];

/** 9C is the first two digits of the request's processing code (field 3), as EMV Book 4 defines it. */
const TRANSACTION_TYPE: Readonly<Record<CardPurpose, string>> = {
  sale: '00',
  void: '20',
  refund: '20',
  balance: '31',
  preauth: '03',
  'preauth-cancel': '20',
  'preauth-completion': '00',
  'preauth-completion-void': '20',
};

interface BrandApplication {
  readonly debitAid: string;
  readonly creditAid: string;
  readonly version: string;
  /** Issuer application data in the brand's layout (length, key index, cryptogram version, CVR …). */
  readonly issuerApplicationData: string;
}

const APPLICATIONS: Readonly<Record<CardBrand, BrandApplication>> = {
  UnionPay: {
    debitAid: 'A000000333010101',
    creditAid: 'A000000333010102',
    version: '0030',
    issuerApplicationData: '07010103A0000001',
  },
  Visa: {
    debitAid: 'A0000000031010',
    creditAid: 'A0000000031010',
    version: '008C',
    issuerApplicationData: '06010A03A00000',
  },
  Mastercard: {
    debitAid: 'A0000000041010',
    creditAid: 'A0000000041010',
    version: '0002',
    issuerApplicationData: '0110A0000000000000000000000000000000',
  },
};

/** SDA, DDA, cardholder verification, terminal risk management, issuer authentication. */
const AIP = '7C00';
/** Keyed, magstripe and chip entry; online PIN, signature and no CVM; SDA, DDA, CDA. */
const TERMINAL_CAPABILITIES = 'E068C8';
/** Attended, operated by the merchant, online with offline capability. */
const TERMINAL_TYPE = '22';
/** CVM results: enciphered PIN online (result unknown until the issuer checks it), or no CVM (successful). */
const CVM_ONLINE_PIN = '420300';
const CVM_NONE = '1F0002';
const MAX_AMOUNT_MINOR = 999_999_999_999;

export interface IccDataInput {
  readonly card: CardProfile;
  readonly request: CardRequest;
  readonly panSequence: string;
  readonly pinRequired: boolean;
  /** Application transaction counter of this read (card side). */
  readonly atc: number;
  /** Transaction sequence counter of this read (terminal side). */
  readonly sequenceCounter: number;
  /** ISO 4217 numeric for 5F2A when the request has no amount. */
  readonly currency: string;
  /** ISO 3166 numeric of the terminal (9F1A). */
  readonly country: string;
  /** 9F1E, 8 characters. */
  readonly readerSerial: string;
  readonly issuerMasterKey: Uint8Array;
  readonly cipherFactory: CipherFactory;
}

function invalid(field: string, message: string): never {
  throw terminalError('TERMINAL_INVALID_INPUT', message, { field });
}

/** 9A (YYMMDD) from the request's date: `YYMMDD`, `YYYYMMDD` or an ISO 8601 date or timestamp. */
export function emvDate(transactionDate: string): string {
  const compact = /^\d{4}-\d{2}-\d{2}/.test(transactionDate)
    ? transactionDate.slice(0, 10).replaceAll('-', '')
    : transactionDate;
  const date = /^\d{8}$/.test(compact) ? compact.slice(2) : compact;
  const month = Number(date.slice(2, 4));
  const day = Number(date.slice(4, 6));
  if (!/^\d{6}$/.test(date) || month < 1 || month > 12 || day < 1 || day > 31) {
    invalid('transactionDate', 'the transaction date must be YYMMDD, YYYYMMDD or an ISO 8601 date');
  }
  return date;
}

function digits(value: number | string, length: number): string {
  return String(value).padStart(length, '0');
}

function terminalVerificationResults(pinRequired: boolean, amountMinor: number): string {
  const onlinePinEntered = pinRequired ? 0x04 : 0;
  // An online-only terminal has a floor limit of zero: any amount exceeds it.
  const exceedsFloorLimit = amountMinor > 0 ? 0x80 : 0;
  return bytesHex([0, 0, onlinePinEntered, exceedsFloorLimit, 0]);
}

function bytesHex(bytes: readonly number[]): string {
  return bytes.map((byte) => digits(byte.toString(16).toUpperCase(), 2)).join('');
}

function asciiHex(text: string): string {
  return bytesHex([...new TextEncoder().encode(text)]);
}

function cardData(input: IccDataInput): Map<IccTag, string> {
  const { card, request } = input;
  const amountMinor = request.amount?.amountMinor ?? 0;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) {
    invalid('amount', 'the amount must be 0 to 999999999999 minor units');
  }
  const currency = request.amount?.currency ?? input.currency;
  if (!/^\d{3}$/.test(currency)) invalid('currency', 'the currency must be an ISO 4217 numeric code');
  if (request.unpredictableNumber.length !== 4) {
    invalid('unpredictableNumber', 'the unpredictable number must be 4 bytes');
  }
  const application = APPLICATIONS[card.brand];
  return new Map<IccTag, string>([
    ['9F27', '80'],
    ['9F10', application.issuerApplicationData],
    ['9F37', bytesHex([...request.unpredictableNumber])],
    ['9F36', digits(input.atc.toString(16).toUpperCase(), 4)],
    ['95', terminalVerificationResults(input.pinRequired, amountMinor)],
    ['9A', emvDate(request.transactionDate)],
    ['9C', TRANSACTION_TYPE[request.purpose]],
    ['9F02', digits(amountMinor, 12)],
    ['5F2A', digits(currency, 4)],
    ['82', AIP],
    ['9F1A', digits(input.country, 4)],
    ['9F03', '000000000000'],
    ['9F33', TERMINAL_CAPABILITIES],
    ['9F34', input.pinRequired ? CVM_ONLINE_PIN : CVM_NONE],
    ['9F35', TERMINAL_TYPE],
    ['9F1E', asciiHex(input.readerSerial)],
    ['84', card.type === 'credit' ? application.creditAid : application.debitAid],
    ['9F09', application.version],
    ['9F41', digits(input.sequenceCounter, 8)],
  ]);
}

/**
 * Field 55 of a chip or contactless read: the card's answer to GENERATE AC (an ARQC under the card's
 * key) with the terminal data it covered, as BER-TLV.
 */
export function buildIccData(input: IccDataInput): Uint8Array {
  const values = cardData(input);
  const arqcInput = hexToBytes(ARQC_DATA_TAGS.map((tag) => values.get(tag)!).join(''));
  const cardKey = deriveTestCardKey(
    input.issuerMasterKey,
    input.card.pan,
    input.panSequence,
    input.cipherFactory,
  );
  const arqc = computeTestArqc(cardKey, arqcInput, input.cipherFactory);
  cardKey.fill(0);
  const nodes: TlvNode[] = FIELD_55_ORDER.map((tag) => ({
    tag,
    value: tag === '9F26' ? arqc : hexToBytes(values.get(tag)!),
  }));
  return encodeTlv(nodes);
}

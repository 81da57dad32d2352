import type { FieldValue, Iso8583Message } from '@payterm/iso8583';
import { protocolError } from '../errors.js';
import { formatMagstripeUpload, formatUploadCount } from './batch-upload-entries.js';
import { formatField59 } from './field-59.js';
import { formatField60 } from './field-60.js';
import type { CardData, OriginalData, PosAmount, PosEnvelope, PosRequest } from './pos-request.js';
import { formatSettlementTotals } from './settlement-totals.js';
import { tmsNetworkCode, tmsRequestField62 } from './tms-requests.js';
import {
  FINANCIAL_SHAPES,
  MANAGEMENT_CODES,
  requestMtiOfKind,
  type FinancialKind,
} from './transaction-table.js';

type Fields = Record<number, FieldValue>;

/** The MTI a request is sent with (it follows from the kind). */
export function requestMti(request: PosRequest): string {
  return requestMtiOfKind(request.kind);
}

function put(fields: Fields, field: number, value: FieldValue | undefined): void {
  if (value !== undefined) fields[field] = value;
}

function writeEnvelope(
  fields: Fields,
  envelope: Omit<PosEnvelope, 'stan'> & { readonly stan?: string },
): void {
  put(fields, 11, envelope.stan);
  put(fields, 41, envelope.tid);
  put(fields, 42, envelope.mid);
}

function writeAmount(fields: Fields, amount: PosAmount): void {
  const { amountMinor, currency } = amount;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > 999_999_999_999) {
    throw protocolError(
      'PROTOCOL_INVALID_VALUE',
      'an amount is an integer of minor units that fits n12',
      '4',
    );
  }
  if (!/^\d{3}$/.test(currency)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a currency is a 3-digit ISO 4217 code', '49');
  }
  fields[4] = String(amountMinor).padStart(12, '0');
  fields[49] = currency;
}

function writeCard(fields: Fields, card: CardData, withPin: boolean): void {
  if (card.pan !== undefined && card.panFromTrack2 !== true) fields[2] = card.pan;
  put(fields, 14, card.expiry);
  fields[22] = card.entryMode;
  put(fields, 23, card.cardSequence);
  put(fields, 35, card.track2);
  put(fields, 36, card.track3);
  put(fields, 53, card.securityControl);
  put(fields, 55, card.icc);
  if (withPin) {
    put(fields, 26, card.pinCaptureCode);
    put(fields, 52, card.pinBlock);
  }
}

function formatOriginal(original: OriginalData): string {
  if (!/^\d{6}$/.test(original.batch) || !/^\d{6}$/.test(original.stan)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'field 61 needs a 6-digit batch and STAN', '61');
  }
  if (original.date === undefined) {
    if (original.extension !== undefined) {
      throw protocolError('PROTOCOL_INVALID_VALUE', 'field 61 needs 61.3 before an extension', '61.3');
    }
    return original.batch + original.stan;
  }
  if (!/^\d{4}$/.test(original.date)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', '61.3 (original date) is MMDD', '61.3');
  }
  return original.batch + original.stan + original.date + (original.extension ?? '');
}

function financialField60(request: PosRequest & { readonly batch: string }, typeCode: string): string {
  return formatField60(typeCode, request.batch, '000', request.field60Extension);
}

function managementField60(request: PosRequest, networkCode: string): string {
  return formatField60('00', request.batch, networkCode, request.field60Extension);
}

/** Fields 3, 25 and 60 of a financial kind. */
function writeShape(fields: Fields, request: PosRequest, kind: keyof typeof FINANCIAL_SHAPES): void {
  const shape = FINANCIAL_SHAPES[kind];
  fields[3] = shape.processingCode;
  fields[25] = shape.conditionCode;
  fields[60] = financialField60(request, shape.typeCode);
}

/**
 * The ISO 8583 message of a request (terminal side), with exactly the fields of reference §3.2 for
 * its kind; no field 64 (packWithMac adds it). Throws PROTOCOL_INVALID_VALUE for out-of-range values;
 * the codec checks lengths and character sets when packing.
 */
export function encodePosRequest(request: PosRequest): Iso8583Message {
  const fields: Fields = {};
  writeEnvelope(fields, request);
  writeBody(fields, request);
  const headers: Record<string, string> = {};
  if (request.tpdu !== undefined) headers['tpdu'] = request.tpdu;
  if (request.header !== undefined) headers['header'] = request.header;
  return { mti: requestMti(request), headers, fields };
}

function writeBody(fields: Fields, request: PosRequest): void {
  switch (request.kind) {
    case 'sign-in':
      fields[60] = managementField60(request, request.keyLayout);
      put(fields, 62, request.terminalInfo);
      fields[63] = request.operator;
      return;
    case 'sign-off':
      fields[60] = managementField60(request, MANAGEMENT_CODES.signOff);
      return;
    case 'echo':
      fields[60] = managementField60(request, MANAGEMENT_CODES.echo);
      return;
    case 'parameter-download':
    case 'parameters-applied':
    case 'status-upload':
    case 'software-chunk':
      fields[60] = managementField60(request, tmsNetworkCode(request.kind));
      fields[62] = tmsRequestField62(request);
      return;
    case 'settlement':
      fields[48] = formatSettlementTotals(request.totals);
      fields[49] = request.currency;
      fields[60] = managementField60(request, MANAGEMENT_CODES.settlement);
      fields[63] = request.operator;
      return;
    case 'batch-upload':
      writeBatchUpload(fields, request);
      return;
    case 'reversal':
      writeReversal(fields, request);
      return;
    default:
      writeFinancial(fields, request);
  }
}

function writeBatchUpload(fields: Fields, request: Extract<PosRequest, { kind: 'batch-upload' }>): void {
  const upload = request.upload;
  switch (upload.type) {
    case 'magstripe':
      fields[48] = formatMagstripeUpload(upload.entries);
      fields[60] = managementField60(request, MANAGEMENT_CODES.uploadMagstripe);
      return;
    case 'ic':
      writeCard(fields, upload.card, false);
      writeAmount(fields, upload.amount);
      delete fields[49];
      put(fields, 62, upload.data);
      fields[60] = managementField60(
        request,
        upload.balanced ? MANAGEMENT_CODES.uploadIcBalanced : MANAGEMENT_CODES.uploadIcUnbalanced,
      );
      return;
    case 'end':
      fields[48] = formatUploadCount(upload.count);
      fields[60] = managementField60(
        request,
        upload.balanced ? MANAGEMENT_CODES.uploadEndBalanced : MANAGEMENT_CODES.uploadEndUnbalanced,
      );
  }
}

function writeReversal(fields: Fields, request: Extract<PosRequest, { kind: 'reversal' }>): void {
  writeShape(fields, request, request.reversedKind);
  if (request.card !== undefined) writeCard(fields, request.card, false);
  else if (request.reversedKind === 'qr-customer-sale') fields[22] = '032';
  writeAmount(fields, request.amount);
  fields[39] = request.reason;
  put(fields, 38, request.authCode);
  if (request.original !== undefined) fields[61] = formatOriginal(request.original);
  if (request.qrCode !== undefined) fields[59] = formatField59('A3', request.qrCode);
  else if (request.voucher !== undefined) fields[59] = formatField59('A4', request.voucher);
}

function writeFinancial(fields: Fields, request: Extract<PosRequest, { kind: FinancialKind }>): void {
  writeShape(fields, request, request.kind);
  switch (request.kind) {
    case 'balance':
      writeCard(fields, request.card, true);
      fields[49] = request.currency;
      return;
    case 'sale':
    case 'preauth':
      writeCard(fields, request.card, true);
      writeAmount(fields, request.amount);
      return;
    case 'void':
    case 'refund':
    case 'preauth-completion-void':
    case 'preauth-cancel':
    case 'preauth-completion':
      writeCard(fields, request.card, true);
      writeAmount(fields, request.amount);
      put(fields, 37, request.originalRrn);
      put(fields, 38, request.originalAuthCode);
      if (request.original !== undefined) fields[61] = formatOriginal(request.original);
      if (request.kind === 'refund') put(fields, 63, request.cardOrganisation);
      return;
    case 'qr-customer-sale':
      fields[22] = '032';
      writeAmount(fields, request.amount);
      fields[59] = formatField59('A3', request.qrCode);
      return;
    case 'qr-order':
      writeAmount(fields, request.amount);
      return;
    case 'qr-order-status':
    case 'qr-order-close':
      fields[37] = request.orderRrn;
      return;
    case 'qr-void':
    case 'qr-refund':
      writeAmount(fields, request.amount);
      fields[59] = formatField59('A4', request.voucher);
      if (request.original !== undefined) fields[61] = formatOriginal(request.original);
  }
}

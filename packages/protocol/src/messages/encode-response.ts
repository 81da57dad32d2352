import type { FieldValue, Iso8583Message } from '@payterm/iso8583';
import { protocolError } from '../errors.js';
import { formatBalance } from './balance-field.js';
import { encodePosRequest } from './encode-request.js';
import { formatField59 } from './field-59.js';
import { swapTpdu, withProcessingRequirement } from './header.js';
import type { PosRequest, PosRequestKind } from './pos-request.js';
import type { PosResponse } from './pos-response.js';
import { formatSettlementTotals } from './settlement-totals.js';
import { parameterPageBytes } from './parameter-page-bytes.js';
import { responseMti } from './transaction-table.js';

type Fields = Record<number, FieldValue>;

const RESPONSE_CODE = /^[0-9A-Za-z]{2}$/;
const BATCH = /^\d{6}$/;

const MANAGEMENT_ECHO = [11, 41, 42, 60] as const;
const SETTLEMENT_ECHO = [11, 41, 42, 48, 49, 60] as const;
/**
 * Request fields a financial response echoes (reference §3.2). Field 2 is deliberately not echoed:
 * the host keeps PANs out of what it sends back, and the terminal knows the card it read. Field 22
 * is in the "must not appear" column.
 */
const FINANCIAL_ECHO = [3, 4, 11, 25, 41, 42, 49, 60] as const;

function echoedFields(kind: PosRequestKind): readonly number[] {
  switch (kind) {
    case 'sign-in':
    case 'sign-off':
    case 'echo':
    case 'parameter-download':
    case 'parameters-applied':
    case 'status-upload':
    case 'software-chunk':
    case 'batch-upload':
      return MANAGEMENT_ECHO;
    case 'settlement':
      return SETTLEMENT_ECHO;
    default:
      return FINANCIAL_ECHO;
  }
}

function put(fields: Fields, field: number, value: FieldValue | undefined): void {
  if (value !== undefined) fields[field] = value;
}

/**
 * The answer to `request` (host side): echoed request fields, TPDU with destination and source swapped,
 * the request's header with the processing-requirement digit of `response` (default `0`), 39 and the
 * response's own fields. No field 64: packWithMac adds it when macRequired says so. `received` is the
 * request as unpacked, when the caller has it: the echoed fields are then taken from it as they came.
 * Throws PROTOCOL_INVALID_VALUE when the kinds differ or a value is out of range.
 */
export function encodePosResponse(
  request: PosRequest,
  response: PosResponse,
  received?: Iso8583Message,
): Iso8583Message {
  if (response.kind !== request.kind) {
    throw protocolError(
      'PROTOCOL_INVALID_VALUE',
      `a ${response.kind} response cannot answer a ${request.kind}`,
      null,
    );
  }
  if (!RESPONSE_CODE.test(response.responseCode)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a response code is 2 letters or digits', '39');
  }
  // The host echoes what it received (and saves re-encoding the request); otherwise the canonical form.
  const sent = received ?? encodePosRequest(request);
  // A sparse array indexed by field number, the form codec.unpack returns: pack and packWithMac walk
  // it by index instead of enumerating and parsing keys (measured on every response the host sends).
  // Its keys enumerate ascending like an object's; a response has fields 1–63 (64 is the MAC's).
  const fields: Fields = new Array<FieldValue>(64);
  for (const field of echoedFields(request.kind)) put(fields, field, sent.fields[field]);
  const field60 = fields[60];
  if (response.batch !== undefined && typeof field60 === 'string') {
    if (!BATCH.test(response.batch)) {
      throw protocolError('PROTOCOL_INVALID_VALUE', 'the batch is 6 digits', '60.2');
    }
    fields[60] = field60.slice(0, 2) + response.batch + field60.slice(8);
  }
  fields[39] = response.responseCode;
  put(fields, 12, response.localTime);
  put(fields, 13, response.localDate);
  put(fields, 15, response.settlementDate);
  put(fields, 32, response.acquirerId);
  put(fields, 37, response.rrn);
  put(fields, 38, response.authCode);
  put(fields, 55, response.icc);
  writeKindFields(fields, response);
  const headers: Record<string, string> = {};
  if (request.tpdu !== undefined) headers['tpdu'] = swapTpdu(request.tpdu);
  if (request.header !== undefined) {
    headers['header'] = withProcessingRequirement(request.header, response.processingRequirement ?? '0');
  }
  return { mti: responseMti(sent.mti), headers, fields };
}

function writeKindFields(fields: Fields, response: PosResponse): void {
  switch (response.kind) {
    case 'sign-in':
      put(fields, 62, response.workingKeys);
      return;
    case 'parameter-download':
      if (response.page !== undefined) fields[62] = parameterPageBytes(response.page);
      return;
    case 'software-chunk':
      put(fields, 62, response.chunk);
      return;
    case 'balance':
      if (response.balance !== undefined) fields[54] = formatBalance(response.balance);
      return;
    case 'settlement':
      if (response.totals !== undefined) fields[48] = formatSettlementTotals(response.totals);
      return;
    case 'qr-order':
      if (response.mpmPayload !== undefined) fields[62] = new TextEncoder().encode(response.mpmPayload);
      return;
    case 'qr-customer-sale':
    case 'qr-order-status':
    case 'qr-void':
    case 'qr-refund':
      if (response.voucher !== undefined) fields[59] = formatField59('A4', response.voucher);
      return;
    default:
  }
}

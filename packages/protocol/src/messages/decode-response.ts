import { err, ok, type Result } from '@payterm/kernel';
import type { Iso8583Message } from '@payterm/iso8583';
import { ProtocolError, protocolError } from '../errors.js';
import { parseBalance } from './balance-field.js';
import { requestMti } from './encode-request.js';
import { parseField59 } from './field-59.js';
import { DIGITS_4, DIGITS_6, FieldReader } from './field-reader.js';
import { processingRequirement } from './header.js';
import type { PosRequest } from './pos-request.js';
import type { PosResponse, PosResponseCommon } from './pos-response.js';
import { parseSettlementTotals } from './settlement-totals.js';
import { readParameterPage } from './parameter-page-bytes.js';
import { responseMti } from './transaction-table.js';

/**
 * Reads the answer to `request` (terminal side). The MTI must be the request's + 10, 41 must match the
 * request when present, and so must 11 except in management answers; the TPDU is not checked (reference §1.2).
 */
export function decodePosResponse(
  request: PosRequest,
  message: Iso8583Message,
): Result<PosResponse, ProtocolError> {
  try {
    return ok(decodeOrThrow(request, message));
  } catch (error) {
    if (error instanceof ProtocolError) return err(error);
    throw error;
  }
}

const MANAGEMENT_KINDS: ReadonlySet<PosRequest['kind']> = new Set([
  'sign-in',
  'sign-off',
  'echo',
  'parameter-download',
  'parameters-applied',
  'status-upload',
  'software-chunk',
]);

function mismatch(what: string, field: string): ProtocolError {
  return protocolError(
    'PROTOCOL_RESPONSE_MISMATCH',
    `the response ${what} does not match the request`,
    field,
  );
}

function readCommon(reader: FieldReader): PosResponseCommon {
  const header = reader.message.headers?.['header'];
  const digit = header === undefined ? undefined : processingRequirement(header);
  const field60 = reader.optText(60);
  const batch = field60 !== undefined && /^\d{8}/.test(field60) ? field60.slice(2, 8) : undefined;
  const values = {
    processingRequirement: digit,
    rrn: reader.optMatching(37, /^.{12}$/s, '12 characters'),
    authCode: reader.optMatching(38, /^.{6}$/s, '6 characters'),
    localTime: reader.optMatching(12, DIGITS_6, '6 digits'),
    localDate: reader.optMatching(13, DIGITS_4, '4 digits'),
    settlementDate: reader.optMatching(15, DIGITS_4, '4 digits'),
    acquirerId: reader.optText(32),
    batch,
    icc: reader.optBytes(55),
  };
  const common: Record<string, unknown> = {
    responseCode: reader.matching(39, /^.{2}$/s, '2 characters', 'response code'),
  };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) common[key] = value;
  return common as unknown as PosResponseCommon;
}

function decodeOrThrow(request: PosRequest, message: Iso8583Message): PosResponse {
  const expected = responseMti(requestMti(request));
  if (message.mti !== expected) throw mismatch(`MTI ${String(message.mti)} (expected ${expected})`, 'mti');
  const reader = new FieldReader(message, `a ${request.kind} response`);
  const stan = reader.optText(11);
  // Management answers may carry the host's own trace number (the TV1 sign-in response does).
  const stanMustMatch = !MANAGEMENT_KINDS.has(request.kind) && request.stan !== undefined;
  if (stanMustMatch && stan !== undefined && stan !== request.stan) throw mismatch('STAN', '11');
  const tid = reader.optText(41);
  if (tid !== undefined && tid !== request.tid) throw mismatch('terminal ID', '41');
  const common = readCommon(reader);
  switch (request.kind) {
    case 'sign-in': {
      const workingKeys = reader.optBytes(62);
      return { kind: request.kind, ...common, ...(workingKeys === undefined ? {} : { workingKeys }) };
    }
    case 'parameter-download': {
      const bytes = reader.optBytes(62);
      return {
        kind: request.kind,
        ...common,
        ...(bytes === undefined ? {} : { page: readParameterPage(bytes) }),
      };
    }
    case 'software-chunk': {
      const chunk = reader.optBytes(62);
      return { kind: request.kind, ...common, ...(chunk === undefined ? {} : { chunk }) };
    }
    case 'balance': {
      const text = reader.optText(54);
      return {
        kind: request.kind,
        ...common,
        ...(text === undefined ? {} : { balance: parseBalance(text) }),
      };
    }
    case 'settlement': {
      const text = reader.optText(48);
      return {
        kind: request.kind,
        ...common,
        ...(text === undefined ? {} : { totals: parseSettlementTotals(text) }),
      };
    }
    case 'qr-order': {
      const payload = reader.optBytes(62);
      return {
        kind: request.kind,
        ...common,
        ...(payload === undefined ? {} : { mpmPayload: new TextDecoder().decode(payload) }),
      };
    }
    case 'qr-customer-sale':
    case 'qr-order-status':
    case 'qr-void':
    case 'qr-refund': {
      const text = reader.optText(59);
      const voucher = text === undefined ? undefined : parseField59(text).get('A4');
      return { kind: request.kind, ...common, ...(voucher === undefined ? {} : { voucher }) };
    }
    default:
      return { kind: request.kind, ...common };
  }
}

import { err, ok, type Result } from '@payterm/kernel';
import type { Iso8583Message } from '@payterm/iso8583';
import { ProtocolError, protocolError } from '../errors.js';
import { parseMagstripeUpload, parseUploadCount } from './batch-upload-entries.js';
import { parseField59 } from './field-59.js';
import { parseField60, type Field60 } from './field-60.js';
import { FieldReader } from './field-reader.js';
import type {
  BalanceRequest,
  BatchUploadRequest,
  PosEnvelope,
  PreauthCancelRequest,
  PreauthCompletionRequest,
  PreauthCompletionVoidRequest,
  PreauthRequest,
  QrCustomerSaleRequest,
  QrOrderCloseRequest,
  QrOrderRequest,
  QrOrderStatusRequest,
  QrRefundRequest,
  QrVoidRequest,
  RefundRequest,
  SaleRequest,
  VoidRequest,
  PosRequest,
  ReversibleKind,
  SignInKeyLayout,
} from './pos-request.js';
import { REVERSIBLE_KINDS } from './pos-request.js';
import { decodeTmsRequest, tmsKindOf } from './tms-requests.js';
import {
  readAmount,
  readAuthCode,
  readCard,
  readCurrency,
  readEnvelope,
  readOriginal,
  readRequestEnvelope,
  readRrn,
  type Mutable,
} from './read-parts.js';
import { parseSettlementTotals } from './settlement-totals.js';
import {
  classifyFinancial,
  FINANCIAL_SHAPES,
  MANAGEMENT_CODES,
  type FinancialKind,
} from './transaction-table.js';

/**
 * Classifies a received request by MTI, processing code, 60.1 and 60.3 (and 59 for QR) and reads its
 * fields. Missing mandatory fields fail with responseCode `30` naming the field; a combination the
 * dialect does not know fails with `40`; an MTI that is no request with `12`. Optional fields a
 * UnionPay terminal may add (reference §3.2) are read when the type has room for them, ignored otherwise.
 */
export function decodePosRequest(message: Iso8583Message): Result<PosRequest, ProtocolError> {
  try {
    return ok(decodeOrThrow(message));
  } catch (error) {
    if (error instanceof ProtocolError) return err(error);
    throw error;
  }
}

function decodeOrThrow(message: Iso8583Message): PosRequest {
  const mti = message.mti;
  switch (mti) {
    case '0800':
    case '0820':
      return decodeNetworkManagement(message);
    case '0500':
      return decodeSettlement(message);
    case '0320':
      return decodeBatchUpload(message);
    case '0400':
      return decodeReversal(message);
    case '0100':
    case '0200':
    case '0220':
      return decodeFinancial(message);
    default:
      throw protocolError(
        'PROTOCOL_INVALID_MTI',
        `MTI ${String(mti)} is not a request of the dialect`,
        'mti',
      );
  }
}

function field60Of(reader: FieldReader, networkCodeRequired: boolean): Field60 {
  return parseField60(reader.text(60, 'message type and batch'), networkCodeRequired);
}

function unsupported(what: string): ProtocolError {
  return protocolError(
    'PROTOCOL_UNSUPPORTED_TRANSACTION',
    `${what} is not a transaction of the dialect`,
    '60.3',
  );
}

function decodeNetworkManagement(message: Iso8583Message): PosRequest {
  const reader = new FieldReader(message, `a ${message.mti} message`);
  const field60 = field60Of(reader, true);
  const code = field60.networkCode ?? '';
  if (message.mti === '0800' && (MANAGEMENT_CODES.signIn as readonly string[]).includes(code)) {
    const signIn = new FieldReader(message, 'a sign-in');
    const terminalInfo = signIn.optBytes(62);
    return {
      kind: 'sign-in',
      ...readEnvelope(signIn, field60),
      keyLayout: code as SignInKeyLayout,
      operator: signIn.text(63, 'operator code'),
      ...(terminalInfo === undefined ? {} : { terminalInfo }),
    };
  }
  const tmsKind = tmsKindOf(message.mti, code);
  if (tmsKind !== undefined) {
    return decodeTmsRequest(tmsKind, new FieldReader(message, `a ${tmsKind}`), field60);
  }
  if (message.mti === '0820' && code === MANAGEMENT_CODES.signOff) {
    return { kind: 'sign-off', ...readEnvelope(new FieldReader(message, 'a sign-off'), field60) };
  }
  if (message.mti === '0820' && code === MANAGEMENT_CODES.echo) {
    return { kind: 'echo', ...readEnvelope(new FieldReader(message, 'an echo test'), field60, true) };
  }
  throw unsupported(`${message.mti} with 60.3 ${code}`);
}

function decodeSettlement(message: Iso8583Message): PosRequest {
  const reader = new FieldReader(message, 'a settlement');
  const field60 = field60Of(reader, true);
  if (field60.networkCode !== MANAGEMENT_CODES.settlement)
    throw unsupported(`0500 with 60.3 ${field60.networkCode}`);
  return {
    kind: 'settlement',
    ...readEnvelope(reader, field60),
    totals: parseSettlementTotals(reader.text(48, 'settlement totals')),
    currency: readCurrency(reader),
    operator: reader.text(63, 'operator code'),
  };
}

function decodeBatchUpload(message: Iso8583Message): BatchUploadRequest {
  const reader = new FieldReader(message, 'a batch upload');
  const field60 = field60Of(reader, true);
  const envelope = readEnvelope(reader, field60);
  const code = field60.networkCode;
  if (code === MANAGEMENT_CODES.uploadMagstripe) {
    const entries = parseMagstripeUpload(reader.text(48, 'upload records'));
    return { kind: 'batch-upload', ...envelope, upload: { type: 'magstripe', entries } };
  }
  if (code === MANAGEMENT_CODES.uploadIcBalanced || code === MANAGEMENT_CODES.uploadIcUnbalanced) {
    const data = reader.optBytes(62);
    const card = readCard(reader, true);
    reader.bytes(55, 'IC card data');
    return {
      kind: 'batch-upload',
      ...envelope,
      upload: {
        type: 'ic',
        balanced: code === MANAGEMENT_CODES.uploadIcBalanced,
        card,
        amount: readAmount(reader),
        ...(data === undefined ? {} : { data }),
      },
    };
  }
  if (code === MANAGEMENT_CODES.uploadEndBalanced || code === MANAGEMENT_CODES.uploadEndUnbalanced) {
    const count = parseUploadCount(reader.text(48, 'uploaded count'));
    return {
      kind: 'batch-upload',
      ...envelope,
      upload: { type: 'end', balanced: code === MANAGEMENT_CODES.uploadEndBalanced, count },
    };
  }
  throw unsupported(`0320 with 60.3 ${code}`);
}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

/**
 * The field 59 objects. A 59 that is not n3-length TLV (some terminals send their `A2` device block
 * with n2 lengths) is ignored unless it starts like the QR tag a transaction needs.
 */
function qrTagsOf(reader: FieldReader): ReadonlyMap<string, string> {
  const text = reader.optText(59);
  if (text === undefined) return NO_TAGS;
  try {
    return parseField59(text);
  } catch (error) {
    if (text.startsWith('A3') || text.startsWith('A4')) throw error;
    return new Map();
  }
}

function qrValue(tags: ReadonlyMap<string, string>, tag: 'A3' | 'A4', what: string): string {
  const value = tags.get(tag);
  if (value === undefined || value.length === 0) {
    throw protocolError('PROTOCOL_MISSING_FIELD', `${what} needs field 59 tag ${tag}`, `59.${tag}`);
  }
  return value;
}

function typeCodeAndProcessing(reader: FieldReader): { field60: Field60; processingCode: string } {
  const processingCode = reader.matching(3, /^\d{6}$/, '6 digits', 'processing code');
  return { field60: field60Of(reader, false), processingCode };
}

function decodeFinancial(message: Iso8583Message): PosRequest {
  const probe = new FieldReader(message, `a ${message.mti} request`);
  const { field60, processingCode } = typeCodeAndProcessing(probe);
  const tags = qrTagsOf(probe);
  const kind = classifyFinancial(message.mti, processingCode, field60.typeCode, tags);
  if (kind === undefined) {
    throw protocolError(
      'PROTOCOL_UNSUPPORTED_TRANSACTION',
      `${message.mti} with processing code ${processingCode} and 60.1 ${field60.typeCode} is not a transaction of the dialect`,
      '60.1',
    );
  }
  return decodeFinancialKind(kind, new FieldReader(message, `a ${kind}`), field60, tags);
}

function decodeFinancialKind(
  kind: FinancialKind,
  reader: FieldReader,
  field60: Field60,
  tags: ReadonlyMap<string, string>,
): PosRequest {
  const envelope = readRequestEnvelope(kind, reader, field60);
  switch (kind) {
    case 'balance': {
      const request = envelope as Mutable<BalanceRequest>;
      request.card = readCard(reader, true);
      request.currency = readCurrency(reader);
      return request;
    }
    case 'sale':
    case 'preauth': {
      const request = envelope as Mutable<SaleRequest | PreauthRequest>;
      request.card = readCard(reader, true);
      request.amount = readAmount(reader);
      return request;
    }
    case 'void':
    case 'preauth-completion-void':
    case 'refund':
    case 'preauth-cancel':
    case 'preauth-completion':
      return decodeWithOriginal(kind, envelope, reader);
    case 'qr-customer-sale': {
      const request = envelope as Mutable<QrCustomerSaleRequest>;
      request.amount = readAmount(reader);
      request.qrCode = qrValue(tags, 'A3', 'a QR sale');
      return request;
    }
    case 'qr-order': {
      const request = envelope as Mutable<QrOrderRequest>;
      request.amount = readAmount(reader);
      return request;
    }
    case 'qr-order-status':
    case 'qr-order-close': {
      const request = envelope as Mutable<QrOrderStatusRequest | QrOrderCloseRequest>;
      request.orderRrn = readRrn(reader, 'order RRN');
      return request;
    }
    case 'qr-void':
    case 'qr-refund': {
      const original = readOriginal(reader, false);
      const request = envelope as Mutable<QrVoidRequest | QrRefundRequest>;
      request.amount = readAmount(reader);
      request.voucher = qrValue(tags, 'A4', `a ${kind}`);
      if (original !== undefined) request.original = original;
      return request;
    }
  }
}

type WithOriginalKind =
  'void' | 'preauth-completion-void' | 'refund' | 'preauth-cancel' | 'preauth-completion';

type WithOriginalRequest =
  | VoidRequest
  | PreauthCompletionVoidRequest
  | RefundRequest
  | PreauthCancelRequest
  | PreauthCompletionRequest;

/**
 * Transactions that refer to an original: 37, 38 and 61 (reference §3.1 "key extra request fields").
 * The fields each kind requires are read with required = true, so they are set whenever it returns.
 */
function decodeWithOriginal(
  kind: WithOriginalKind,
  envelope: Mutable<PosEnvelope> & { kind: FinancialKind },
  reader: FieldReader,
): PosRequest {
  const authCode = readAuthCode(
    reader,
    kind === 'preauth-cancel' || kind === 'preauth-completion',
    'original auth code',
  );
  const rrnRequired = kind === 'void' || kind === 'preauth-completion-void' || kind === 'refund';
  const rrn = rrnRequired || reader.has(37) ? readRrn(reader, 'original RRN') : undefined;
  const original = readOriginal(reader, kind !== 'preauth-cancel');
  const request = envelope as Mutable<WithOriginalRequest>;
  request.card = readCard(reader, kind === 'preauth-completion');
  request.amount = readAmount(reader);
  if (rrn !== undefined) request.originalRrn = rrn;
  if (authCode !== undefined) request.originalAuthCode = authCode;
  if (original !== undefined) request.original = original;
  if (kind === 'refund') {
    const cardOrganisation = reader.optText(63);
    if (cardOrganisation !== undefined)
      (request as Mutable<RefundRequest>).cardOrganisation = cardOrganisation;
  }
  return request;
}

function classifyReversed(processingCode: string, typeCode: string, tags: ReadonlyMap<string, string>) {
  const matches = REVERSIBLE_KINDS.filter((kind) => {
    const shape = FINANCIAL_SHAPES[kind];
    return shape.processingCode.slice(0, 2) === processingCode.slice(0, 2) && shape.typeCode === typeCode;
  });
  return (
    matches.find((kind) => {
      const tag = FINANCIAL_SHAPES[kind].qrTag;
      return tag !== undefined && tags.has(tag);
    }) ?? matches.find((kind) => FINANCIAL_SHAPES[kind].qrTag === undefined)
  );
}

function decodeReversal(message: Iso8583Message): PosRequest {
  const reader = new FieldReader(message, 'a reversal');
  const { field60, processingCode } = typeCodeAndProcessing(reader);
  const tags = qrTagsOf(reader);
  const reversedKind: ReversibleKind | undefined = classifyReversed(processingCode, field60.typeCode, tags);
  if (reversedKind === undefined) {
    throw protocolError(
      'PROTOCOL_UNSUPPORTED_TRANSACTION',
      `a reversal of processing code ${processingCode} and 60.1 ${field60.typeCode} is not a transaction of the dialect`,
      '60.1',
    );
  }
  const envelope = readEnvelope(reader, field60);
  const reason = reader.matching(39, /^.{2}$/s, '2 characters', 'reversal reason');
  const isQr = FINANCIAL_SHAPES[reversedKind].qrTag !== undefined;
  // A QR reversal carries no card: its 22 (`032` for a QR sale) follows from the reversed kind.
  const card = isQr ? undefined : readCard(reader, false);
  const authCode = readAuthCode(reader, false, 'auth code');
  const original = readOriginal(reader, false);
  const qrCode = tags.get('A3');
  const voucher = tags.get('A4');
  return {
    kind: 'reversal',
    ...envelope,
    reversedKind,
    reason,
    ...(card === undefined ? {} : { card }),
    amount: readAmount(reader),
    ...(authCode === undefined ? {} : { authCode }),
    ...(original === undefined ? {} : { original }),
    ...(qrCode === undefined ? {} : { qrCode }),
    ...(voucher === undefined ? {} : { voucher }),
  };
}

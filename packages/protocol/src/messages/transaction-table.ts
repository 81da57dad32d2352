import type { ManagementKind, PosRequestKind } from './pos-request.js';

/** How a financial transaction is told apart on the wire (pos-dialect "Transactions" table). */
export interface FinancialShape {
  readonly mti: string;
  readonly processingCode: string;
  readonly conditionCode: string;
  /** 60.1 */
  readonly typeCode: string;
  /** The field 59 tag that tells a QR transaction from the card one with the same 3 and 60.1. */
  readonly qrTag?: 'A3' | 'A4';
}

export type FinancialKind = Exclude<PosRequestKind, ManagementKind | 'reversal'>;

export const FINANCIAL_SHAPES: Readonly<Record<FinancialKind, FinancialShape>> = {
  balance: { mti: '0200', processingCode: '310000', conditionCode: '00', typeCode: '01' },
  sale: { mti: '0200', processingCode: '000000', conditionCode: '00', typeCode: '22' },
  void: { mti: '0200', processingCode: '200000', conditionCode: '00', typeCode: '23' },
  refund: { mti: '0220', processingCode: '200000', conditionCode: '00', typeCode: '25' },
  preauth: { mti: '0100', processingCode: '030000', conditionCode: '06', typeCode: '10' },
  'preauth-cancel': { mti: '0100', processingCode: '200000', conditionCode: '06', typeCode: '11' },
  'preauth-completion': { mti: '0200', processingCode: '000000', conditionCode: '06', typeCode: '20' },
  'preauth-completion-void': { mti: '0200', processingCode: '200000', conditionCode: '06', typeCode: '21' },
  'qr-customer-sale': {
    mti: '0200',
    processingCode: '000000',
    conditionCode: '00',
    typeCode: '22',
    qrTag: 'A3',
  },
  'qr-order': { mti: '0200', processingCode: '710000', conditionCode: '00', typeCode: '60' },
  'qr-order-status': { mti: '0200', processingCode: '730000', conditionCode: '00', typeCode: '60' },
  'qr-order-close': { mti: '0200', processingCode: '720000', conditionCode: '00', typeCode: '60' },
  'qr-void': { mti: '0200', processingCode: '200000', conditionCode: '00', typeCode: '23', qrTag: 'A4' },
  'qr-refund': { mti: '0220', processingCode: '200000', conditionCode: '00', typeCode: '25', qrTag: 'A4' },
};

const FINANCIAL_KINDS = Object.keys(FINANCIAL_SHAPES) as FinancialKind[];

/** The MTI (4), transaction-type digits of the processing code (2) and 60.1 (2) side by side. */
function shapeKey(mti: string, processingCode: string, typeCode: string): string {
  return mti + processingCode.slice(0, 2) + typeCode;
}

/** The kinds of each shape key in table order: every request is classified, so no scan of the table. */
const KINDS_BY_SHAPE: ReadonlyMap<string, readonly FinancialKind[]> = (() => {
  const kinds = new Map<string, FinancialKind[]>();
  for (const kind of FINANCIAL_KINDS) {
    const shape = FINANCIAL_SHAPES[kind];
    const key = shapeKey(shape.mti, shape.processingCode, shape.typeCode);
    kinds.set(key, [...(kinds.get(key) ?? []), kind]);
  }
  return kinds;
})();

/**
 * The financial kind of a request MTI, processing code and 60.1. Only the transaction-type digits of the
 * processing code count (some acquirers send account types, `000011`); field 25 is not used to classify.
 * `qrTags`: the field 59 tags present (a set, or the map of tags to values).
 */
export function classifyFinancial(
  mti: string,
  processingCode: string,
  typeCode: string,
  qrTags: { has(tag: string): boolean },
): FinancialKind | undefined {
  // Every shape has a 4-character MTI, a 6-digit processing code and a 2-digit 60.1; other lengths
  // match none, and checking them keeps the concatenated key from matching across its parts.
  if (mti.length !== 4 || processingCode.length < 2 || typeCode.length !== 2) return undefined;
  const matches = KINDS_BY_SHAPE.get(shapeKey(mti, processingCode, typeCode));
  if (matches === undefined) return undefined;
  let plain: FinancialKind | undefined;
  for (const kind of matches) {
    const tag = FINANCIAL_SHAPES[kind].qrTag;
    if (tag === undefined) plain ??= kind;
    else if (qrTags.has(tag)) return kind;
  }
  return plain;
}

/** 60.3 network management codes of the management messages. */
export const MANAGEMENT_CODES = {
  signIn: ['001', '003', '004'],
  signOff: '002',
  echo: '301',
  parameterDownload: '360',
  parameterDownloadEnd: '361',
  statusUpload: '362',
  softwareChunk: '363',
  settlement: '201',
  uploadMagstripe: '201',
  uploadIcBalanced: '203',
  uploadIcUnbalanced: '205',
  uploadEndUnbalanced: '202',
  uploadEndBalanced: '207',
} as const;

/** The request MTI of each kind (a response's is the request's + 10). */
export function requestMtiOfKind(kind: PosRequestKind): string {
  switch (kind) {
    case 'sign-in':
    case 'parameter-download':
    case 'parameters-applied':
    case 'software-chunk':
      return '0800';
    case 'sign-off':
    case 'echo':
    case 'status-upload':
      return '0820';
    case 'settlement':
      return '0500';
    case 'batch-upload':
      return '0320';
    case 'reversal':
      return '0400';
    default:
      return FINANCIAL_SHAPES[kind].mti;
  }
}

/** The response MTI of a request MTI: 0200 → 0210. */
export function responseMti(requestMti: string): string {
  return requestMti.slice(0, 2) + String((Number(requestMti.charAt(2)) + 1) % 10) + requestMti.charAt(3);
}

import { bytesToHex, hexToBytes } from '@payterm/crypto';
import type {
  CardData,
  OriginalData,
  PosAmount,
  PosEnvelope,
  PosRequest,
  ReversalRequest,
  ReversibleKind,
} from '@payterm/protocol';
import {
  isQrType,
  type JournalRecord,
  type OriginalReference,
  type TransactionType,
} from '../journal/journal-record.js';
import { describeEntryMode } from '../cards/entry-mode.js';
import type { CardRead } from '../ports/card-reader.js';
import type { PinEntry } from '../ports/pin-pad.js';
import { qrRefundRequestOf, qrReversalOf } from './qr-requests.js';

/** Field 53 for a format-0 PIN block under a double-length PIK, clear track data (pos-dialect "PIN"). */
export const SECURITY_CONTROL_PIN = '2600000000000000';
/** Field 26: the longest PIN the pad takes. */
export const PIN_CAPTURE_CODE = '06';

/** The card fields of a card-present request: 2, 14, 22, 23, 35 (swipe/chip), 55, and 26/52/53 with a PIN. */
export function cardDataOf(
  card: CardRead,
  pin: PinEntry | undefined,
  options: { track2: boolean },
): CardData {
  const pinBlock = pin?.kind === 'pin' ? pin.pinBlock : undefined;
  return {
    pan: card.pan,
    expiry: card.expiry,
    entryMode: describeEntryMode(card.entry, pinBlock !== undefined),
    ...(card.cardSequence === undefined ? {} : { cardSequence: card.cardSequence }),
    ...(options.track2 && card.track2 !== undefined ? { track2: card.track2 } : {}),
    ...(card.icc === undefined ? {} : { icc: card.icc }),
    ...(pinBlock === undefined
      ? {}
      : { pinCaptureCode: PIN_CAPTURE_CODE, pinBlock, securityControl: SECURITY_CONTROL_PIN }),
  };
}

const REVERSIBLE: ReadonlySet<TransactionType> = new Set<TransactionType>([
  'sale',
  'void',
  'preauth',
  'preauth-cancel',
  'preauth-completion',
  'preauth-completion-void',
  'qr-sale',
  'qr-void',
]);

export function isReversible(type: TransactionType): boolean {
  return REVERSIBLE.has(type);
}

/** The message kind a reversible record's 0400 names (a QR sale is the customer-presented one). */
function reversedKindOf(type: TransactionType): ReversibleKind {
  if (!isReversible(type)) throw new Error(`a ${type} is never reversed`);
  return type === 'qr-sale' ? 'qr-customer-sale' : (type as ReversibleKind);
}

/** Whether an unanswered record is repeated (same STAN and content), not reversed. */
export function isRepeated(type: TransactionType): boolean {
  return type === 'refund' || type === 'qr-refund';
}

/**
 * The 0400 for a journal record (reference §7.1): its STAN, batch, amount, card without PIN or track
 * data (2 always), 55 when sent, 38 when the original was answered, 61 for voids and completions.
 */
export function reversalOf(
  record: JournalRecord,
  envelope: Omit<PosEnvelope, 'stan' | 'batch'>,
  pan: string,
): ReversalRequest {
  const reversedKind = reversedKindOf(record.type);
  if (isQrType(record.type)) return qrReversalOf(record, envelope, pan);
  const card: CardData = {
    pan,
    expiry: record.expiry,
    entryMode: record.entryMode,
    ...(record.cardSequence === undefined ? {} : { cardSequence: record.cardSequence }),
    ...(record.securityControl === undefined ? {} : { securityControl: record.securityControl }),
    ...(record.iccHex === undefined ? {} : { icc: hexToBytes(record.iccHex) }),
  };
  return {
    ...envelope,
    kind: 'reversal',
    stan: record.stan,
    batch: record.batch,
    reversedKind,
    reason: record.recovery?.reason ?? '98',
    amount: record.amount,
    card,
    ...(record.authCode === undefined ? {} : { authCode: record.authCode }),
    ...(record.original === undefined || record.type === 'sale' || record.type === 'preauth'
      ? {}
      : { original: originalData(record.original) }),
  };
}

/** The refund request; built the same way first and on every repeat, so the bytes match. */
export function refundRequest(
  envelope: PosEnvelope,
  card: { readonly pan: string; readonly expiry: string; readonly entryMode: string },
  amount: PosAmount,
  original: OriginalReference,
): PosRequest {
  if (original.rrn === undefined) throw new Error('a refund names its original by RRN');
  return {
    ...envelope,
    kind: 'refund',
    card: { pan: card.pan, expiry: card.expiry, entryMode: card.entryMode },
    amount,
    originalRrn: original.rrn,
    ...(original.authCode === undefined ? {} : { originalAuthCode: original.authCode }),
    original: originalData(original),
    ...(card.pan.startsWith('62') ? { cardOrganisation: 'CUP' } : {}),
  };
}

/**
 * The refund request of a record, identical each time it is built: a refund is not reversible, so an
 * unanswered one is repeated with the same STAN and content and the host answers it once.
 */
export function refundRequestOf(
  record: JournalRecord,
  envelope: Omit<PosEnvelope, 'stan' | 'batch'>,
  pan: string,
): PosRequest {
  if (!isRepeated(record.type) || record.original === undefined) throw new Error('not a refund record');
  if (record.type === 'qr-refund') return qrRefundRequestOf(record, envelope);
  return refundRequest(
    { ...envelope, stan: record.stan, batch: record.batch },
    { pan, expiry: record.expiry, entryMode: record.entryMode },
    record.amount,
    record.original,
  );
}

/** Field 61 of a record's original: batch, STAN and date only. */
export function originalData(original: OriginalData): OriginalData {
  return {
    batch: original.batch,
    stan: original.stan,
    ...(original.date === undefined ? {} : { date: original.date }),
  };
}

export function iccHexOf(card: CardData): string | undefined {
  return card.icc === undefined ? undefined : bytesToHex(card.icc);
}

import type { PosResponse } from '@payterm/protocol';
import { hostDateOf } from '../engine/host-ids.js';
import { compactStoredResponse } from '../engine/stored-response.js';
import type { CardFlowContext } from './card-flow-context.js';
import type { JournalledFlowContext } from './flow-context.js';

/** Status a transaction is stored with, from its response code. */
export function statusOf(responseCode: string): 'approved' | 'declined' {
  return responseCode === '00' ? 'approved' : 'declined';
}

/**
 * Adds the transaction row of this request to the flow's changes, and the same outcome to its journal
 * entry: approved or declined, with the response kept for an exact retransmission. Never the PIN block,
 * the track data or the ICC data; the PAN only encrypted, masked and hashed.
 */
export function recordTransaction(
  context: JournalledFlowContext,
  response: PosResponse,
  options: { readonly amountMinor?: number; readonly currency?: string; readonly status?: string } = {},
): void {
  const { request, message, entry, terminal, receivedAt } = context;
  // Card flows add these to the context; reversals and QR requests do not have them.
  const card = context as Partial<Pick<CardFlowContext, 'protectedPan' | 'declineRule'>>;
  const cardData = 'card' in request ? request.card : undefined;
  const status = options.status ?? statusOf(response.responseCode);
  const responseJson = compactStoredResponse(response, receivedAt);
  entry.status = status;
  entry.responseCode = response.responseCode;
  entry.responseJson = responseJson;
  entry.rrn = response.rrn ?? entry.rrn;
  entry.authCode = response.authCode ?? entry.authCode;
  const protectedPan = card.protectedPan;
  context.changes.insertTransaction({
    id: entry.transactionId,
    tid: terminal.tid,
    mid: terminal.mid,
    batchNo: request.batch,
    stan: entry.stan,
    kind: entry.kind,
    mti: message.mti,
    processingCode: typeof message.fields[3] === 'string' ? message.fields[3] : '',
    amountMinor: options.amountMinor ?? entry.amountMinor,
    currency: options.currency ?? entry.currency,
    panEncrypted: protectedPan?.panEncrypted ?? null,
    panMasked: protectedPan?.panMasked ?? null,
    panHash: protectedPan?.panHash ?? entry.panHash,
    cardScope: entry.cardScope,
    entryMode: cardData?.entryMode ?? null,
    rrn: entry.rrn,
    authCode: entry.authCode,
    responseCode: response.responseCode,
    status,
    originalId: entry.originalId,
    refundedMinor: 0,
    requestDigest: entry.digest,
    responseJson,
    localDate: request.localDate ?? null,
    localTime: request.localTime ?? null,
    hostDate: hostDateOf(receivedAt),
    declineRule: card.declineRule ?? null,
    createdAt: receivedAt,
  });
}

import type {
  PreauthCancelRequest,
  PreauthCompletionRequest,
  PreauthCompletionVoidRequest,
  VoidRequest,
} from '@payterm/protocol';
import { NO_JOIN, type Participant } from '../pipeline/participant.js';
import type { CardFlowContext } from './card-flow-context.js';
import { cardChecks, decline, issuerStep, panProtection, pinTranslation } from './card-participants.js';
import type { FlowResult } from './flow-context.js';
import { findOriginalBy61 } from './original-lookup.js';
import { alphaCurrency, runCardFlow } from './run-card-flow.js';

type OriginalRequest =
  VoidRequest | PreauthCompletionVoidRequest | PreauthCancelRequest | PreauthCompletionRequest;

interface OriginalRule {
  /** Kinds the original may be. */
  readonly kinds: readonly string[];
  /** Voids: the original must be in the open batch. */
  readonly sameBatch: boolean;
  /** Voids and cancels: the amount must be the original's. */
  readonly fullAmount: boolean;
}

/**
 * Finds the original through field 61 and checks it may be voided, cancelled or completed:
 * another batch → `12`, not found or another RRN / auth code → `25`, not approved (declined, voided,
 * reversed, completed) → `12`, another card → `12`, another amount → `64`.
 */
function originalCheck(rule: OriginalRule): Participant<CardFlowContext> {
  return {
    name: 'original',
    async prepare(context) {
      const request = context.request as OriginalRequest;
      const original = request.original;
      if (original === undefined) return decline(context, '25', 'original', 'field 61 names no original');
      if (rule.sameBatch && original.batch !== context.batch.batchNo) {
        return decline(context, '12', 'original-batch', `the original is in batch ${original.batch}`);
      }
      const found = await findOriginalBy61(context, original, rule.kinds);
      if (found === undefined) return decline(context, '25', 'original', 'no such original');
      const transaction = found.transaction;
      if (
        'originalRrn' in request &&
        request.originalRrn !== undefined &&
        request.originalRrn !== transaction.rrn
      ) {
        return decline(context, '25', 'original-rrn', 'field 37 is not the original RRN');
      }
      if (
        request.kind !== 'void' &&
        request.kind !== 'preauth-completion-void' &&
        'originalAuthCode' in request
      ) {
        if (request.originalAuthCode !== undefined && request.originalAuthCode !== transaction.authCode) {
          return decline(context, '25', 'original-auth-code', 'field 38 is not the original auth code');
        }
      }
      if (transaction.status !== 'approved') {
        return decline(context, '12', 'original-state', `the original is ${transaction.status}`);
      }
      if (transaction.panHash !== null && transaction.panHash !== context.protectedPan?.panHash) {
        return decline(context, '12', 'original-card', 'another card than the original');
      }
      if (rule.fullAmount && context.amount?.amountMinor !== transaction.amountMinor) {
        return decline(context, '64', 'original-amount', 'the amount is not the original amount');
      }
      context.original = transaction;
      context.entry.originalId = transaction.transactionId;
      return NO_JOIN;
    },
  };
}

/** After an approved void, cancel or completion the original changes state — in memory and in the database. */
function markOriginal(context: CardFlowContext, status: string): void {
  const original = context.original;
  if (original === undefined) return;
  context.changes.updateTransaction(original.transactionId, { status });
  // A voided sale or cancelled pre-auth no longer counts towards velocity (as after a rebuild).
  if (status === 'voided' || status === 'cancelled')
    context.services.risk.reverseRecord(original.transactionId);
  const entry = context.batch.get(original.stan, original.kind === 'preauth' ? '010' : '020');
  if (entry !== undefined && entry.transactionId === original.transactionId) entry.status = status;
}

function originalId(context: CardFlowContext): string {
  return context.original?.transactionId ?? '';
}

const voidSale = issuerStep('issuer-void', (context) =>
  context.services.issuer.voidSale({
    movementId: context.entry.transactionId,
    originalId: originalId(context),
  }),
);

const VOID_STEPS = [
  cardChecks,
  panProtection,
  originalCheck({ kinds: ['sale'], sameBatch: true, fullAmount: true }),
  pinTranslation,
  voidSale,
];
const COMPLETION_VOID_STEPS = [
  cardChecks,
  panProtection,
  originalCheck({ kinds: ['preauth-completion'], sameBatch: true, fullAmount: true }),
  pinTranslation,
  voidSale,
];
const CANCEL_STEPS = [
  cardChecks,
  panProtection,
  originalCheck({ kinds: ['preauth'], sameBatch: false, fullAmount: true }),
  pinTranslation,
  issuerStep('issuer-cancel', (context) =>
    context.services.issuer.cancelHold({
      movementId: context.entry.transactionId,
      preauthId: originalId(context),
    }),
  ),
];
const COMPLETION_STEPS = [
  cardChecks,
  panProtection,
  originalCheck({ kinds: ['preauth'], sameBatch: false, fullAmount: false }),
  issuerStep('issuer-completion', (context) =>
    context.services.issuer.complete({
      movementId: context.entry.transactionId,
      preauthId: originalId(context),
      amountMinor: context.amount?.amountMinor ?? 0,
      currency: alphaCurrency(context.amount?.currency ?? '156'),
    }),
  ),
];

async function withOriginalMarked(
  context: CardFlowContext,
  result: FlowResult,
  status: string,
): Promise<FlowResult> {
  if (result.response.responseCode === '00') markOriginal(context, status);
  return result;
}

export async function voidFlow(context: CardFlowContext<VoidRequest>): Promise<FlowResult> {
  const result = await runCardFlow(context, VOID_STEPS, (base) => ({ kind: 'void', ...base }));
  return withOriginalMarked(context, result, 'voided');
}

export async function completionVoidFlow(
  context: CardFlowContext<PreauthCompletionVoidRequest>,
): Promise<FlowResult> {
  const result = await runCardFlow(context, COMPLETION_VOID_STEPS, (base) => ({
    kind: 'preauth-completion-void',
    ...base,
  }));
  return withOriginalMarked(context, result, 'voided');
}

export async function preauthCancelFlow(context: CardFlowContext<PreauthCancelRequest>): Promise<FlowResult> {
  const result = await runCardFlow(context, CANCEL_STEPS, (base) => ({ kind: 'preauth-cancel', ...base }));
  return withOriginalMarked(context, result, 'cancelled');
}

export async function completionFlow(
  context: CardFlowContext<PreauthCompletionRequest>,
): Promise<FlowResult> {
  const result = await runCardFlow(context, COMPLETION_STEPS, (base) => ({
    kind: 'preauth-completion',
    ...base,
  }));
  return withOriginalMarked(context, result, 'completed');
}

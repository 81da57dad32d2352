import { currencyByNumeric } from '@payterm/kernel';
import type { PosResponse } from '@payterm/protocol';
import { amountTrigger } from '../issuer/amount-trigger.js';
import type { Participant } from '../pipeline/participant.js';
import { runPipeline, type PipelineOutcome } from '../pipeline/run-pipeline.js';
import type { CardFlowContext, CardRequest } from './card-flow-context.js';
import type { FlowResult, ReplyBehaviour } from './flow-context.js';
import { hostTimeFields } from './host-time.js';
import { recordTransaction } from './transaction-record.js';

/** The fields every card response carries: code, RRN, host time, and the auth code of an approval. */
export interface CardResponseBase {
  readonly responseCode: string;
  readonly rrn: string;
  readonly localTime: string;
  readonly localDate: string;
  readonly authCode?: string;
}

/** ISO 4217 alphabetic code of a field 49 value (the issuer speaks alphabetic codes). */
export function alphaCurrency(numeric: string): string {
  return currencyByNumeric(numeric)?.alpha ?? numeric;
}

function behaviourOf(context: CardFlowContext, approved: boolean): ReplyBehaviour {
  if (!approved || context.amount === undefined) return 'normal';
  const trigger = amountTrigger(context.amount.amountMinor);
  return trigger === 'no-response' || trigger === 'late-response' || trigger === 'duplicate-response'
    ? trigger
    : 'normal';
}

/**
 * Runs a card flow's participants, answers with an RRN for approvals and declines alike, records the
 * transaction, and returns what the engine needs: the response, the undo for a failed commit (the
 * issuer movement is reversed), and the amount trigger's reply behaviour.
 */
export async function runCardFlow<R extends CardRequest>(
  context: CardFlowContext<R>,
  participants: readonly Participant<CardFlowContext>[],
  respond: (base: CardResponseBase, context: CardFlowContext<R>) => PosResponse,
): Promise<FlowResult> {
  const outcome: PipelineOutcome = await runPipeline(
    participants,
    context as CardFlowContext,
    (name, phase, error) =>
      context.services.logger.error({ participant: name, phase, err: error }, 'participant cleanup failed'),
  );
  if (!outcome.committed && outcome.error !== undefined) {
    context.services.logger.error(
      { participant: outcome.abortedBy, err: outcome.error },
      'participant failed',
    );
  }
  const approved = outcome.committed;
  const base: CardResponseBase = {
    responseCode: approved ? '00' : outcome.responseCode,
    rrn: context.services.ids.rrn(),
    ...hostTimeFields(context.receivedAt),
    ...(approved && context.decision !== undefined ? { authCode: context.decision.authCode } : {}),
  };
  const response = respond(base, context);
  recordTransaction(context, response);
  const movementId = context.entry.transactionId;
  const issuer = context.services.issuer;
  return {
    response,
    behaviour: behaviourOf(context, approved),
    ...(approved && context.decision !== undefined
      ? { onCommitFailure: async () => void (await issuer.reverse({ movementId })) }
      : {}),
  };
}

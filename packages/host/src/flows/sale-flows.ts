import type { BalanceRequest, PreauthRequest, SaleRequest } from '@payterm/protocol';
import type { EntryMode } from '../issuer/issuer-port.js';
import type { CardFlowContext } from './card-flow-context.js';
import { cardChecks, issuerStep, panProtection, pinTranslation } from './card-participants.js';
import type { FlowResult } from './flow-context.js';
import { riskCheck } from './risk-participant.js';
import { alphaCurrency, runCardFlow } from './run-card-flow.js';

/** Field 22's first two digits → how the card was read. */
export function entryModeOf(posEntryMode: string): EntryMode {
  const mode = posEntryMode.slice(0, 2);
  if (mode === '05') return 'chip';
  if (mode === '07' || mode === '98') return 'contactless';
  if (mode === '02' || mode === '90') return 'magstripe';
  if (mode === '80') return 'fallback';
  return 'manual';
}

function authorization(type: 'sale' | 'preauth' | 'balance-inquiry') {
  return issuerStep(`issuer-${type}`, (context: CardFlowContext) => {
    const { request } = context;
    const amount = context.amount ?? { amountMinor: 0, currency: '156' };
    const expiry = request.card.expiry;
    return context.services.issuer.authorize({
      type,
      movementId: context.entry.transactionId,
      pan: context.pan ?? '',
      ...(context.protectedPan === undefined ? {} : { panHash: context.protectedPan.panHash }),
      ...(expiry === undefined ? {} : { expiry }),
      amountMinor: amount.amountMinor,
      currency: alphaCurrency(amount.currency),
      entryMode: entryModeOf(request.card.entryMode),
      ...(context.pinBlock === undefined ? {} : { pinBlock: context.pinBlock }),
    });
  });
}

const SALE_STEPS = [cardChecks, panProtection, riskCheck, pinTranslation, authorization('sale')];
const PREAUTH_STEPS = [cardChecks, panProtection, riskCheck, pinTranslation, authorization('preauth')];
const BALANCE_STEPS = [cardChecks, panProtection, pinTranslation, authorization('balance-inquiry')];

export function saleFlow(context: CardFlowContext<SaleRequest>): Promise<FlowResult> {
  return runCardFlow(context, SALE_STEPS, (base) => ({ kind: 'sale', ...base }));
}

export function preauthFlow(context: CardFlowContext<PreauthRequest>): Promise<FlowResult> {
  return runCardFlow(context, PREAUTH_STEPS, (base) => ({ kind: 'preauth', ...base }));
}

const MAX_BALANCE_FIELD_MINOR = 999_999_999_999;

/** Balance in field 54: account type `10` (savings) / `30` (credit), amount type `02` available. */
export function balanceFlow(context: CardFlowContext<BalanceRequest>): Promise<FlowResult> {
  return runCardFlow(context, BALANCE_STEPS, (base, flow) => {
    const decision = flow.decision;
    if (base.responseCode !== '00' || decision === undefined) return { kind: 'balance', ...base };
    return {
      kind: 'balance',
      ...base,
      balance: {
        accountType: '10',
        amountType: '02',
        currency: flow.request.currency,
        // Field 54 carries n12: a larger balance (the load-test card's 10^12) shows as the n12 maximum.
        amountMinor: Math.min(decision.balanceMinor, MAX_BALANCE_FIELD_MINOR),
      },
    };
  });
}

import { PREPARED, type Participant } from '../pipeline/participant.js';
import { decline } from './card-participants.js';
import type { CardFlowContext } from './card-flow-context.js';
import { alphaCurrency } from './run-card-flow.js';

/**
 * Risk rules before the issuer (issue 4 §5): the merchant's single-transaction limit from its record
 * (`61`), then the RiskEngine's blocked BINs, configured limits and per-card velocity. The rule that
 * fired is recorded with the decline. An approval is counted towards the card's velocity at commit;
 * a reversal or void uncounts it.
 */
export const riskCheck: Participant<CardFlowContext> = {
  name: 'risk',
  prepare(context) {
    const { amount, pan, protectedPan, merchant, services } = context;
    if (amount === undefined || pan === undefined || protectedPan === undefined) return PREPARED;
    if (
      merchant.singleTransactionLimitMinor > 0 &&
      amount.amountMinor > merchant.singleTransactionLimitMinor
    ) {
      return decline(context, '61', 'merchant-limit', 'over the merchant single-transaction limit');
    }
    const decision = services.risk.evaluate({
      pan,
      panHash: protectedPan.panHash,
      merchantId: merchant.mid,
      amountMinor: amount.amountMinor,
      currency: alphaCurrency(amount.currency),
    });
    if (!decision.allowed) {
      return decline(context, decision.responseCode, decision.rule, `risk rule ${decision.rule}`);
    }
    return PREPARED;
  },
  commit(context) {
    const { amount, protectedPan, services } = context;
    if (amount === undefined || protectedPan === undefined) return;
    services.risk.record({
      id: context.entry.transactionId,
      panHash: protectedPan.panHash,
      amountMinor: amount.amountMinor,
      currency: alphaCurrency(amount.currency),
      atMs: context.receivedAt,
    });
  },
};

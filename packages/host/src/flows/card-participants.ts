import { CryptoError } from '@payterm/crypto';
import { isLuhnValid } from '@payterm/kernel';
import type { CardData } from '@payterm/protocol';
import { businessMonthYymm } from '../issuer/business-day.js';
import type { IssuerDecision } from '../issuer/issuer-port.js';
import { abortWith, NO_JOIN, PREPARED, type Participant, type Vote } from '../pipeline/participant.js';
import type { CardFlowContext } from './card-flow-context.js';

/** PAN and expiry as the card gave them: field 2 / 14, else track 2 (`PAN=YYMM…`) when it is in clear. */
export function cardPan(card: CardData): string | undefined {
  return card.pan ?? clearTrack2(card)?.split(/[=D]/)[0];
}

function cardExpiry(card: CardData): string | undefined {
  if (card.expiry !== undefined) return card.expiry;
  const afterSeparator = clearTrack2(card)?.split(/[=D]/)[1];
  return afterSeparator !== undefined && afterSeparator.length >= 4 ? afterSeparator.slice(0, 4) : undefined;
}

/** Track 2 unless 53 says it is encrypted under the TDK (third digit `1`). */
function clearTrack2(card: CardData): string | undefined {
  return card.securityControl?.[2] === '1' ? undefined : card.track2;
}

/** Aborts the flow with `responseCode`, naming the rule in `declineRule` so the stored decline says which fired. */
export function decline(context: CardFlowContext, responseCode: string, rule: string, reason: string): Vote {
  context.declineRule = rule;
  return abortWith(responseCode, reason);
}

/** The card number (Luhn → 14 without contacting the issuer), the expiry (→ 54) and the amount (zero → 13). */
export const cardChecks: Participant<CardFlowContext> = {
  name: 'card-checks',
  prepare(context) {
    const pan = cardPan(context.request.card);
    if (pan === undefined || !/^\d{12,19}$/.test(pan)) {
      return decline(context, '14', 'card-number', 'no valid card number in 2 or 35');
    }
    if (!isLuhnValid(pan))
      return decline(context, '14', 'card-number', 'the card number fails the Luhn check');
    context.pan = pan;
    const expiry = cardExpiry(context.request.card);
    const thisMonth = businessMonthYymm(context.receivedAt);
    if (expiry !== undefined && /^\d{4}$/.test(expiry) && expiry < thisMonth) {
      return decline(context, '54', 'expired-card', `the card expired ${expiry}`);
    }
    const amount = context.amount;
    if (amount !== undefined && amount.amountMinor <= 0 && context.request.kind !== 'balance') {
      return decline(context, '13', 'amount', 'the amount is zero');
    }
    return NO_JOIN;
  },
};

/** Encrypts, masks and hashes the PAN through the HSM; the domestic / foreign half by BIN (62… UnionPay). */
export const panProtection: Participant<CardFlowContext> = {
  name: 'pan-protection',
  async prepare(context) {
    const pan = context.pan;
    if (pan === undefined) return abortWith('96', 'pan-protection ran before card-checks');
    const protectedPan = await context.services.pans.protect(pan);
    context.protectedPan = protectedPan;
    context.entry.panHash = protectedPan.panHash;
    context.entry.cardScope = pan.startsWith('62') ? 'domestic' : 'foreign';
    return NO_JOIN;
  },
};

/** The customer's PIN block, translated from the terminal's PIK to the issuer's zone key inside the HSM. */
export const pinTranslation: Participant<CardFlowContext> = {
  name: 'pin-translation',
  async prepare(context) {
    const block = context.request.card.pinBlock;
    if (block === undefined) return NO_JOIN;
    const { terminal, services } = context;
    if (terminal.pikKeyId === null || context.pan === undefined) {
      return decline(context, '99', 'pin-key', 'no PIN key: sign in first');
    }
    try {
      const translated = await services.security.translatePin(
        terminal.pikKeyId,
        block,
        context.pan,
        services.issuerZpk,
      );
      context.pinBlock = { block: translated, format: 0 };
    } catch (error) {
      if (error instanceof CryptoError && error.code === 'CRYPTO_PIN_BLOCK_INVALID') {
        return decline(context, '99', 'pin-block', 'the PIN block does not decrypt under the PIK');
      }
      throw error;
    }
    return NO_JOIN;
  },
};

/**
 * Calls the issuer; an approval joins the transaction so that a later failure (a commit that does not
 * land) undoes exactly this money movement.
 */
export function issuerStep(
  name: string,
  call: (context: CardFlowContext) => Promise<IssuerDecision>,
): Participant<CardFlowContext> {
  return {
    name,
    async prepare(context) {
      const decision = await call(context);
      if (!decision.approved)
        return decline(context, decision.responseCode, `issuer:${decision.reason}`, decision.reason);
      context.decision = decision;
      context.entry.authCode = decision.authCode;
      return PREPARED;
    },
    async abort(context) {
      await context.services.issuer.reverse({ movementId: context.entry.transactionId });
    },
  };
}

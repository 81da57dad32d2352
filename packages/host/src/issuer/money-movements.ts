/**
 * The operations that refer to an earlier movement: pre-auth completion and cancel, void, refund and
 * reversal. Each is synchronous (no HSM call), so its checks and its writes happen in one turn of the
 * event loop and cannot interleave with another request for the same account.
 */
import type { RandomSource } from '@payterm/kernel';
import { amountTrigger } from './amount-trigger.js';
import { approval, decline } from './decisions.js';
import type {
  CancelHoldRequest,
  CompleteRequest,
  Declined,
  IssuerDecision,
  RefundRequest,
  ReverseDecision,
  ReverseRequest,
  VoidRequest,
} from './issuer-port.js';
import type { IssuerHoldRecord, IssuerMovementRecord, MovementKind } from './issuer-records.js';
import type { IssuerState } from './issuer-state.js';
import { checkAmount, checkCurrency, checkId } from './request-checks.js';

export interface MovementContext {
  readonly state: IssuerState;
  readonly random: RandomSource;
  /** Completion may be up to this percentage of the hold (115). */
  readonly completionLimitPercent: number;
}

/** 96 / 91 for the issuer's amount triggers, else undefined. */
export function issuerTriggerDecline(amountMinor: number): Declined | undefined {
  const trigger = amountTrigger(amountMinor);
  if (trigger === 'issuer-malfunction') return decline('96', 'issuer-malfunction');
  if (trigger === 'issuer-unavailable') return decline('91', 'issuer-unavailable');
  return undefined;
}

/** A movement record with neutral defaults for the fields `fields` leaves out. */
export function newMovement(
  fields: Pick<IssuerMovementRecord, 'id' | 'panHash' | 'kind' | 'amountMinor' | 'currency'> &
    Partial<IssuerMovementRecord>,
): IssuerMovementRecord {
  return {
    balanceDeltaMinor: 0,
    heldDeltaMinor: 0,
    holdId: null,
    originalId: null,
    refundedMinor: 0,
    status: 'applied',
    ...fields,
  };
}

/** Records and applies a new movement; returns the approval. */
export function applyMovement(
  context: MovementContext,
  movement: IssuerMovementRecord,
  pinVerified = false,
): IssuerDecision {
  context.state.putMovement(movement);
  const account = context.state.applyDeltas(movement, 1);
  return approval(
    account,
    context.random,
    pinVerified,
    movement.kind === 'preauth' ? movement.holdId! : undefined,
  );
}

function original(
  context: MovementContext,
  id: string,
  kinds: readonly MovementKind[],
): IssuerMovementRecord | Declined {
  const movement = context.state.movement(id);
  if (movement === undefined || !kinds.includes(movement.kind)) return decline('25', 'unknown-original');
  return movement;
}

function activeHoldOf(
  context: MovementContext,
  preauthId: string,
): { preauth: IssuerMovementRecord; hold: IssuerHoldRecord } | Declined {
  const preauth = original(context, preauthId, ['preauth']);
  if ('approved' in preauth) return preauth;
  const hold = context.state.hold(preauth.holdId);
  if (hold?.status !== 'held') return decline('12', 'invalid-original-state');
  return { preauth, hold };
}

export function completePreauth(context: MovementContext, request: CompleteRequest): IssuerDecision {
  checkId(request.movementId, 'movementId');
  checkAmount(request.amountMinor, 'amountMinor');
  checkCurrency(request.currency);
  const triggered = issuerTriggerDecline(request.amountMinor);
  if (triggered !== undefined) return triggered;
  context.state.checkNewMovementId(request.movementId);
  const found = activeHoldOf(context, request.preauthId);
  if ('approved' in found) return found;
  const { preauth, hold } = found;
  if (request.currency !== preauth.currency) return decline('13', 'currency-mismatch');
  if (request.amountMinor * 100 > hold.amountMinor * context.completionLimitPercent) {
    return decline('61', 'completion-over-limit');
  }
  const account = context.state.account(hold.panHash)!;
  // The hold is taken, so the completion may use it plus whatever else is available.
  if (account.balanceMinor - (account.heldMinor - hold.amountMinor) < request.amountMinor) {
    return decline('51', 'insufficient-funds');
  }
  context.state.putHold({ ...hold, status: 'completed' });
  return applyMovement(
    context,
    newMovement({
      id: request.movementId,
      panHash: hold.panHash,
      kind: 'completion',
      amountMinor: request.amountMinor,
      currency: request.currency,
      balanceDeltaMinor: -request.amountMinor,
      heldDeltaMinor: -hold.amountMinor,
      holdId: hold.id,
      originalId: preauth.id,
    }),
  );
}

export function cancelPreauth(context: MovementContext, request: CancelHoldRequest): IssuerDecision {
  checkId(request.movementId, 'movementId');
  context.state.checkNewMovementId(request.movementId);
  const found = activeHoldOf(context, request.preauthId);
  if ('approved' in found) return found;
  const { preauth, hold } = found;
  context.state.putHold({ ...hold, status: 'released' });
  return applyMovement(
    context,
    newMovement({
      id: request.movementId,
      panHash: hold.panHash,
      kind: 'cancel',
      amountMinor: hold.amountMinor,
      currency: preauth.currency,
      heldDeltaMinor: -hold.amountMinor,
      holdId: hold.id,
      originalId: preauth.id,
    }),
  );
}

/** Full amount of a sale or completion that has no refund; a pre-auth is cancelled, not voided. */
export function voidMovement(context: MovementContext, request: VoidRequest): IssuerDecision {
  checkId(request.movementId, 'movementId');
  context.state.checkNewMovementId(request.movementId);
  const sale = original(context, request.originalId, ['sale', 'completion']);
  if ('approved' in sale) return sale;
  if (sale.status !== 'applied' || sale.refundedMinor !== 0) return decline('12', 'invalid-original-state');
  context.state.putMovement({ ...sale, status: 'voided' });
  return applyMovement(
    context,
    newMovement({
      id: request.movementId,
      panHash: sale.panHash,
      kind: 'void',
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      balanceDeltaMinor: -sale.balanceDeltaMinor,
      originalId: sale.id,
    }),
  );
}

/** Partial refunds allowed while their sum stays within the original amount. */
export function refundMovement(context: MovementContext, request: RefundRequest): IssuerDecision {
  checkId(request.movementId, 'movementId');
  checkAmount(request.amountMinor, 'amountMinor');
  checkCurrency(request.currency);
  const triggered = issuerTriggerDecline(request.amountMinor);
  if (triggered !== undefined) return triggered;
  context.state.checkNewMovementId(request.movementId);
  const sale = original(context, request.originalId, ['sale', 'completion']);
  if ('approved' in sale) return sale;
  if (sale.status !== 'applied') return decline('12', 'invalid-original-state');
  if (request.currency !== sale.currency) return decline('13', 'currency-mismatch');
  if (sale.refundedMinor + request.amountMinor > sale.amountMinor) {
    return decline('13', 'refund-exceeds-original');
  }
  context.state.putMovement({ ...sale, refundedMinor: sale.refundedMinor + request.amountMinor });
  return applyMovement(
    context,
    newMovement({
      id: request.movementId,
      panHash: sale.panHash,
      kind: 'refund',
      amountMinor: request.amountMinor,
      currency: request.currency,
      balanceDeltaMinor: request.amountMinor,
      originalId: sale.id,
    }),
  );
}

/** Undoes what the movement did to its hold or its original; undefined when the state does not allow it. */
function undoLinks(context: MovementContext, movement: IssuerMovementRecord): Declined | undefined {
  const { state } = context;
  const hold = state.hold(movement.holdId);
  const linked = movement.originalId === null ? undefined : state.movement(movement.originalId);
  switch (movement.kind) {
    case 'sale':
      return movement.status === 'applied' && movement.refundedMinor === 0
        ? undefined
        : decline('12', 'invalid-original-state');
    case 'completion':
      if (movement.status !== 'applied' || movement.refundedMinor !== 0) {
        return decline('12', 'invalid-original-state');
      }
      state.putHold({ ...hold!, status: 'held' });
      return undefined;
    case 'preauth':
      if (hold?.status !== 'held') return decline('12', 'invalid-original-state');
      state.putHold({ ...hold, status: 'released' });
      return undefined;
    case 'cancel':
      state.putHold({ ...hold!, status: 'held' });
      return undefined;
    case 'void':
      state.putMovement({ ...linked!, status: 'applied' });
      return undefined;
    case 'refund':
      state.putMovement({ ...linked!, refundedMinor: linked!.refundedMinor - movement.amountMinor });
      return undefined;
  }
}

/**
 * Undoes exactly one movement, once: a second reversal of the same id approves and changes nothing.
 * A sale or completion that a void or refund already undid (partly) is declined 12: reverse those first.
 */
export function reverseMovement(context: MovementContext, request: ReverseRequest): ReverseDecision {
  checkId(request.movementId, 'movementId');
  const movement = context.state.movement(request.movementId);
  if (movement === undefined) return decline('25', 'unknown-original');
  if (movement.status === 'reversed') {
    const account = context.state.account(movement.panHash)!;
    return {
      approved: true,
      changed: false,
      balanceMinor: account.balanceMinor - account.heldMinor,
      currency: account.currency,
    };
  }
  const refused = undoLinks(context, movement);
  if (refused !== undefined) return refused;
  context.state.putMovement({ ...movement, status: 'reversed' });
  const account = context.state.applyDeltas(movement, -1);
  return {
    approved: true,
    changed: true,
    balanceMinor: account.balanceMinor - account.heldMinor,
    currency: account.currency,
  };
}

import type { Participant } from './participant.js';

export type PipelineOutcome =
  | { readonly committed: true }
  | {
      readonly committed: false;
      readonly responseCode: string;
      readonly reason: string;
      /** The participant that voted to abort, or threw. */
      readonly abortedBy: string;
      /** Set when the participant threw instead of voting: a fault, not a decline. */
      readonly error?: unknown;
    };

/** The code a flow answers with when a participant throws instead of voting: system malfunction. */
export const FAULT_RESPONSE_CODE = '96';

/**
 * Runs `participants` over `context`: prepare each in order until one aborts (or throws, which aborts with
 * `96`), then commit every joined participant in order, or abort the joined ones in reverse order.
 * `onCleanupError` hears about a commit or abort that threw; the outcome stands.
 */
export async function runPipeline<C>(
  participants: readonly Participant<C>[],
  context: C,
  onCleanupError: (participant: string, phase: 'commit' | 'abort', error: unknown) => void = () => {},
): Promise<PipelineOutcome> {
  const joined: Participant<C>[] = [];
  let outcome: PipelineOutcome = { committed: true };
  for (const participant of participants) {
    try {
      const prepared = participant.prepare(context);
      // Most checks answer synchronously: awaiting only promises saves a turn per participant.
      const vote = prepared instanceof Promise ? await prepared : prepared;
      if (vote.outcome === 'aborted') {
        outcome = {
          committed: false,
          responseCode: vote.responseCode,
          reason: vote.reason,
          abortedBy: participant.name,
        };
        break;
      }
      if (vote.outcome === 'prepared') joined.push(participant);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome = {
        committed: false,
        responseCode: FAULT_RESPONSE_CODE,
        reason: `${participant.name} failed: ${reason}`,
        abortedBy: participant.name,
        error,
      };
      break;
    }
  }
  // A commit or abort that answers synchronously costs no turn: only promises are awaited.
  if (outcome.committed) {
    for (const participant of joined) {
      const pending = settle(participant, 'commit', context, onCleanupError);
      if (pending !== undefined) await pending;
    }
  } else {
    for (const participant of joined.reverse()) {
      const pending = settle(participant, 'abort', context, onCleanupError);
      if (pending !== undefined) await pending;
    }
  }
  return outcome;
}

/** Runs one participant's commit or abort; a promise only when it answered with one (never rejects). */
function settle<C>(
  participant: Participant<C>,
  phase: 'commit' | 'abort',
  context: C,
  onCleanupError: (participant: string, phase: 'commit' | 'abort', error: unknown) => void,
): Promise<void> | undefined {
  let settled: void | Promise<void>;
  try {
    settled = participant[phase]?.(context);
  } catch (error) {
    onCleanupError(participant.name, phase, error);
    return undefined;
  }
  if (!(settled instanceof Promise)) return undefined;
  return settled.catch((error: unknown) => onCleanupError(participant.name, phase, error));
}

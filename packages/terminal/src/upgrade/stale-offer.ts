import type { SoftwareOffer } from '@payterm/protocol';
import { compareVersions, highestVersion } from '@payterm/software';
import type { OperatorText } from '../engine/outcome.js';
import { reportOf, trialSlot, versionsSeen, withReport, withResult } from './slot-transitions.js';
import type { RefusedOffer, SoftwareState } from './slot-types.js';

/** Refused offers remembered at most (the oldest go first). */
const MAX_REFUSED_OFFERS = 20;

/** The code of an offer not above every version the terminal has: @payterm/software's, downgrade or replay. */
export const STALE_OFFER_CODE = 'SOFTWARE_DOWNGRADE';

/**
 * What an offer not above every version this terminal has (running, factory, installed, refused for
 * good; docs/TMS.md §3) calls for: undefined when it is new. `quiet`: a trial waits for its restart, or
 * a report about this rollout and version still waits for the host (an `installed` or `rolled-back` the
 * host has not heard yet says more than a refusal). `reported`: refused already (its report sent or queued).
 */
export function staleOffer(
  state: SoftwareState,
  offer: SoftwareOffer,
  runningVersion: string,
): { readonly kind: 'quiet' | 'reported' | 'refuse'; readonly highest: string } | undefined {
  const highest = highestVersion(versionsSeen(state, runningVersion)) ?? runningVersion;
  if (compareVersions(offer.version, highest) > 0) return undefined;
  if ((state.refusedOffers ?? []).some((refused) => sameOffer(refused, offer)))
    return { kind: 'reported', highest };
  const waiting = state.reports.some((report) => sameOffer(report, offer));
  return { kind: waiting || trialSlot(state) !== undefined ? 'quiet' : 'refuse', highest };
}

/** The state with the offer refused: the `362` queued (rollout, offered and running versions), once. */
export function withStaleOfferRefused(
  state: SoftwareState,
  offer: SoftwareOffer,
  facts: { readonly runningVersion: string; readonly highest: string; readonly text: OperatorText },
  at: string,
): SoftwareState {
  const entry: RefusedOffer = { rolloutId: offer.rolloutId, version: offer.version };
  const refusedOffers = [...(state.refusedOffers ?? []), entry].slice(-MAX_REFUSED_OFFERS);
  const report = {
    ...reportOf(state, undefined, {
      state: 'refused',
      version: offer.version,
      runningVersion: facts.runningVersion,
      code: STALE_OFFER_CODE,
      reason: `Version ${offer.version} is not above ${facts.highest}`,
    }),
    // The offer's rollout, not that of a download under way (another package's).
    rolloutId: offer.rolloutId,
  };
  const result = {
    state: 'refused',
    version: offer.version,
    code: STALE_OFFER_CODE,
    text: facts.text,
  } as const;
  return withResult(withReport({ ...state, refusedOffers }, report, at), result, at);
}

function sameOffer(about: { readonly rolloutId?: string; readonly version: string }, offer: SoftwareOffer) {
  return about.rolloutId === offer.rolloutId && about.version === offer.version;
}

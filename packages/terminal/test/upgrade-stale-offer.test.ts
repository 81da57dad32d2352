import type { SoftwareOffer } from '@payterm/protocol';
import { describe, expect, it } from 'vitest';
import { initialSoftwareState } from '../src/upgrade/slot-store.js';
import type { SoftwareState } from '../src/upgrade/slot-types.js';
import { staleOffer, withStaleOfferRefused } from '../src/upgrade/stale-offer.js';
import { reasonText } from '../src/upgrade/upgrade-texts.js';

const AT = '2026-01-02T03:04:05.000Z';
const RUNNING = '1.2.0';
const TEXT = reasonText('SOFTWARE_DOWNGRADE');

function offer(version: string, rolloutId = '7'): SoftwareOffer {
  return { version, rolloutId, sizeBytes: 900, sha256: 'ab'.repeat(32), prefixBytes: 300 };
}

function refuse(state: SoftwareState, offered: SoftwareOffer, highest = RUNNING): SoftwareState {
  return withStaleOfferRefused(state, offered, { runningVersion: RUNNING, highest, text: TEXT }, AT);
}

describe('an offer not above the versions the terminal has', () => {
  const fresh = initialSoftwareState(AT);

  it('is new above every version seen, stale at or below the running one or a refused one', () => {
    expect(staleOffer(fresh, offer('1.2.1'), RUNNING)).toBeUndefined();
    expect(staleOffer(fresh, offer('1.2.0'), RUNNING)).toEqual({ kind: 'refuse', highest: '1.2.0' });
    expect(staleOffer(fresh, offer('1.1.9'), RUNNING)).toEqual({ kind: 'refuse', highest: '1.2.0' });
    const rolledBack: SoftwareState = { ...fresh, refused: ['1.4.0'] };
    expect(staleOffer(rolledBack, offer('1.3.0'), RUNNING)).toEqual({ kind: 'refuse', highest: '1.4.0' });
    expect(staleOffer(rolledBack, offer('1.4.1'), RUNNING)).toBeUndefined();
  });

  it('queues one 362 refused with the offered, rollout and running versions, and is reported only once', () => {
    const refused = refuse(fresh, offer('1.1.0'));
    expect(refused.reports).toEqual([
      {
        state: 'refused',
        version: '1.1.0',
        rolloutId: '7',
        reasonCode: 'SOFTWARE_DOWNGRADE',
        reasonText: 'Version 1.1.0 is not above 1.2.0',
        runningVersion: RUNNING,
        at: AT,
      },
    ]);
    expect(refused.lastResult).toEqual({
      state: 'refused',
      version: '1.1.0',
      code: 'SOFTWARE_DOWNGRADE',
      text: TEXT,
      at: AT,
    });
    expect(refused.refused).toEqual([]);
    expect(staleOffer(refused, offer('1.1.0'), RUNNING)?.kind).toBe('reported');
    const answered: SoftwareState = { ...refused, reports: [] };
    expect(staleOffer(answered, offer('1.1.0'), RUNNING)?.kind).toBe('reported');
    // Another rollout, or another version under the same rollout, is another offer: reported again.
    expect(staleOffer(answered, offer('1.1.0', '8'), RUNNING)?.kind).toBe('refuse');
    expect(staleOffer(answered, offer('1.0.0'), RUNNING)?.kind).toBe('refuse');
  });

  it('names the offer’s rollout, not that of a download under way', () => {
    const downloading: SoftwareState = {
      ...fresh,
      download: {
        slot: 'B',
        version: '1.5.0',
        rolloutId: '3',
        sha256: 'cd'.repeat(32),
        payloadBytes: 900,
        prefixBytes: 300,
        bytesReceived: 480,
        startedAt: AT,
      },
    };
    const refused = refuse(downloading, offer('1.2.0', '9'));
    expect(refused.reports.at(-1)).toMatchObject({ rolloutId: '9', version: '1.2.0' });
    expect(refused.download).toEqual(downloading.download);
  });

  it('stays quiet while a trial waits or a report on that rollout and version is still unanswered', () => {
    const trial: SoftwareState = {
      ...fresh,
      slots: { ...fresh.slots, A: { state: 'trial', version: '1.2.0', rolloutId: '7', updatedAt: AT } },
    };
    expect(staleOffer(trial, offer('1.2.0'), RUNNING)?.kind).toBe('quiet');
    // Installed from rollout 7, its `installed` not yet answered: that report says it, not a refusal.
    const installed: SoftwareState = {
      ...fresh,
      installed: ['1.2.0'],
      reports: [{ state: 'installed', version: '1.2.0', rolloutId: '7', runningVersion: RUNNING, at: AT }],
    };
    expect(staleOffer(installed, offer('1.2.0'), RUNNING)?.kind).toBe('quiet');
    expect(staleOffer(installed, offer('1.2.0', '8'), RUNNING)?.kind).toBe('refuse');
  });

  it('remembers the last 20 refused offers', () => {
    let state = fresh;
    for (let rollout = 1; rollout <= 25; rollout++) {
      state = { ...refuse(state, offer('1.0.0', String(rollout))), reports: [] };
    }
    expect(state.refusedOffers).toHaveLength(20);
    expect(state.refusedOffers?.[0]).toEqual({ rolloutId: '6', version: '1.0.0' });
    expect(staleOffer(state, offer('1.0.0', '25'), RUNNING)?.kind).toBe('reported');
    expect(staleOffer(state, offer('1.0.0', '1'), RUNNING)?.kind).toBe('refuse');
  });
});

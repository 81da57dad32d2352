import { ProtocolError } from '@payterm/protocol';
import type { TerminalCore } from '../engine/terminal-core.js';
import type { SlotStore } from './slot-store.js';
import type { SoftwareReport } from './slot-types.js';

/**
 * Sends the waiting `362` status uploads, oldest first, each removed once the host has answered it (any
 * response code: the host has seen it). Stops at the first that gets no answer; it waits for the next
 * chance. Returns how many were sent.
 */
export async function flushReports(core: TerminalCore, store: SlotStore): Promise<number> {
  let sent = 0;
  for (;;) {
    const report: SoftwareReport | undefined = store.state.reports[0];
    if (report === undefined) return sent;
    const { at: _at, ...status } = report;
    let answered: boolean;
    try {
      const result = await core.online({
        ...core.envelope(),
        kind: 'status-upload',
        batch: core.state.batch,
        status,
      });
      answered = result.answered;
    } catch (error) {
      // A report the dialect cannot carry would block every later one: it is dropped.
      if (!(error instanceof ProtocolError)) throw error;
      answered = true;
    }
    if (!answered) return sent;
    const [, ...rest] = store.state.reports;
    await store.save({ ...store.state, reports: rest });
    sent += 1;
  }
}

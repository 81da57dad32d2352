import type { JournalRecord } from '../journal/journal-record.js';
import type { SettlementReport } from '../journal/settlement-report.js';
import type { Slip, SlipCopy } from '../ports/printer.js';
import { renderSettlementSlip, renderTransactionSlip } from '../slips/index.js';
import type { TerminalCore } from './terminal-core.js';

/** What came out of the printer: the slips, and whether the paper ran out (the slips can be reprinted). */
export interface Printed {
  readonly slips: readonly Slip[];
  readonly paperOut: boolean;
}

async function printAll(core: TerminalCore, slips: readonly Slip[]): Promise<Printed> {
  let paperOut = false;
  for (const slip of slips) {
    // A sale is complete when the host approved it: no paper only means the slip is printed later.
    if (!paperOut && (await core.devices.printer.print(slip)) === 'paper-out') paperOut = true;
  }
  return { slips, paperOut };
}

/** Merchant copy (signed, when no PIN) then customer copy; a reprint gives the merchant copy only. */
export function printTransaction(
  core: TerminalCore,
  record: JournalRecord,
  reprint: boolean,
): Promise<Printed> {
  const copies: readonly SlipCopy[] = reprint ? ['merchant'] : ['merchant', 'customer'];
  const slips = copies.map((copy) =>
    renderTransactionSlip({ record, profile: core.profile, copy, reprint, language: core.profile.language }),
  );
  return printAll(core, slips);
}

export function printSettlement(
  core: TerminalCore,
  report: SettlementReport,
  reprint: boolean,
): Promise<Printed> {
  const slip = renderSettlementSlip({
    report,
    profile: core.profile,
    language: core.profile.language,
    reprint,
  });
  return printAll(core, [slip]);
}

export function printSlips(core: TerminalCore, slips: readonly Slip[]): Promise<Printed> {
  return printAll(core, slips);
}

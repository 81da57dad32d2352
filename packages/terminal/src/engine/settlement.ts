import {
  MAX_MAGSTRIPE_UPLOAD_ENTRIES,
  type MagstripeUploadEntry,
  type SettlementHalf,
  type SettlementResult,
} from '@payterm/protocol';
import { grossTotals, isSettled } from '../journal/gross-totals.js';
import { isQrType } from '../journal/journal-record.js';
import type { SettlementHalfTotals, SettlementReport } from '../journal/settlement-report.js';
import type { Slip } from '../ports/printer.js';
import type { OperatorText } from './outcome.js';
import { printSettlement } from './printing.js';
import { prepareOnline } from './readiness.js';
import { operatorField } from './sign-in.js';
import type { TerminalCore } from './terminal-core.js';
import { nextBatch } from './terminal-state.js';
import { responseCodeInfo } from '@payterm/protocol';

export interface SettlementOutcome {
  /** The batch is closed: the host answered the settlement and the end of the batch upload. */
  readonly approved: boolean;
  readonly responseCode: string | null;
  readonly message: OperatorText;
  readonly report?: SettlementReport;
  readonly slips: readonly Slip[];
}

function toHalf(totals: SettlementHalfTotals): SettlementHalf {
  return {
    debitCount: totals.debitCount,
    debitAmountMinor: totals.debitMinor,
    creditCount: totals.creditCount,
    creditAmountMinor: totals.creditMinor,
    result: 'request',
  };
}

const UNREACHABLE: OperatorText = {
  zh: '结算未完成（连接主机失败），请重新结算',
  en: 'Settlement not finished (host unreachable): settle again',
};

const UNANSWERED: OperatorText = {
  zh: '结算未完成（主机无应答），请重新结算',
  en: 'Settlement not finished (no answer from the host): settle again',
};

function failed(code: string | null, message?: OperatorText): SettlementOutcome {
  if (code === null)
    return { approved: false, responseCode: null, message: message ?? UNANSWERED, slips: [] };
  const info = responseCodeInfo(code);
  return { approved: false, responseCode: code, message: { zh: info.zh, en: info.en }, slips: [] };
}

/**
 * End-of-day settlement (pos-dialect "Settlement totals", reference §7.3): 0500 with the batch's
 * gross totals in 48 → the host's result per half → balanced: end `207`; unbalanced: every settled
 * record uploaded in 0320/`201` (8 per message), then end `202` → slip, next batch. Safe to run again
 * after a failure part-way: the host answers a settled batch's 0500 with its stored result.
 */
export async function settle(core: TerminalCore): Promise<SettlementOutcome> {
  const operator = core.requireOperator('settle');
  await prepareOnline(core);
  const batch = core.state.batch;
  const records = core.journal.query({ batch });
  const totals = grossTotals(records);
  const stan = await core.allocateStan();
  const result = await core.online({
    ...core.envelope(),
    kind: 'settlement',
    stan,
    batch,
    totals: { domestic: toHalf(totals.domestic), foreign: toHalf(totals.foreign) },
    currency: core.profile.currency,
    operator: operatorField(operator.number),
  });
  if (!result.answered) return failed(null, result.failure === 'not-sent' ? UNREACHABLE : undefined);
  const response = result.response;
  if (response.responseCode !== '00' || response.kind !== 'settlement' || response.totals === undefined) {
    return failed(response.responseCode);
  }
  // The host has closed the batch: nothing else may go until this settlement has finished here.
  if (core.state.settlementRequired !== 'unfinished')
    await core.saveState({ settlementRequired: 'unfinished' });
  const domesticResult = response.totals.domestic.result;
  const foreignResult = response.totals.foreign.result;
  const balanced = domesticResult === 'balanced' && foreignResult === 'balanced';
  const entries = balanced ? [] : uploadEntries(core, batch);
  for (let index = 0; index < entries.length; index += MAX_MAGSTRIPE_UPLOAD_ENTRIES) {
    const chunk = entries.slice(index, index + MAX_MAGSTRIPE_UPLOAD_ENTRIES);
    const upload = await core.online({
      ...core.envelope(),
      kind: 'batch-upload',
      stan: await core.allocateStan(),
      batch,
      upload: { type: 'magstripe', entries: chunk },
    });
    if (!upload.answered) return failed(null);
  }
  const end = await core.online({
    ...core.envelope(),
    kind: 'batch-upload',
    stan: await core.allocateStan(),
    batch,
    upload: { type: 'end', balanced, count: entries.length },
  });
  if (!end.answered) return failed(null);
  if (end.response.responseCode !== '00') return failed(end.response.responseCode);
  const report: SettlementReport = {
    batch,
    settledAt: core.now().iso,
    operator: operator.number,
    currency: core.profile.currency,
    domestic: totals.domestic,
    foreign: totals.foreign,
    domesticResult,
    foreignResult,
    balanced,
    differences: differences(domesticResult, foreignResult),
    uploadedCount: entries.length,
    nextBatch: nextBatch(batch),
  };
  await core.saveState({ batch: report.nextBatch, lastSettlement: report }, [], [], ['settlementRequired']);
  const printed = await printSettlement(core, report, false);
  const info = responseCodeInfo('00');
  const message: OperatorText = balanced
    ? { zh: `结算成功 对账平 (${info.zh})`, en: `Settled, balanced (${info.en})` }
    : {
        zh: `结算完成 对账不平，已上送 ${entries.length} 笔`,
        en: `Settled, unbalanced: ${entries.length} uploaded`,
      };
  return { approved: true, responseCode: '00', message, report, slips: printed.slips };
}

function differences(domestic: SettlementResult, foreign: SettlementResult): SettlementReport['differences'] {
  return [
    ...(domestic === 'balanced' ? [] : [{ scope: 'domestic' as const, result: domestic }]),
    ...(foreign === 'balanced' ? [] : [{ scope: 'foreign' as const, result: foreign }]),
  ];
}

/**
 * The magstripe detail records (reference §7.3 step 3) of every settled card record of the batch; QR
 * records have no card number to upload (the host knows them by voucher).
 */
function uploadEntries(core: TerminalCore, batch: string): MagstripeUploadEntry[] {
  return core.journal
    .query({ batch })
    .filter((record) => isSettled(record) && !isQrType(record.type))
    .map((record) => ({
      foreign: record.scope === 'foreign',
      stan: record.stan,
      pan: core.devices.security.unsealPan(record.sealedPan),
      amountMinor: record.amount.amountMinor,
    }));
}

import type { SettlementResult } from '@payterm/protocol';
import type { SettlementHalfTotals, SettlementReport } from '../journal/settlement-report.js';
import type { Slip } from '../ports/printer.js';
import type { Language, TerminalProfile } from '../profile.js';
import { countAmountRows } from './count-amount-rows.js';
import { addMerchantHeader, addReprintMarker } from './merchant-header.js';
import { formatSlipAmount, slipCurrencyCode, slipMoney } from './slip-amount.js';
import { SlipBuilder } from './slip-builder.js';
import { formatSlipInstant } from './slip-date.js';
import { FIELD_LABELS, fieldLabel, phrase, phraseCandidates, type Bilingual } from './slip-labels.js';

export interface SettlementSlipInput {
  readonly report: SettlementReport;
  readonly profile: TerminalProfile;
  readonly language: Language;
  readonly reprint: boolean;
}

const TITLE: Bilingual = { zh: '结算总计单', en: 'SETTLEMENT' };
const HALF_NAMES: Readonly<Record<'domestic' | 'foreign', Bilingual>> = {
  domestic: { zh: '内卡', en: 'DOMESTIC' },
  foreign: { zh: '外卡', en: 'FOREIGN' },
};
const RESULT_NAMES: Readonly<Record<SettlementResult, Bilingual>> = {
  balanced: { zh: '对账平', en: 'BALANCED' },
  unbalanced: { zh: '对账不平', en: 'UNBALANCED' },
  error: { zh: '对账出错', en: 'ERROR' },
  // The terminal's own digit in the request: the host gave no result for this half.
  request: { zh: '未对账', en: 'NOT CHECKED' },
};
const COLUMN_HEADS = { count: { zh: '笔数', en: 'COUNT' }, amount: { zh: '金额', en: 'AMOUNT' } } as const;
const ROW_NAMES = {
  debit: { zh: '借记', en: 'DEBIT' },
  credit: { zh: '贷记', en: 'CREDIT' },
  net: { zh: '净额', en: 'NET' },
} as const;
const DIFFERENCES: Bilingual = { zh: '不平明细', en: 'DIFFERENCES' };

/**
 * The settlement slip: per half (内卡 / 外卡) debit and credit counts and amounts by the gross rule,
 * the net, the host's result; when unbalanced, the halves that differed and the batch upload that
 * resolved them; then the batch the terminal moved to.
 */
export function renderSettlementSlip(input: SettlementSlipInput): Slip {
  const { report, profile, language, reprint } = input;
  const slip = new SlipBuilder().center(phrase(TITLE, language));
  if (reprint) addReprintMarker(slip, language);
  slip.rule();
  addMerchantHeader(slip, profile, language, report.operator);
  slip
    .field(fieldLabel(FIELD_LABELS.batchNo, language), report.batch)
    .field(
      fieldLabel(FIELD_LABELS.dateTime, language),
      formatSlipInstant(report.settledAt, profile.utcOffsetMinutes),
    )
    .field(fieldLabel(FIELD_LABELS.currency, language), slipCurrencyCode(report.currency));
  for (const scope of ['domestic', 'foreign'] as const) {
    const result = scope === 'domestic' ? report.domesticResult : report.foreignResult;
    slip.rule();
    addHalf(slip, report[scope], report.currency, phrase(HALF_NAMES[scope], language), result, language);
  }
  slip.rule('=');
  slip.center(phrase(report.balanced ? RESULT_NAMES.balanced : RESULT_NAMES.unbalanced, language));
  if (!report.balanced) addResolution(slip, report, language);
  slip.rule('=').field(fieldLabel(FIELD_LABELS.nextBatch, language), report.nextBatch);
  return { kind: 'settlement', lines: slip.build(), reprint };
}

function addHalf(
  slip: SlipBuilder,
  totals: SettlementHalfTotals,
  currency: string,
  name: string,
  result: SettlementResult,
  language: Language,
): void {
  const amount = (minor: number): string => formatSlipAmount(minor, currency);
  slip
    .spread(name, phrase(RESULT_NAMES[result], language))
    .lines(countAmountRows([''], phrase(COLUMN_HEADS.count, language), phrase(COLUMN_HEADS.amount, language)))
    .lines(
      countAmountRows(
        phraseCandidates(ROW_NAMES.debit, language),
        String(totals.debitCount),
        amount(totals.debitMinor),
      ),
    )
    .lines(
      countAmountRows(
        phraseCandidates(ROW_NAMES.credit, language),
        String(totals.creditCount),
        amount(totals.creditMinor),
      ),
    )
    .lines(countAmountRows(phraseCandidates(ROW_NAMES.net, language), '', net(totals, currency)));
}

function net(totals: SettlementHalfTotals, currency: string): string {
  return slipMoney(totals.debitMinor, currency).subtract(slipMoney(totals.creditMinor, currency)).format();
}

function addResolution(slip: SlipBuilder, report: SettlementReport, language: Language): void {
  slip.text(`${phrase(DIFFERENCES, language)}:`);
  for (const difference of report.differences) {
    slip.spread(
      `  ${phrase(HALF_NAMES[difference.scope], language)}`,
      phrase(RESULT_NAMES[difference.result], language),
    );
  }
  const uploaded = report.uploadedCount;
  slip.text(phrase({ zh: `已上送 ${uploaded} 笔明细`, en: `BATCH UPLOAD ${uploaded}` }, language));
}

import type { TransactionTotals } from '../journal/transaction-totals.js';
import type { Slip } from '../ports/printer.js';
import type { Language, TerminalProfile } from '../profile.js';
import { countAmountRows } from './count-amount-rows.js';
import { addMerchantHeader } from './merchant-header.js';
import { formatSlipAmount, slipCurrencyCode } from './slip-amount.js';
import { SlipBuilder } from './slip-builder.js';
import { FIELD_LABELS, fieldLabel, phrase, phraseCandidates, type Bilingual } from './slip-labels.js';
import { TRANSACTION_TYPE_NAMES } from './transaction-names.js';

export interface TotalsSlipInput {
  readonly totals: TransactionTotals;
  readonly profile: TerminalProfile;
  readonly language: Language;
}

const TITLE: Bilingual = { zh: '交易汇总', en: 'TOTALS' };
const BY_TYPE: Bilingual = { zh: '按交易类型', en: 'BY TYPE' };
const BY_OPERATOR: Bilingual = { zh: '按操作员', en: 'BY OPERATOR' };
const NONE: Bilingual = { zh: '无交易', en: 'NO TRANSACTIONS' };
const COLUMN_HEADS = { count: { zh: '笔数', en: 'COUNT' }, amount: { zh: '金额', en: 'AMOUNT' } } as const;

/** The totals slip of menu 8: counts and amounts by transaction type, then by operator. */
export function renderTotals(input: TotalsSlipInput): Slip {
  const { totals, profile, language } = input;
  const amount = (minor: number): string => formatSlipAmount(minor, totals.currency);
  const slip = new SlipBuilder().center(phrase(TITLE, language)).rule();
  addMerchantHeader(slip, profile, language);
  slip.field(fieldLabel(FIELD_LABELS.currency, language), slipCurrencyCode(totals.currency));
  const heads = countAmountRows(
    [''],
    phrase(COLUMN_HEADS.count, language),
    phrase(COLUMN_HEADS.amount, language),
  );

  slip.rule().text(phrase(BY_TYPE, language)).lines(heads);
  if (totals.byType.length === 0) slip.center(phrase(NONE, language));
  for (const row of totals.byType) {
    const names = phraseCandidates(TRANSACTION_TYPE_NAMES[row.type], language);
    slip.lines(countAmountRows(names, String(row.count), amount(row.amountMinor)));
  }

  slip.rule().text(phrase(BY_OPERATOR, language)).lines(heads);
  if (totals.byOperator.length === 0) slip.center(phrase(NONE, language));
  for (const row of totals.byOperator) {
    const names = language === 'zh' ? [`操作员 ${row.operator}`] : [`OPERATOR ${row.operator}`];
    slip.lines(countAmountRows(names, String(row.count), amount(row.amountMinor)));
  }
  return { kind: 'totals', lines: slip.build(), reprint: false };
}

import { maskPan } from '@payterm/kernel';
import type { JournalRecord } from '../journal/journal-record.js';
import type { Slip } from '../ports/printer.js';
import type { Language, TerminalProfile } from '../profile.js';
import { addMerchantHeader } from './merchant-header.js';
import { statusWord } from './record-status.js';
import { formatSlipAmount } from './slip-amount.js';
import { SlipBuilder } from './slip-builder.js';
import { phrase, phraseCandidates, type Bilingual } from './slip-labels.js';
import { displayWidth } from './display-width.js';
import { firstThatFits, SLIP_COLUMNS } from './slip-text.js';
import { showsNegativeAmount, TRANSACTION_TYPE_NAMES } from './transaction-names.js';

export interface DetailListInput {
  readonly records: readonly JournalRecord[];
  readonly profile: TerminalProfile;
  readonly language: Language;
}

const TITLE: Bilingual = { zh: '交易明细', en: 'DETAIL LIST' };
const NO_TRANSACTIONS: Bilingual = { zh: '无交易', en: 'NO TRANSACTIONS' };
/** Column heads, Chinese over English: line one of a row, then line two. */
const HEADS = {
  zh: [
    ['凭证号 类型', '卡号'],
    ['VOUCHER TYPE', 'CARD'],
    ['状态', '金额'],
    ['STATUS', 'AMOUNT'],
  ],
  en: [
    ['VOUCHER TYPE', 'CARD'],
    ['STATUS', 'AMOUNT'],
  ],
} as const satisfies Record<Language, readonly (readonly [string, string])[]>;

/**
 * The detail list of menu 8: two lines a transaction, in the order given. Line one: voucher, type and
 * the card's last four digits; line two: status and amount. Types and statuses drop their English
 * when it would not fit beside the rest.
 */
export function renderDetailList(input: DetailListInput): Slip {
  const { records, profile, language } = input;
  const slip = new SlipBuilder().center(phrase(TITLE, language)).rule();
  addMerchantHeader(slip, profile, language);
  slip.rule();
  for (const [left, right] of HEADS[language]) slip.spread(left, right);
  slip.rule();
  if (records.length === 0) slip.center(phrase(NO_TRANSACTIONS, language));
  for (const record of records) addDetailRows(slip, record, language);
  slip.rule().text(phrase({ zh: `共 ${records.length} 笔`, en: `TOTAL ${records.length}` }, language));
  return { kind: 'detail-list', lines: slip.build(), reprint: false };
}

function addDetailRows(slip: SlipBuilder, record: JournalRecord, language: Language): void {
  const cardTail = `****${maskPan(record.maskedPan).slice(-4)}`;
  const voucher = `${record.stan} `;
  const types = phraseCandidates(TRANSACTION_TYPE_NAMES[record.type], language);
  const code =
    record.status === 'declined' && record.responseCode !== undefined ? ` ${record.responseCode}` : '';
  const statuses = phraseCandidates(statusWord(record), language).map((candidate) => candidate + code);
  const amount =
    record.type === 'balance'
      ? ''
      : formatSlipAmount(record.amount.amountMinor, record.amount.currency, {
          currency: true,
          negative: showsNegativeAmount(record.type),
        });
  slip.spread(voucher + longestFitting(voucher, types, cardTail), cardTail);
  slip.spread(longestFitting('', statuses, amount), amount);
}

/** The first candidate that fits between `prefix` and `right` on one line, else the shortest. */
function longestFitting(prefix: string, candidates: readonly string[], right: string): string {
  const room = SLIP_COLUMNS - displayWidth(prefix) - displayWidth(right) - 1;
  return firstThatFits(candidates, room) ?? candidates.at(-1) ?? '';
}

import type { OperatorText } from '../../engine/outcome.js';
import type { JournalRecord } from '../../journal/journal-record.js';
import type { TransactionTotals } from '../../journal/transaction-totals.js';
import { amountText } from '../amount-text.js';
import { FlowCancelled } from '../prompt.js';
import { TRANSACTION_TITLES } from '../ui-texts.js';
import { bilingual, type UiText } from '../ui-text.js';
import { askVoucher, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';
import { recordLines, recordListLine } from './record-lines.js';

const QUERY = bilingual('交易查询', 'Transaction query');
const TODAY = bilingual('当日交易', "Today's transactions");
const BY_VOUCHER = bilingual('按凭证号查询', 'By voucher');
const TOTALS = bilingual('交易汇总', 'Totals');
const DETAIL = bilingual('交易明细', 'Transaction detail');

async function showRecord(context: FlowContext, record: JournalRecord): Promise<void> {
  await showMessage(context, { id: 'query.detail', title: DETAIL, body: recordLines(record) });
}

/** Today's transactions, newest first: up/down to move, Enter for the detail, Cancel to leave. */
async function todayFlow(context: FlowContext): Promise<void> {
  const records = context.terminal.today().reverse();
  if (records.length === 0) {
    await showMessage(context, {
      id: 'query.today.empty',
      title: TODAY,
      body: [bilingual('今日无交易', 'No transactions today')],
    });
    return;
  }
  for (;;) {
    const answer = await context.screens.ask({
      kind: 'list',
      id: 'query.today',
      title: TODAY,
      header: [bilingual(`共 ${records.length} 笔`, `${records.length} transactions`)],
      lines: records.map(recordListLine),
      numbered: false,
      hint: bilingual('↑↓ 选择 · 确认 明细 · 取消 返回', '↑↓: choose · Enter: detail · Cancel: back'),
    });
    if (answer.type === 'cancel') {
      if (answer.home) throw new FlowCancelled(true);
      return;
    }
    const record = answer.type === 'value' ? records[Number(answer.value)] : undefined;
    if (record !== undefined) await showRecord(context, record);
  }
}

async function voucherFlow(context: FlowContext): Promise<void> {
  const voucher = await askVoucher(context, 'query.voucher', BY_VOUCHER);
  await showRecord(context, context.terminal.transaction(voucher));
}

function countText(count: number): OperatorText {
  return { zh: `${count} 笔`, en: count === 1 ? '1 transaction' : `${count} transactions` };
}

/** Lines of the totals screen: by type, then by operator; credits negative. */
export function totalsLines(totals: TransactionTotals): UiText[] {
  const money = (amountMinor: number): string =>
    amountText({ amountMinor: Math.abs(amountMinor), currency: totals.currency }, amountMinor < 0);
  const lines: UiText[] = [bilingual('按交易类型', 'By type')];
  for (const row of totals.byType) {
    const type = TRANSACTION_TITLES[row.type];
    const count = countText(row.count);
    lines.push({
      zh: `${type.zh} ${count.zh} ${money(row.amountMinor)}`,
      en: `${type.en}: ${count.en}, ${money(row.amountMinor)}`,
    });
  }
  lines.push(bilingual('按操作员', 'By operator'));
  for (const row of totals.byOperator) {
    const count = countText(row.count);
    lines.push({
      zh: `操作员 ${row.operator} ${count.zh} ${money(row.amountMinor)}`,
      en: `Operator ${row.operator}: ${count.en}, ${money(row.amountMinor)}`,
    });
  }
  if (totals.byType.length === 0) lines.push(bilingual('本批次无交易', 'No transactions in this batch'));
  return lines;
}

async function totalsFlow(context: FlowContext): Promise<void> {
  const batch = context.terminal.status().batch;
  const body = [bilingual(`批次 ${batch}`, `Batch ${batch}`), ...totalsLines(context.terminal.totals())];
  await showMessage(context, { id: 'query.totals', title: TOTALS, body });
}

/** Menu 7: today's list / by voucher / totals by type and operator. */
export const QUERY_MENU: MenuDefinition = {
  id: 'menu.query',
  title: QUERY,
  entries: [
    { label: TODAY, run: todayFlow },
    { label: BY_VOUCHER, run: voucherFlow },
    { label: TOTALS, run: totalsFlow },
  ],
};

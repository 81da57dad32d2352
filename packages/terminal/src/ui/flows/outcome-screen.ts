import type { OperatorText, TransactionOutcome } from '../../engine/outcome.js';
import type { JournalRecord } from '../../journal/journal-record.js';
import { amountText } from '../amount-text.js';
import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { bilingual, labelled, type UiText } from '../ui-text.js';
import { showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import { ACTION_CLASS_TEXTS, ACTION_TEXTS, responseCodeLine } from './record-lines.js';

const HEADLINES: Readonly<Record<TransactionOutcome['outcome'], OperatorText>> = {
  approved: { zh: '交易成功', en: 'Approved' },
  declined: { zh: '交易失败', en: 'Declined' },
  timeout: { zh: '结果未知', en: 'Outcome unknown' },
  'mac-error': { zh: '应答MAC错', en: 'Response MAC error' },
  'not-sent': { zh: '交易未发送', en: 'Not sent' },
};

/** What the terminal did about an answer that never came (or failed its MAC). */
function recoveryLine(record: JournalRecord, attemptsLeft: number | undefined): OperatorText | undefined {
  switch (record.status) {
    case 'reversed':
      return bilingual('已冲正：未扣款', 'Reversed: no money moved');
    case 'reversal-pending':
      return {
        zh: `冲正待发送（剩余 ${attemptsLeft ?? 0} 次），下笔交易前重发`,
        en: `Reversal pending (${attemptsLeft ?? 0} attempts left): sent again before the next transaction`,
      };
    case 'reversal-failed':
      return bilingual('冲正失败，请联系银行', 'Reversal failed: call the bank');
    case 'unknown':
      return bilingual(
        '结果未知：下笔交易前重发确认',
        'Outcome unknown: repeated before the next transaction',
      );
    case 'approved':
      return bilingual('重发确认：成功', 'Confirmed approved on repeat');
    case 'declined':
      return bilingual('重发确认：失败', 'Confirmed declined on repeat');
    default:
      return undefined;
  }
}

function codeLines(outcome: TransactionOutcome): OperatorText[] {
  const lines = [responseCodeLine(outcome.responseCode)];
  if (outcome.actionClass !== null) {
    const klass = ACTION_CLASS_TEXTS[outcome.actionClass];
    const action = outcome.action === null ? undefined : ACTION_TEXTS[outcome.action];
    const zhAction = action === undefined ? '' : `，${action.zh}`;
    const enAction = action === undefined ? '' : `; ${action.en}`;
    lines.push({
      zh: `处理类别 ${outcome.actionClass}：${klass.zh}${zhAction}`,
      en: `Action class ${outcome.actionClass}: ${klass.en}${enAction}`,
    });
  }
  return lines;
}

function factLines(record: JournalRecord): UiText[] {
  return [
    labelled(TEXTS.voucher, record.stan),
    ...(record.type === 'balance' ? [] : [labelled(TEXTS.amount, amountText(record.amount))]),
    labelled(bilingual('卡号', 'Card'), record.maskedPan),
    ...(record.rrn === undefined ? [] : [labelled(TEXTS.rrn, record.rrn)]),
    ...(record.authCode === undefined ? [] : [labelled(TEXTS.authCode, record.authCode)]),
    ...(record.balanceMinor === undefined
      ? []
      : [
          labelled(
            bilingual('余额', 'Balance'),
            amountText({ amountMinor: record.balanceMinor, currency: record.amount.currency }),
          ),
        ]),
  ];
}

/**
 * The result screen of a card transaction: headline, the outcome's message in both languages, the
 * response code and its action class, what became of an unknown outcome, and the facts of the record.
 */
export function outcomeLines(outcome: TransactionOutcome, attemptsLeft?: number): UiText[] {
  const unknown = outcome.outcome === 'timeout' || outcome.outcome === 'mac-error';
  const recovery = unknown ? recoveryLine(outcome.record, attemptsLeft) : undefined;
  return [
    HEADLINES[outcome.outcome],
    outcome.message.zh,
    outcome.message.en,
    ...codeLines(outcome),
    ...(recovery === undefined ? [] : [recovery]),
    ...(outcome.signedInAgain ? [bilingual('已自动重新签到', 'Signed in again automatically')] : []),
    ...factLines(outcome.record),
  ];
}

export async function showOutcome(context: FlowContext, outcome: TransactionOutcome): Promise<void> {
  context.noteOutcome(outcome);
  const pending = context.terminal.status().pending.find((entry) => entry.voucher === outcome.record.stan);
  await showMessage(context, {
    id: 'result',
    title: TRANSACTION_TITLES[outcome.record.type],
    body: outcomeLines(outcome, pending?.attemptsLeft),
    tone: outcome.approved ? 'ok' : 'alert',
    dropTypeAhead: true,
  });
}

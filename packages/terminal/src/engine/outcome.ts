import { responseCodeInfo, type ActionClass, type ResponseAction } from '@payterm/protocol';
import type { JournalRecord } from '../journal/journal-record.js';
import type { Slip } from '../ports/printer.js';

export interface OperatorText {
  readonly zh: string;
  readonly en: string;
}

/** How a transaction ended, as the operator sees it. */
export type OutcomeKind = 'approved' | 'declined' | 'timeout' | 'mac-error' | 'not-sent';

export interface TransactionOutcome {
  readonly approved: boolean;
  readonly outcome: OutcomeKind;
  /** Field 39 of the answer; null when the host did not answer. */
  readonly responseCode: string | null;
  readonly message: OperatorText;
  readonly actionClass: ActionClass | null;
  readonly action: ResponseAction | null;
  readonly record: JournalRecord;
  /** Slips printed (merchant copy, then customer copy) for an approved transaction. */
  readonly slips: readonly Slip[];
  /** The printer ran out of paper: the transaction stands, the slips can be reprinted. */
  readonly paperOut: boolean;
  /** The terminal signed in again on its own after a `77`/`A0` or header digit 3. */
  readonly signedInAgain: boolean;
}

const LOCAL_TEXTS: Readonly<Record<Exclude<OutcomeKind, 'approved' | 'declined'>, OperatorText>> = {
  timeout: { zh: '交易超时，结果未知', en: 'No answer from the host: outcome unknown' },
  'mac-error': { zh: '响应MAC错，交易已取消', en: 'Response MAC error: transaction cancelled' },
  'not-sent': { zh: '连接主机失败，交易未发送', en: 'Host unreachable: nothing was sent' },
};

/** What happened to an unknown outcome, appended to the operator text. */
const RECOVERY_TEXTS: Readonly<Record<string, OperatorText>> = {
  reversed: { zh: '已冲正', en: 'reversed' },
  'reversal-pending': { zh: '冲正待发送', en: 'reversal pending' },
  'reversal-failed': { zh: '冲正失败，请联系银行', en: 'reversal failed: call the bank' },
  unknown: { zh: '结果待确认', en: 'outcome to be confirmed' },
  approved: { zh: '重发确认：成功', en: 'confirmed approved on repeat' },
  declined: { zh: '重发确认：失败', en: 'confirmed declined on repeat' },
};

export function outcomeMessage(
  kind: OutcomeKind,
  responseCode: string | null,
  record: JournalRecord,
): OperatorText {
  if (kind === 'approved' || kind === 'declined') {
    const info = responseCodeInfo(responseCode ?? '96');
    return { zh: info.zh, en: info.en };
  }
  const base = LOCAL_TEXTS[kind];
  const recovery = RECOVERY_TEXTS[record.status];
  if (recovery === undefined || kind === 'not-sent') return base;
  return { zh: `${base.zh}；${recovery.zh}`, en: `${base.en}; ${recovery.en}` };
}

export function buildOutcome(
  kind: OutcomeKind,
  record: JournalRecord,
  slips: readonly Slip[],
  signedInAgain: boolean,
  paperOut = false,
): TransactionOutcome {
  const responseCode = kind === 'approved' || kind === 'declined' ? (record.responseCode ?? null) : null;
  const info = responseCode === null ? undefined : responseCodeInfo(responseCode);
  return {
    approved: kind === 'approved',
    outcome: kind,
    responseCode,
    message: outcomeMessage(kind, responseCode, record),
    actionClass: info?.actionClass ?? null,
    action: info?.action ?? null,
    record,
    slips,
    paperOut,
    signedInAgain,
  };
}

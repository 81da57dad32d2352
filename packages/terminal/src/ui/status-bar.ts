import type { OperatorText } from '../engine/outcome.js';
import type { PendingOutcome, TerminalStatus } from '../engine/terminal-status.js';
import type { ResignInReason, SettlementReason } from '../engine/terminal-state.js';
import type { TransactionStatus } from '../journal/journal-record.js';
import type { StatusBar, StatusItem, StatusItemKind, StatusTone } from './screen.js';

/** An unknown outcome the terminal has resolved since: shown until the next transaction. */
export interface ResolvedOutcome {
  readonly voucher: string;
  readonly status: TransactionStatus;
}

const RESIGN_IN_REASONS: Readonly<Record<ResignInReason, OperatorText>> = {
  'never-signed-in': { zh: '', en: '' },
  'signed-off': { zh: '已签退', en: 'signed off' },
  'batch-mismatch': { zh: '批次不符，需重新签到', en: 'batch mismatch: sign in again' },
  'mac-error': { zh: 'MAC错，需重新签到', en: 'MAC error: sign in again' },
  'host-request': { zh: '主机要求重新签到', en: 'the host asked to sign in again' },
};

const SETTLEMENT_REASONS: Readonly<Record<SettlementReason, OperatorText>> = {
  'batch-full': { zh: '批次已满', en: 'batch full' },
  unfinished: { zh: '结算未完成', en: 'settlement not finished' },
};

const RESOLVED_TEXTS: Partial<Record<TransactionStatus, OperatorText>> = {
  reversed: { zh: '已冲正', en: 'reversed' },
  approved: { zh: '重发确认成功', en: 'confirmed approved' },
  declined: { zh: '重发确认失败', en: 'confirmed declined' },
};

function item(kind: StatusItemKind, tone: StatusTone, zh: string, en: string): StatusItem {
  return { kind, tone, zh, en };
}

function signInItem(status: TerminalStatus): StatusItem {
  if (status.signedIn) {
    return item('signed-in', 'ok', `已签到 批次 ${status.batch}`, `Signed in, batch ${status.batch}`);
  }
  const reason = status.resignInReason === null ? undefined : RESIGN_IN_REASONS[status.resignInReason];
  if (reason === undefined || reason.en === '')
    return item('not-signed-in', 'warning', '未签到', 'Not signed in');
  return item('not-signed-in', 'warning', `未签到（${reason.zh}）`, `Not signed in (${reason.en})`);
}

/** A reversal still to send, one given up, or a refund whose answer never came. */
export function pendingItem(pending: PendingOutcome): StatusItem {
  const voucher = pending.voucher;
  const left = pending.attemptsLeft;
  if (pending.status === 'reversal-failed') {
    return item(
      'reversal-failed',
      'alert',
      `冲正失败 凭证 ${voucher}，请联系银行`,
      `Reversal failed: voucher ${voucher}, call the bank`,
    );
  }
  if (pending.status === 'unknown') {
    const next =
      left > 0
        ? { zh: `重发剩余 ${left} 次`, en: `${left} repeats left` }
        : { zh: '结算时核对', en: 'checked at settlement' };
    return item(
      'unknown-outcome',
      'alert',
      `结果未知 凭证 ${voucher}，${next.zh}`,
      `Unknown outcome: voucher ${voucher}, ${next.en}`,
    );
  }
  const next =
    left > 0
      ? {
          zh: `剩余 ${left} 次，下笔交易前重发`,
          en: `${left} attempts left, next before the next transaction`,
        }
      : { zh: '请联系银行', en: 'call the bank' };
  return item(
    'reversal-pending',
    'alert',
    `冲正待发送 凭证 ${voucher}，${next.zh}`,
    `Reversal pending: voucher ${voucher}, ${next.en}`,
  );
}

function resolvedItem(resolved: ResolvedOutcome): StatusItem | undefined {
  const text = RESOLVED_TEXTS[resolved.status];
  if (text === undefined) return undefined;
  return item(
    'recovered',
    'info',
    `凭证 ${resolved.voucher} ${text.zh}`,
    `Voucher ${resolved.voucher} ${text.en}`,
  );
}

/**
 * The status bar: who is logged in, signed in (batch) or not and why, every reversal or unknown
 * outcome with its voucher and attempts left, the last unknown outcome resolved, offline, locked,
 * settlement required, an upgrade available or ready to install.
 */
export function buildStatusBar(status: TerminalStatus, resolved?: ResolvedOutcome): StatusBar {
  const items: StatusItem[] = [signInItem(status)];
  for (const pending of status.pending) items.push(pendingItem(pending));
  if (resolved !== undefined && !status.pending.some((pending) => pending.voucher === resolved.voucher)) {
    const done = resolvedItem(resolved);
    if (done !== undefined) items.push(done);
  }
  if (status.offline) items.push(item('offline', 'alert', '脱机：主机不可达', 'Offline: host unreachable'));
  if (status.locked) items.push(item('locked', 'warning', '终端已锁定', 'Terminal locked'));
  if (status.settlementRequired !== null) {
    const reason = SETTLEMENT_REASONS[status.settlementRequired];
    items.push(
      item(
        'settlement-required',
        'warning',
        `需要结算（${reason.zh}）`,
        `Settlement required (${reason.en})`,
      ),
    );
  }
  if (status.upgrade === 'ready')
    items.push(item('upgrade', 'info', '升级包已就绪，可安装', 'Upgrade ready to install'));
  else if (status.upgrade === 'available')
    items.push(item('upgrade', 'info', '有可用升级', 'Upgrade available'));
  return { tid: status.tid, merchantName: status.merchantName, operator: status.operator, items };
}

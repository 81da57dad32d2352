import type { OperatorText, TransactionStatus } from '@payterm/terminal';

/** The checks of the boot screen, in their order. */
export const SELF_TEST_CHECKS = ['journal', 'keys', 'software', 'host', 'recovery', 'upgrade'] as const;
export type SelfTestCheck = (typeof SELF_TEST_CHECKS)[number];

export type SelfTestState = 'running' | 'ok' | 'warning' | 'failed';

/** One line of the self-test as the boot screen shows it. */
export interface SelfTestStep {
  readonly check: SelfTestCheck;
  readonly state: SelfTestState;
  readonly detail: OperatorText;
}

export const CHECK_NAMES: Readonly<Record<SelfTestCheck, OperatorText>> = {
  journal: { zh: '交易日志', en: 'Journal' },
  keys: { zh: '安全模块与密钥', en: 'Security module and keys' },
  software: { zh: '软件版本', en: 'Software version' },
  host: { zh: '主机回响测试', en: 'Host echo test' },
  recovery: { zh: '未完成交易', en: 'Interrupted transactions' },
  upgrade: { zh: '升级自检', en: 'Upgrade self-test' },
};

/** The steps with `step` in its place: a check reported again replaces its earlier line. */
export function withStep(steps: readonly SelfTestStep[], step: SelfTestStep): SelfTestStep[] {
  const next = steps.filter((existing) => existing.check !== step.check);
  next.push(step);
  return next.sort((a, b) => SELF_TEST_CHECKS.indexOf(a.check) - SELF_TEST_CHECKS.indexOf(b.check));
}

/** `12 条记录, 3.4 KB` / `12 records, 3.4 KB`. */
export function journalDetail(usage: { readonly documents: number; readonly bytes: number }): OperatorText {
  const size = usage.bytes < 1024 ? `${usage.bytes} B` : `${(usage.bytes / 1024).toFixed(1)} KB`;
  return { zh: `${usage.documents} 条记录，${size}`, en: `${usage.documents} records, ${size}` };
}

const RECOVERED: Partial<Record<TransactionStatus, OperatorText>> = {
  reversed: { zh: '已冲正', en: 'reversed' },
  approved: { zh: '重发确认成功', en: 'confirmed approved' },
  declined: { zh: '重发确认失败', en: 'confirmed declined' },
};

/** What became of each transaction a power loss left unfinished: `凭证 000003 已冲正` / `voucher 000003 reversed`. */
export function recoveryDetail(
  records: readonly { readonly stan: string; readonly status: TransactionStatus }[],
): OperatorText {
  const parts = records.map((record) => {
    const text = RECOVERED[record.status] ?? { zh: '待处理', en: 'still pending' };
    return { zh: `凭证 ${record.stan} ${text.zh}`, en: `voucher ${record.stan} ${text.en}` };
  });
  return { zh: parts.map((part) => part.zh).join('，'), en: parts.map((part) => part.en).join(', ') };
}

/** A boot worth a look: something was recovered or upgraded, or a check warned (offline, no master key). */
export function isNoteworthy(steps: readonly SelfTestStep[]): boolean {
  return steps.some(
    (step) =>
      step.check === 'recovery' ||
      step.check === 'upgrade' ||
      step.state === 'warning' ||
      step.state === 'failed',
  );
}

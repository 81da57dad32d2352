import { localTime } from '../engine/terminal-time.js';
import type { OperatorText } from '../engine/outcome.js';
import { TerminalError, type TerminalErrorCode } from '../errors.js';
import { UPGRADE_TEXTS } from '../upgrade/upgrade-texts.js';

const ZH_BY_CODE: Readonly<Record<TerminalErrorCode, string>> = {
  TERMINAL_INVALID_INPUT: '输入有误',
  TERMINAL_NOT_PROVISIONED: '终端未初始化（无主密钥），请管理员装载密钥',
  TERMINAL_LOGIN_REQUIRED: '请先登录',
  TERMINAL_PASSWORD_WRONG: '密码错误',
  TERMINAL_PASSWORD_CHANGE_REQUIRED: '请先修改默认密码',
  TERMINAL_OPERATOR_LOCKED: '操作员已锁定',
  TERMINAL_OPERATOR_EXISTS: '操作员已存在',
  TERMINAL_OPERATOR_UNKNOWN: '无此操作员',
  TERMINAL_PERMISSION_DENIED: '无权限，请主管或管理员操作',
  TERMINAL_LOCKED: '终端已锁定，请登录解锁',
  TERMINAL_NOT_SIGNED_IN: '请先签到（管理 9 → 1）',
  TERMINAL_SIGN_IN_KEYS_INVALID: '签到密钥校验失败',
  TERMINAL_REVERSAL_PENDING: '有冲正未发送，请检查网络后重试',
  TERMINAL_HOST_UNREACHABLE: '连接主机失败',
  TERMINAL_RESPONSE_TIMEOUT: '主机无应答',
  TERMINAL_RESPONSE_INVALID: '主机应答无效',
  TERMINAL_TRANSACTION_UNKNOWN: '无此交易',
  TERMINAL_TRANSACTION_NOT_ALLOWED: '原交易不允许此操作',
  TERMINAL_CANCELLED: '已取消',
  TERMINAL_SETTLEMENT_REQUIRED: '请先结算',
  TERMINAL_STORAGE_FAILED: '存储读写失败',
  TERMINAL_APPLICATION_INCOMPATIBLE: '应用程序与本机固件不兼容',
  ...(Object.fromEntries(Object.entries(UPGRADE_TEXTS).map(([code, text]) => [code, text.zh])) as Record<
    keyof typeof UPGRADE_TEXTS,
    string
  >),
};

/** `2025-06-01 12:40:00` in the terminal's time zone. */
export function localDateTime(iso: string, utcOffsetMinutes: number): string {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return iso;
  const local = localTime(epochMs, utcOffsetMinutes);
  const time = local.hhmmss;
  return `${local.date} ${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`;
}

function lockedText(error: TerminalError, utcOffsetMinutes: number): OperatorText {
  const operator = String(error.details['operator'] ?? '');
  const until = error.details['lockedUntil'];
  if (typeof until !== 'string') return { zh: `操作员 ${operator} 已锁定`, en: error.message };
  const local = localDateTime(until, utcOffsetMinutes);
  return { zh: `操作员 ${operator} 已锁定至 ${local}`, en: `Operator ${operator} is locked until ${local}` };
}

/** The operator text of a TerminalError: Chinese by code, the error's English message. */
export function terminalErrorText(error: TerminalError, utcOffsetMinutes: number): OperatorText {
  if (error.code === 'TERMINAL_OPERATOR_LOCKED') return lockedText(error, utcOffsetMinutes);
  const zh = ZH_BY_CODE[error.code];
  const triesLeft = error.details['triesLeft'];
  if (error.code === 'TERMINAL_PASSWORD_WRONG' && typeof triesLeft === 'number') {
    return { zh: `${zh}，还可尝试 ${triesLeft} 次`, en: `${error.message}: ${triesLeft} tries left` };
  }
  return { zh, en: error.message };
}

/**
 * What the screen says about any failure: a TerminalError's text and code, or for anything else (a bug,
 * a device fault) that it happened and its message, so the operator can report it.
 */
export function describeError(error: unknown, utcOffsetMinutes: number): OperatorText[] {
  if (error instanceof TerminalError) {
    return [
      terminalErrorText(error, utcOffsetMinutes),
      { zh: `错误码 ${error.code}`, en: `Code ${error.code}` },
    ];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ zh: `系统错误：${message}`, en: `Unexpected error: ${message}` }];
}

import type { OperatorText } from '../engine/outcome.js';
import type { TerminalErrorCode } from '../errors.js';

/** The terminal-management codes of the terminal's own catalogue. */
export type UpgradeErrorCode =
  Extract<TerminalErrorCode, `UPGRADE_${string}`> | 'TERMINAL_PARAMETERS_INVALID';

/** What the operator reads for each upgrade refusal or failure (docs/TMS.md §3), in both languages. */
export const UPGRADE_TEXTS: Readonly<Record<UpgradeErrorCode, OperatorText>> = {
  TERMINAL_PARAMETERS_INVALID: {
    zh: '主机下发的参数无效，未更新',
    en: 'The parameters from the host are invalid: nothing changed',
  },
  UPGRADE_BATTERY_LOW: {
    zh: '电量低于 30%，请接通电源后再升级',
    en: 'Battery below 30 %: connect the charger, then upgrade',
  },
  UPGRADE_STORAGE_LOW: { zh: '存储空间不足，无法下载升级包', en: 'Not enough free storage for the package' },
  UPGRADE_STORAGE_FULL: { zh: '存储已满，下载已删除', en: 'Storage full: the download was deleted' },
  UPGRADE_SETTLE_FIRST: { zh: '请先结算', en: 'Settle first' },
  UPGRADE_NO_TRUSTED_KEY: {
    zh: '终端无软件签名公钥，无法升级',
    en: 'No software signing key on this terminal: no upgrade',
  },
  UPGRADE_NO_OFFER: { zh: '已是最新版本', en: 'No newer version is offered' },
  UPGRADE_OFFER_MISMATCH: {
    zh: '升级包与主机通知不符',
    en: 'The package does not match what the host offered',
  },
  UPGRADE_HOST_REFUSED: { zh: '主机拒绝下载', en: 'The host refused the download' },
  UPGRADE_CHUNK_INVALID: { zh: '下载数据无效', en: 'The host sent invalid package data' },
  UPGRADE_INTERRUPTED: {
    zh: '下载中断，下次从断点继续',
    en: 'Download interrupted: it resumes where it stopped',
  },
  UPGRADE_NOT_DOWNLOADING: { zh: '没有进行中的下载', en: 'No download is under way' },
  UPGRADE_NOT_VERIFIED: { zh: '没有已校验的升级包', en: 'No verified package to install' },
  UPGRADE_NO_TRIAL: { zh: '没有试运行的版本', en: 'No trial version is running' },
  UPGRADE_SLOT_CORRUPT: { zh: '升级包存储损坏', en: 'The stored package is damaged' },
  UPGRADE_SELF_TEST_FAILED: {
    zh: '新版本自检失败，已回退',
    en: 'The new version failed its self-test: rolled back',
  },
  UPGRADE_TRIAL_UNCONFIRMED: {
    zh: '新版本试运行未确认，已回退',
    en: 'The new version was not confirmed (power cut?): rolled back',
  },
};

/** The verification failures of @payterm/software (docs/TMS.md §1). */
export const SOFTWARE_TEXTS: Readonly<Record<string, OperatorText>> = {
  SOFTWARE_BAD_SIGNATURE: { zh: '升级包签名无效', en: 'The package signature is invalid' },
  SOFTWARE_UNKNOWN_KEY: { zh: '升级包签名密钥不受信任', en: 'The package is signed by an untrusted key' },
  SOFTWARE_BAD_HASH: {
    zh: '升级包校验值不符（已篡改或损坏）',
    en: 'The package hash does not match (tampered or damaged)',
  },
  SOFTWARE_DOWNGRADE: {
    zh: '不允许降级或重复安装',
    en: 'Not above the installed versions (no downgrade or replay)',
  },
  SOFTWARE_INCOMPATIBLE: {
    zh: '升级包与本机不兼容（版本过旧？）',
    en: 'The package is not for this terminal (version too old?)',
  },
  SOFTWARE_TRUNCATED: { zh: '升级包不完整', en: 'The package is truncated' },
  SOFTWARE_MALFORMED: { zh: '升级包格式错误', en: 'The package is malformed' },
};

/** The operator text of any reason code the upgrade reports (`UPGRADE_*`, `SOFTWARE_*`). */
export function reasonText(code: string): OperatorText {
  return (
    (UPGRADE_TEXTS as Readonly<Record<string, OperatorText>>)[code] ??
    SOFTWARE_TEXTS[code] ?? { zh: `升级失败 ${code}`, en: `Upgrade failed: ${code}` }
  );
}

import { systemRandom, type RandomSource } from '@payterm/kernel';
import {
  DEMO_TERMINALS,
  DEMO_TMK_HEX,
  DEMO_TMK_KCV,
  SoftwareSecurityModule,
  type OperatorText,
  type PosTerminal,
} from '@payterm/terminal';
import { IndexedDbStorage, terminalDatabaseName } from '@payterm/terminal/browser';
import { loadOrCreateDeviceKey } from './device-key-store.js';
import { journalDetail, recoveryDetail, type SelfTestStep } from './self-test.js';

/** What the boot checks need of the power-on options. */
export interface BootCheckContext {
  readonly tid: string;
  /** Each self-test line as it starts and ends. */
  readonly onStep: (step: SelfTestStep) => void;
  readonly platform?: { readonly indexedDB?: IDBFactory; readonly random?: RandomSource };
}

/** The self-test found something the device cannot run without; the boot screen shows it. */
export class BootFailure extends Error {
  constructor(readonly text: OperatorText) {
    super(text.en);
    this.name = 'BootFailure';
  }
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openJournal(options: BootCheckContext): Promise<IndexedDbStorage> {
  options.onStep({ check: 'journal', state: 'running', detail: { zh: '读取中', en: 'Reading' } });
  try {
    const indexedDB = options.platform?.indexedDB;
    const storage = await IndexedDbStorage.open(
      terminalDatabaseName(options.tid),
      indexedDB === undefined ? {} : { indexedDB },
    );
    try {
      options.onStep({ check: 'journal', state: 'ok', detail: journalDetail(await storage.usage()) });
      return storage;
    } catch (error) {
      await storage.close();
      throw error;
    }
  } catch (error) {
    const text = {
      zh: `交易日志不可读：${reason(error)}`,
      en: `The journal cannot be read: ${reason(error)}`,
    };
    options.onStep({ check: 'journal', state: 'failed', detail: text });
    throw new BootFailure(text);
  }
}

/** The security module under the device key; a demo TID gets the published test TMK on its first start. */
export async function openSecurity(
  options: BootCheckContext,
  storage: IndexedDbStorage,
): Promise<SoftwareSecurityModule> {
  options.onStep({ check: 'keys', state: 'running', detail: { zh: '检查中', en: 'Checking' } });
  try {
    const random = options.platform?.random ?? systemRandom;
    const indexedDB = options.platform?.indexedDB;
    const deviceKey = await loadOrCreateDeviceKey(options.tid, {
      random,
      ...(indexedDB === undefined ? {} : { indexedDB }),
    });
    const security = await SoftwareSecurityModule.open({ storage, deviceKey, random });
    deviceKey.fill(0);
    if (!security.hasMasterKey() && DEMO_TERMINALS[options.tid] !== undefined) {
      await security.loadMasterKey(DEMO_TMK_HEX, DEMO_TMK_KCV);
    }
    const tmk = security.checkValues().tmk;
    options.onStep(
      tmk === undefined
        ? {
            check: 'keys',
            state: 'warning',
            detail: {
              zh: '未装主密钥：请管理员在 9 管理中装入',
              en: 'No master key: the administrator loads it (menu 9)',
            },
          }
        : { check: 'keys', state: 'ok', detail: { zh: `主密钥 KCV ${tmk}`, en: `Master key KCV ${tmk}` } },
    );
    return security;
  } catch (error) {
    const text = {
      zh: `安全模块故障：${reason(error)}`,
      en: `The security module failed: ${reason(error)}`,
    };
    options.onStep({ check: 'keys', state: 'failed', detail: text });
    throw new BootFailure(text);
  }
}

/** Echo test (0820/301): the host is there, or the device starts offline. */
export async function echoHost(options: BootCheckContext, terminal: PosTerminal): Promise<boolean> {
  options.onStep({ check: 'host', state: 'running', detail: { zh: '连接主机', en: 'Calling the host' } });
  try {
    const echo = await terminal.echo();
    if (echo.approved) {
      const ms = echo.roundTripMs === null ? '' : ` ${Math.round(echo.roundTripMs)} ms`;
      options.onStep({ check: 'host', state: 'ok', detail: { zh: `主机在线${ms}`, en: `Host online${ms}` } });
      return true;
    }
    const code = echo.responseCode === null ? '' : ` (${echo.responseCode})`;
    options.onStep({
      check: 'host',
      state: 'warning',
      detail: {
        zh: `${echo.message.zh}${code}，脱机启动`,
        en: `${echo.message.en}${code}: starting offline`,
      },
    });
  } catch (error) {
    options.onStep({
      check: 'host',
      state: 'warning',
      detail: {
        zh: `主机不可达，脱机启动：${reason(error)}`,
        en: `Host unreachable, starting offline: ${reason(error)}`,
      },
    });
  }
  return false;
}

/**
 * Transactions a power loss (a page reload) left without an answer were marked at open; a signed-in
 * device that reaches the host resolves them now, as a real terminal does when it comes back.
 */
export async function resolveInterrupted(
  options: BootCheckContext,
  terminal: PosTerminal,
  online: boolean,
): Promise<void> {
  const pending = terminal.status().pending.filter((outcome) => outcome.status !== 'reversal-failed');
  const interrupted = terminal.interruptedAtStart.length;
  if (pending.length === 0) {
    if (interrupted > 0) {
      options.onStep({
        check: 'recovery',
        state: 'ok',
        detail: {
          zh: `${interrupted} 笔中断交易已处理`,
          en: `${interrupted} interrupted transactions settled`,
        },
      });
    }
    return;
  }
  if (!online || !terminal.status().signedIn) {
    options.onStep({
      check: 'recovery',
      state: 'warning',
      detail: {
        zh: `${pending.length} 笔待冲正/待确认，签到后自动处理`,
        en: `${pending.length} to reverse or confirm: sent after the next sign-in`,
      },
    });
    return;
  }
  options.onStep({
    check: 'recovery',
    state: 'running',
    detail: { zh: '冲正/重发中', en: 'Reversing or repeating' },
  });
  try {
    const reports = await terminal.resolvePending();
    options.onStep({
      check: 'recovery',
      state: terminal.status().pending.length === 0 ? 'ok' : 'warning',
      detail: recoveryDetail(reports.map((report) => report.record)),
    });
  } catch (error) {
    options.onStep({
      check: 'recovery',
      state: 'warning',
      detail: { zh: `稍后重试：${reason(error)}`, en: `Tried again later: ${reason(error)}` },
    });
  }
}

import {
  SELF_TEST_TEXTS,
  type OperatorText,
  type PosTerminal,
  type TerminalApplication,
} from '@payterm/terminal';
import {
  loadApplication,
  runTrialSelfTest,
  type BootRollback,
  type LoadedApplication,
  type TrialOutcome,
} from '@payterm/terminal/browser';
import type { SelfTestStep } from './self-test.js';

export interface SoftwareBootContext {
  readonly onStep: (step: SelfTestStep) => void;
  readonly nowIso: () => string;
  /** Loads a verified application module (default: the browser's blob URL import). */
  readonly importApplication?: (payload: Uint8Array) => Promise<TerminalApplication>;
}

function where(loaded: LoadedApplication): OperatorText {
  if (loaded.target === 'factory') return { zh: '出厂', en: 'factory' };
  return loaded.trial
    ? { zh: `槽位 ${loaded.target}，试运行`, en: `slot ${loaded.target}, trial` }
    : { zh: `槽位 ${loaded.target}`, en: `slot ${loaded.target}` };
}

/** `0.2.0（槽位 A）` / `0.2.0 (slot A)`, then each version rolled back on the way and why. */
export function versionDetail(loaded: LoadedApplication): OperatorText {
  const at = where(loaded);
  const back = loaded.rolledBack.map((rollback) => ({
    zh: `；${rollback.version} 已回退：${rollback.reason}`,
    en: `; ${rollback.version} rolled back: ${rollback.reason}`,
  }));
  return {
    zh: `${loaded.version}（${at.zh}）${back.map((text) => text.zh).join('')}`,
    en: `${loaded.version} (${at.en})${back.map((text) => text.en).join('')}`,
  };
}

/** The boot loader's line of the self-test: which version starts, and what it had to roll back. */
export async function loadSoftware(
  context: SoftwareBootContext,
  storage: Parameters<typeof loadApplication>[0],
): Promise<LoadedApplication> {
  context.onStep({ check: 'software', state: 'running', detail: { zh: '载入中', en: 'Loading' } });
  const loaded = await loadApplication(storage, {
    nowIso: context.nowIso,
    ...(context.importApplication === undefined ? {} : { importModule: context.importApplication }),
  });
  context.onStep({
    check: 'software',
    state: loaded.rolledBack.length > 0 ? 'warning' : 'ok',
    detail: versionDetail(loaded),
  });
  return loaded;
}

/** `日志 ✓ 密钥 ✓ …` / `Journal readable ✓ · Keys present ✓ …` of the checks that ran. */
function checksDetail(outcome: TrialOutcome): OperatorText {
  const marks = outcome.selfTest.checks.map((check) => ({
    zh: `${SELF_TEST_TEXTS[check.check].zh} ${check.ok ? '✓' : '✗'}`,
    en: `${SELF_TEST_TEXTS[check.check].en} ${check.ok ? '✓' : '✗'}`,
  }));
  return { zh: marks.map((mark) => mark.zh).join('，'), en: marks.map((mark) => mark.en).join(' · ') };
}

/**
 * A trial boot's line: the upgrade self-test (journal, keys, echo, sign-in), then the version confirmed,
 * or rolled back with the reason (the caller restarts into the previous version).
 */
export async function trialSelfTest(
  context: SoftwareBootContext,
  terminal: PosTerminal,
  version: string,
): Promise<TrialOutcome> {
  context.onStep({
    check: 'upgrade',
    state: 'running',
    detail: {
      zh: `${version} 自检：日志、密钥、回响、签到`,
      en: `Testing ${version}: journal, keys, echo, sign-in`,
    },
  });
  const outcome = await runTrialSelfTest(terminal, version);
  const checks = checksDetail(outcome);
  context.onStep(
    outcome.confirmed
      ? {
          check: 'upgrade',
          state: 'ok',
          detail: { zh: `${version} 已确认（${checks.zh}）`, en: `${version} confirmed (${checks.en})` },
        }
      : {
          check: 'upgrade',
          state: 'failed',
          detail: {
            zh: `${version} 自检失败，已回退，重新启动上一版本（${checks.zh}）：${outcome.reason}`,
            en: `${version} rolled back, restarting the previous version: ${outcome.reason}`,
          },
        },
  );
  return outcome;
}

/** What the boot screen asks the operator to read before the device goes on: each rollback and why. */
export function rollbackNotice(rolledBack: readonly BootRollback[], running: string): OperatorText {
  return {
    zh: `${rolledBack.map((rollback) => `版本 ${rollback.version} 已回退：${rollback.reason}`).join('；')}。现运行 ${running}`,
    en: `${rolledBack.map((rollback) => `Version ${rollback.version} was rolled back: ${rollback.reason}`).join('; ')}. Running ${running}`,
  };
}

import type { OperatorText } from '../engine/outcome.js';
import { echo, signIn } from '../engine/sign-in.js';
import type { TerminalCore } from '../engine/terminal-core.js';

export type SelfTestCheck = 'journal' | 'keys' | 'echo' | 'sign-in';

export interface SelfTestResult {
  readonly passed: boolean;
  /** The first check that failed. */
  readonly failed?: SelfTestCheck;
  readonly checks: readonly {
    readonly check: SelfTestCheck;
    readonly ok: boolean;
    readonly detail: string;
  }[];
}

export const SELF_TEST_TEXTS: Readonly<Record<SelfTestCheck, OperatorText>> = {
  journal: { zh: '交易日志可读', en: 'Journal readable' },
  keys: { zh: '密钥存在', en: 'Keys present' },
  echo: { zh: '回响测试', en: 'Echo test' },
  'sign-in': { zh: '签到', en: 'Sign-in' },
};

/**
 * The self-test of a trial boot (docs/TMS.md §3.6): the journal reads back whole, the master key is
 * there, the host answers an echo and a sign-in. Stops at the first failure: a later check would only
 * fail for the same reason.
 */
export async function runSelfTest(core: TerminalCore): Promise<SelfTestResult> {
  const checks: { check: SelfTestCheck; ok: boolean; detail: string }[] = [];
  const record = (check: SelfTestCheck, ok: boolean, detail: string): boolean => {
    checks.push({ check, ok, detail });
    return ok;
  };
  const finish = (): SelfTestResult => {
    const failed = checks.find((entry) => !entry.ok)?.check;
    return failed === undefined ? { passed: true, checks } : { passed: false, failed, checks };
  };
  try {
    const stored = await core.devices.storage.list('journal');
    const held = core.journal.all().length;
    if (!record('journal', stored.length === held, `${stored.length} records stored, ${held} loaded`))
      return finish();
  } catch (error) {
    record('journal', false, error instanceof Error ? error.message : String(error));
    return finish();
  }
  if (!record('keys', core.devices.security.hasMasterKey(), 'terminal master key')) return finish();
  const echoed = await echo(core);
  if (!record('echo', echoed.approved, echoed.message.en)) return finish();
  const signedIn = await signIn(core).catch((error: unknown) => ({
    approved: false,
    message: { en: error instanceof Error ? error.message : String(error) },
  }));
  record('sign-in', signedIn.approved, signedIn.message.en);
  return finish();
}

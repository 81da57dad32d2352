import type { Diagnostics } from '../../engine/diagnostics.js';
import type { OperatorText } from '../../engine/outcome.js';
import type { ManagementOutcome } from '../../engine/sign-in.js';
import type { SettlementOutcome } from '../../engine/settlement.js';
import type { SettlementHalfTotals } from '../../journal/settlement-report.js';
import { amountText } from '../amount-text.js';
import { SessionEnded } from '../prompt.js';
import { pendingItem } from '../status-bar.js';
import { bilingual, labelled, type UiText } from '../ui-text.js';
import { busy, confirm, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import { runMenu, type MenuDefinition } from './menu.js';
import { OPERATORS_MENU } from './operator-flows.js';
import { responseCodeLine } from './record-lines.js';
import { totalsLines } from './query-flows.js';
import { SOFTWARE_MENU } from './software-flows.js';

const MANAGEMENT = bilingual('管理', 'Management');
const SIGN_IN = bilingual('签到', 'Sign-in');
const SIGN_OFF = bilingual('签退', 'Sign-off');
const SETTLE = bilingual('结算', 'Settlement');
const LOCK = bilingual('锁定终端', 'Lock terminal');
const DIAGNOSTICS = bilingual('诊断', 'Diagnostics');
const LANGUAGE = bilingual('语言', 'Language');
const LOG_OUT = bilingual('退出登录', 'Log out');

/** The host's answer in both languages and its response code. */
function responseLines(outcome: Pick<ManagementOutcome, 'message' | 'responseCode'>): UiText[] {
  return [outcome.message.zh, outcome.message.en, responseCodeLine(outcome.responseCode)];
}

async function signInFlow(context: FlowContext): Promise<void> {
  busy(context, 'sign-in.online', SIGN_IN);
  const outcome = await context.terminal.signIn();
  const keys = outcome.checkValues;
  const body: UiText[] = [
    outcome.approved ? bilingual('签到成功', 'Signed in') : bilingual('签到失败', 'Sign-in failed'),
    ...responseLines(outcome),
    labelled(bilingual('批次号', 'Batch'), outcome.batch),
    ...(outcome.approved ? [`PIK ${keys.pik ?? '-'}  MAK ${keys.mak ?? '-'}`] : []),
  ];
  await showMessage(context, {
    id: 'sign-in.result',
    title: SIGN_IN,
    body,
    tone: outcome.approved ? 'ok' : 'alert',
  });
}

async function signOffFlow(context: FlowContext): Promise<void> {
  busy(context, 'sign-off.online', SIGN_OFF);
  const outcome = await context.terminal.signOff();
  const body = [bilingual('已签退', 'Signed off'), ...responseLines(outcome)];
  await showMessage(context, {
    id: 'sign-off.result',
    title: SIGN_OFF,
    body,
    tone: outcome.approved ? 'ok' : 'warning',
  });
}

function halfLine(name: OperatorText, half: SettlementHalfTotals, currency: string): OperatorText {
  const debit = amountText({ amountMinor: half.debitMinor, currency });
  const credit = amountText({ amountMinor: half.creditMinor, currency });
  return {
    zh: `${name.zh} 借记 ${half.debitCount} 笔 ${debit} 贷记 ${half.creditCount} 笔 ${credit}`,
    en: `${name.en}: debit ${half.debitCount} ${debit}, credit ${half.creditCount} ${credit}`,
  };
}

/** The settlement result: the host's answer, both halves, balanced or not and what was uploaded. */
export function settlementLines(outcome: SettlementOutcome): UiText[] {
  const lines = responseLines(outcome);
  const report = outcome.report;
  if (report === undefined) return lines;
  lines.push(
    labelled(bilingual('批次号', 'Batch'), report.batch),
    halfLine(bilingual('内卡', 'Domestic'), report.domestic, report.currency),
    halfLine(bilingual('外卡', 'Foreign'), report.foreign, report.currency),
    report.balanced ? bilingual('对账平', 'Balanced') : bilingual('对账不平', 'Unbalanced'),
  );
  if (!report.balanced) {
    lines.push({
      zh: `已上送 ${report.uploadedCount} 笔明细`,
      en: `${report.uploadedCount} transactions uploaded`,
    });
  }
  lines.push(labelled(bilingual('新批次号', 'Next batch'), report.nextBatch));
  return lines;
}

async function settleFlow(context: FlowContext): Promise<void> {
  const batch = context.terminal.status().batch;
  const summary = [labelled(bilingual('批次号', 'Batch'), batch), ...totalsLines(context.terminal.totals())];
  await confirm(context, 'settle.confirm', SETTLE, summary);
  busy(context, 'settle.online', SETTLE);
  const outcome = await context.terminal.settle();
  await showMessage(context, {
    id: 'settle.result',
    title: SETTLE,
    body: settlementLines(outcome),
    tone: outcome.approved && outcome.report?.balanced === true ? 'ok' : 'alert',
  });
}

async function lockFlow(context: FlowContext): Promise<void> {
  await confirm(context, 'lock.confirm', LOCK, [
    bilingual('锁定后须登录才能使用', 'After locking, an operator must log in'),
  ]);
  await context.terminal.lock();
  throw new SessionEnded();
}

/** The diagnostics screen of product.md. */
export function diagnosticsLines(diagnostics: Diagnostics): UiText[] {
  const echo = diagnostics.echo;
  const keys = diagnostics.checkValues;
  const reach: OperatorText =
    echo.roundTripMs === null
      ? { zh: `主机 ${echo.endpoint} ${echo.message.zh}`, en: `Host ${echo.endpoint}: ${echo.message.en}` }
      : {
          zh: `主机 ${echo.endpoint} 可达 ${echo.roundTripMs} ms`,
          en: `Host ${echo.endpoint}: reachable, ${echo.roundTripMs} ms`,
        };
  return [
    reach,
    `KCV TMK ${keys.tmk ?? '-'} PIK ${keys.pik ?? '-'} MAK ${keys.mak ?? '-'}`,
    {
      zh: `批次 ${diagnostics.batch} 共 ${diagnostics.batchCount} 笔`,
      en: `Batch ${diagnostics.batch}: ${diagnostics.batchCount} transactions`,
    },
    diagnostics.pending.length === 0
      ? bilingual('无待冲正交易', 'No pending reversals')
      : { zh: `待处理 ${diagnostics.pending.length} 笔`, en: `${diagnostics.pending.length} pending` },
    ...diagnostics.pending.map(pendingItem),
    labelled(bilingual('软件版本', 'Software version'), diagnostics.softwareVersion),
    ...(diagnostics.upgrade === undefined
      ? []
      : [
          diagnostics.upgrade === 'ready'
            ? bilingual('升级包已就绪，可安装', 'Upgrade ready to install')
            : bilingual('有可用升级', 'Upgrade available'),
        ]),
    {
      zh: `日志存储 ${diagnostics.journal.documents} 条 ${diagnostics.journal.bytes} 字节`,
      en: `Journal: ${diagnostics.journal.documents} documents, ${diagnostics.journal.bytes} bytes`,
    },
    {
      zh: `与主机时钟偏差 ${diagnostics.clockOffsetMs} ms`,
      en: `Clock offset to the host: ${diagnostics.clockOffsetMs} ms`,
    },
    {
      zh: `未匹配应答 ${diagnostics.unmatchedResponses}`,
      en: `Unmatched responses: ${diagnostics.unmatchedResponses}`,
    },
  ];
}

async function diagnosticsFlow(context: FlowContext): Promise<void> {
  busy(context, 'diagnostics.online', DIAGNOSTICS);
  const diagnostics = await context.terminal.diagnose();
  await showMessage(context, {
    id: 'diagnostics.result',
    title: DIAGNOSTICS,
    body: diagnosticsLines(diagnostics),
  });
}

async function languageFlow(context: FlowContext): Promise<void> {
  const answer = await context.screens.ask({
    kind: 'menu',
    id: 'language',
    title: LANGUAGE,
    items: [
      { key: '1', label: bilingual('中文', 'Chinese') },
      { key: '2', label: bilingual('English', 'English') },
    ],
  });
  if (answer.type !== 'value') return;
  context.screens.setLanguage(answer.value === '1' ? 'zh' : 'en');
}

async function logOutFlow(context: FlowContext): Promise<void> {
  context.terminal.logout();
  throw new SessionEnded();
}

/** Menu 9: sign-in, sign-off, settlement, operators, lock, diagnostics, language, log out, upgrade & parameters. */
export const MANAGEMENT_MENU: MenuDefinition = {
  id: 'menu.management',
  title: MANAGEMENT,
  entries: [
    { label: SIGN_IN, run: signInFlow },
    { label: SIGN_OFF, run: signOffFlow },
    { label: SETTLE, run: settleFlow },
    { label: OPERATORS_MENU.title, run: (context) => runMenu(context, OPERATORS_MENU) },
    { label: LOCK, run: lockFlow },
    { label: DIAGNOSTICS, run: diagnosticsFlow },
    { label: LANGUAGE, run: languageFlow },
    { label: LOG_OUT, run: logOutFlow },
    { label: SOFTWARE_MENU.title, run: (context) => runMenu(context, SOFTWARE_MENU) },
  ],
};

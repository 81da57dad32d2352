import { compareVersions } from '@payterm/software';
import type { OperatorText } from '../../engine/outcome.js';
import type { ParameterOutcome } from '../../tms/parameter-download.js';
import type { DownloadProgress } from '../../upgrade/chunk-download.js';
import type { SlotState, SoftwareState } from '../../upgrade/slot-types.js';
import type { UpgradeOutcome } from '../../upgrade/software-updater.js';
import { reasonText } from '../../upgrade/upgrade-texts.js';
import { bilingual, labelled, type UiText } from '../ui-text.js';
import { TEXTS } from '../ui-texts.js';
import { busy, confirm, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';
import { responseCodeLine } from './record-lines.js';

const SOFTWARE = bilingual('版本升级与参数', 'Upgrade & parameters');
const VERSION = bilingual('版本信息', 'Version');
const CHECK = bilingual('检查更新', 'Check for update');
const INSTALL = bilingual('安装升级', 'Install upgrade');
const PARAMETERS = bilingual('下载参数', 'Download parameters');
const UP_TO_DATE = bilingual('已是最新版本', 'No newer version is offered');

const SLOT_STATES: Readonly<Record<SlotState, OperatorText>> = {
  empty: { zh: '空', en: 'empty' },
  downloading: { zh: '下载中', en: 'downloading' },
  verified: { zh: '已校验待安装', en: 'verified, ready to install' },
  trial: { zh: '试运行', en: 'trial' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  failed: { zh: '失败', en: 'failed' },
};

const RESULT_STATES: Readonly<Record<string, OperatorText>> = {
  downloading: { zh: '下载中', en: 'downloading' },
  verifying: { zh: '校验中', en: 'verifying' },
  verified: { zh: '已下载并校验', en: 'downloaded and verified' },
  trial: { zh: '已安装，待重启', en: 'installed, restart to run it' },
  installed: { zh: '升级成功', en: 'installed' },
  failed: { zh: '升级失败', en: 'failed' },
  'rolled-back': { zh: '已回退', en: 'rolled back' },
  refused: { zh: '未升级', en: 'refused' },
};

/** `[#####-----] 50 %`: the display draws text only. An unknown total (nothing known yet) is 0 %. */
export function progressBar(bytesReceived: number, totalBytes: number, width = 20): string {
  const ratio = totalBytes <= 0 ? 0 : Math.min(1, bytesReceived / totalBytes);
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(ratio * 100)} %`;
}

function bytesLine(bytesReceived: number, totalBytes: number): OperatorText {
  return { zh: `${bytesReceived} / ${totalBytes} 字节`, en: `${bytesReceived} / ${totalBytes} bytes` };
}

/** The version screen: what runs, what each slot holds, the download, the offer and the last result. */
export function versionLines(
  state: SoftwareState,
  runningVersion: string,
  parameterVersion?: string,
): UiText[] {
  const running =
    state.active === 'factory'
      ? bilingual('出厂', 'factory')
      : bilingual(`槽位 ${state.active}`, `slot ${state.active}`);
  const lines: UiText[] = [
    { zh: `运行版本 ${runningVersion}（${running.zh}）`, en: `Running ${runningVersion} (${running.en})` },
  ];
  for (const slot of ['A', 'B'] as const) {
    const record = state.slots[slot];
    const status = SLOT_STATES[record.state];
    const version = record.version === undefined ? '' : ` ${record.version}`;
    lines.push({ zh: `槽位 ${slot}：${status.zh}${version}`, en: `Slot ${slot}: ${status.en}${version}` });
  }
  const download = state.download;
  if (download !== undefined) {
    const total = download.prefixBytes + download.payloadBytes;
    lines.push(
      labelled(
        bilingual('下载', 'Download'),
        `${download.version} ${progressBar(download.bytesReceived, total, 10)}`,
      ),
    );
  }
  if (state.offer !== undefined) lines.push(labelled(bilingual('可用版本', 'Offered'), state.offer.version));
  const last = state.lastResult;
  if (last !== undefined) {
    const what = RESULT_STATES[last.state] ?? { zh: last.state, en: last.state };
    lines.push({ zh: `上次升级 ${last.version} ${what.zh}`, en: `Last upgrade ${last.version}: ${what.en}` });
    if (last.text !== undefined) lines.push(last.text);
    if (last.code !== undefined) lines.push(last.code);
  }
  if (parameterVersion !== undefined)
    lines.push(labelled(bilingual('参数版本', 'Parameter version'), parameterVersion));
  return lines;
}

async function versionFlow(context: FlowContext): Promise<void> {
  const terminal = context.terminal;
  await showMessage(context, {
    id: 'upgrade.version',
    title: VERSION,
    body: versionLines(
      terminal.software.state,
      terminal.software.runningVersion,
      terminal.status().parameterVersion ?? undefined,
    ),
  });
}

/** Downloads (or resumes) the offered version with a progress bar on the busy screen. */
async function downloadWithProgress(context: FlowContext, version: string): Promise<UpgradeOutcome> {
  const title = bilingual(`下载 ${version}`, `Downloading ${version}`);
  const show = (progress: DownloadProgress) =>
    busy(context, 'upgrade.download', title, [
      progressBar(progress.bytesReceived, progress.totalBytes),
      bytesLine(progress.bytesReceived, progress.totalBytes),
    ]);
  show({ version, bytesReceived: 0, totalBytes: 0 });
  return context.terminal.software.upgrade({ onProgress: show });
}

function refusalBody(outcome: UpgradeOutcome): UiText[] {
  const lines: UiText[] = [outcome.text];
  if (outcome.code !== undefined && outcome.code !== 'UPGRADE_INTERRUPTED')
    lines.push(reasonText(outcome.code), outcome.code);
  if (outcome.bytesReceived !== undefined && outcome.totalBytes !== undefined) {
    lines.push(
      progressBar(outcome.bytesReceived, outcome.totalBytes),
      bytesLine(outcome.bytesReceived, outcome.totalBytes),
    );
  }
  return lines;
}

/** Install and restart: the verified slot becomes `trial`; the device restarts into it. */
async function installFlow(context: FlowContext): Promise<void> {
  context.terminal.requirePermission('upgrade');
  const software = context.terminal.software;
  const slot = (['A', 'B'] as const).find((name) => software.state.slots[name].state === 'verified');
  if (slot === undefined) {
    await showMessage(context, {
      id: 'upgrade.nothing',
      title: INSTALL,
      body: [bilingual('没有已校验的升级包', 'No verified package to install')],
    });
    return;
  }
  const record = software.state.slots[slot];
  const notes = record.manifest?.releaseNotes;
  await confirm(context, 'upgrade.install', INSTALL, [
    labelled(bilingual('新版本', 'New version'), record.version ?? ''),
    ...(notes === undefined ? [] : [notes]),
    bilingual('安装后重新启动，自检通过后生效', 'Installs, restarts and runs the self-test'),
  ]);
  const installed = await software.install();
  const restart = context.restart;
  await showMessage(context, {
    id: 'upgrade.installed',
    title: INSTALL,
    tone: 'ok',
    body: [
      labelled(bilingual('已安装', 'Installed'), installed.version),
      restart === undefined
        ? bilingual('请重新启动终端以运行新版本', 'Restart the terminal to run the new version')
        : bilingual('终端将重新启动', 'The terminal restarts now'),
    ],
  });
  restart?.();
}

/** The version of a downloaded and verified package waiting in a slot, if any. */
function verifiedVersion(state: SoftwareState): string | undefined {
  const slot = (['A', 'B'] as const).find((name) => state.slots[name].state === 'verified');
  return slot === undefined ? undefined : state.slots[slot].version;
}

/** Menu 9 → check: the parameter download (the offer), then download, verify and install. */
async function checkFlow(context: FlowContext): Promise<void> {
  const terminal = context.terminal;
  terminal.requirePermission('upgrade');
  busy(context, 'upgrade.check', CHECK, [TEXTS.online]);
  const parameters = await terminal.downloadParameters();
  if (!parameters.approved) {
    await showMessage(context, {
      id: 'upgrade.check.result',
      title: CHECK,
      tone: 'alert',
      body: parameterLines(parameters),
    });
    return;
  }
  const software = terminal.software;
  const verified = verifiedVersion(software.state);
  const offer = software.state.offer;
  // A version offered above the package verified earlier replaces it: install the newest.
  const download =
    offer !== undefined &&
    software.upgradeAvailable &&
    (verified === undefined || compareVersions(offer.version, verified) > 0);
  if (verified === undefined && !download) {
    await showMessage(context, {
      id: 'upgrade.none',
      title: CHECK,
      body: [UP_TO_DATE, labelled(bilingual('运行版本', 'Running'), software.runningVersion)],
    });
    return;
  }
  if (download) {
    await confirm(context, 'upgrade.offer', CHECK, [
      labelled(bilingual('可用版本', 'Offered'), offer.version),
      bytesLine(0, offer.prefixBytes + offer.sizeBytes),
      bilingual('下载并校验？', 'Download and verify it?'),
    ]);
    const outcome = await downloadWithProgress(context, offer.version);
    if (outcome.state !== 'verified') {
      await showMessage(context, {
        id: 'upgrade.result',
        title: CHECK,
        tone: outcome.state === 'interrupted' ? 'warning' : 'alert',
        body: refusalBody(outcome),
      });
      return;
    }
  }
  await installFlow(context);
}

function parameterLines(outcome: ParameterOutcome): UiText[] {
  const lines: UiText[] = [outcome.message, responseCodeLine(outcome.responseCode)];
  if (outcome.parameterVersion !== undefined)
    lines.push(labelled(bilingual('参数版本', 'Parameter version'), outcome.parameterVersion));
  if (outcome.changed.length > 0)
    lines.push(labelled(bilingual('已更新', 'Changed'), outcome.changed.join(', ')));
  return lines;
}

async function parametersFlow(context: FlowContext): Promise<void> {
  context.terminal.requirePermission('parameters');
  busy(context, 'parameters.online', PARAMETERS, [TEXTS.online]);
  const outcome = await context.terminal.downloadParameters();
  await showMessage(context, {
    id: 'parameters.result',
    title: PARAMETERS,
    tone: outcome.approved ? 'ok' : 'alert',
    body: parameterLines(outcome),
  });
}

/** Menu 9 → 9: version and upgrade (docs/TMS.md §3), and the parameter download (§2). */
export const SOFTWARE_MENU: MenuDefinition = {
  id: 'menu.software',
  title: SOFTWARE,
  entries: [
    { label: VERSION, run: versionFlow },
    { label: CHECK, run: checkFlow },
    { label: INSTALL, run: installFlow },
    { label: PARAMETERS, run: parametersFlow },
  ],
};

import {
  readParameterDownload,
  responseCodeInfo,
  type SoftwareOffer,
  type TerminalParameters,
  type TlvEntry,
} from '@payterm/protocol';
import { terminalError, TerminalError } from '../errors.js';
import type { OperatorText } from '../engine/outcome.js';
import type { TerminalCore } from '../engine/terminal-core.js';
import { resolveProfile, type TerminalProfile } from '../profile.js';

/** A download of more pages than this is refused: a host that keeps saying "more" must not hold the terminal. */
const MAX_PAGES = 50;

/** What a parameter download did. */
export interface ParameterOutcome {
  /** The host answered every page with `00`. */
  readonly approved: boolean;
  /** Field 39 of the last answer; null when the host did not answer. */
  readonly responseCode: string | null;
  readonly message: OperatorText;
  /** The parameter set version now applied (unchanged when the host sent none). */
  readonly parameterVersion?: string;
  /** Profile fields the download changed. */
  readonly changed: readonly (keyof TerminalProfile)[];
  /** The software a rollout offers this terminal (tags 90–95). */
  readonly offer?: SoftwareOffer;
}

const NO_ANSWER: OperatorText = { zh: '主机无应答', en: 'No answer from the host' };
const UNREACHABLE: OperatorText = { zh: '连接主机失败', en: 'Host unreachable' };

/** The profile a parameter set makes: the current one with the tags the host sent. */
export function profileWith(profile: TerminalProfile, parameters: TerminalParameters): TerminalProfile {
  const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);
  const patch: Partial<Record<keyof TerminalProfile, unknown>> = {
    merchantName: parameters.merchantName,
    primaryHost: parameters.primaryHost,
    secondaryHost: parameters.secondaryHost,
    responseTimeoutMs: ms(parameters.responseTimeoutSeconds),
    connectTimeoutMs: ms(parameters.connectTimeoutSeconds),
    language: parameters.language,
    saleLimitMinor: parameters.saleLimitMinor,
    refundLimitMinor: parameters.refundLimitMinor,
  };
  const merged: Record<string, unknown> = { ...profile };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value;
  try {
    return resolveProfile(merged as unknown as TerminalProfile);
  } catch (error) {
    if (!(error instanceof TerminalError)) throw error;
    throw terminalError(
      'TERMINAL_PARAMETERS_INVALID',
      `the host's parameters are invalid: ${error.message}`,
      {
        option: String(error.details['option'] ?? ''),
        version: parameters.version,
      },
    );
  }
}

function changedFields(before: TerminalProfile, after: TerminalProfile): (keyof TerminalProfile)[] {
  return (Object.keys(after) as (keyof TerminalProfile)[]).filter((key) => before[key] !== after[key]);
}

/** Every page of a 360 download, in order; or why the host gave none. */
async function fetchPages(
  core: TerminalCore,
): Promise<{ readonly entries: TlvEntry[] } | { readonly refusal: ParameterOutcome }> {
  const entries: TlvEntry[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await core.online({
      ...core.envelope(),
      kind: 'parameter-download',
      batch: core.state.batch,
      startIndex: entries.length,
    });
    if (!result.answered) {
      const message = result.failure === 'not-sent' ? UNREACHABLE : NO_ANSWER;
      return { refusal: { approved: false, responseCode: null, message, changed: [] } };
    }
    const response = result.response;
    if (response.responseCode !== '00') {
      const info = responseCodeInfo(response.responseCode);
      const message = { zh: info.zh, en: info.en };
      return { refusal: { approved: false, responseCode: response.responseCode, message, changed: [] } };
    }
    const received = response.kind === 'parameter-download' ? response.page : undefined;
    if (received === undefined) {
      throw terminalError('TERMINAL_PARAMETERS_INVALID', 'the approved 360 answer has no field 62', {
        field: '62',
      });
    }
    entries.push(...received.entries);
    if (received.status !== 'more') return { entries };
    if (received.entries.length === 0) {
      throw terminalError('TERMINAL_PARAMETERS_INVALID', 'a 360 page says more follow but carries nothing', {
        field: '62',
      });
    }
  }
  throw terminalError('TERMINAL_PARAMETERS_INVALID', `the host sent more than ${MAX_PAGES} parameter pages`, {
    field: '62',
  });
}

/**
 * Parameter download (docs/TMS.md §2): `360` pages until the status byte says the end, the parameter
 * set applied to the profile in one write (all tags or none: an invalid one refuses the set), then `361`
 * with its version. The software offer comes back for the upgrade engine. No STAN is used: management
 * messages without one leave the voucher numbers of the batch alone.
 */
export async function downloadParameters(core: TerminalCore): Promise<ParameterOutcome> {
  const fetched = await fetchPages(core);
  if ('refusal' in fetched) return fetched.refusal;
  let download;
  try {
    download = readParameterDownload(fetched.entries);
  } catch (error) {
    const field = (error as { details?: { field?: unknown } }).details?.field;
    throw terminalError(
      'TERMINAL_PARAMETERS_INVALID',
      `the host's parameters are invalid: ${String(error)}`,
      {
        field: typeof field === 'string' ? field : '62',
      },
    );
  }
  const parameters = download.parameters;
  const offer = download.offer === undefined ? {} : { offer: download.offer };
  const checkedAt = core.now().iso;
  if (parameters === undefined) {
    await core.saveState({ parametersCheckedAt: checkedAt }, [], [], ['parametersDue']);
    return {
      approved: true,
      responseCode: '00',
      message: UP_TO_DATE,
      changed: [],
      ...offer,
      ...version(core),
    };
  }
  const before = core.profile;
  const profile = profileWith(before, parameters);
  await core.saveState(
    { profile, parameterVersion: parameters.version, parametersCheckedAt: checkedAt },
    [],
    [],
    ['parametersDue'],
  );
  // Unanswered, the host still sees the old version and sets digit 6 again: the set is applied again.
  await core.online({
    ...core.envelope(),
    kind: 'parameters-applied',
    batch: core.state.batch,
    parameterVersion: parameters.version,
  });
  return {
    approved: true,
    responseCode: '00',
    message: APPLIED,
    parameterVersion: parameters.version,
    changed: changedFields(before, profile),
    ...offer,
  };
}

const UP_TO_DATE: OperatorText = { zh: '参数已是最新', en: 'Parameters are up to date' };
const APPLIED: OperatorText = { zh: '参数已更新', en: 'Parameters updated' };

function version(core: TerminalCore): { parameterVersion?: string } {
  const current = core.state.parameterVersion;
  return current === undefined ? {} : { parameterVersion: current };
}

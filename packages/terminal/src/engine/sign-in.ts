import { responseCodeInfo } from '@payterm/protocol';
import { terminalError, TerminalError } from '../errors.js';
import type { KeyCheckValues } from '../security/security-module.js';
import type { OperatorText } from './outcome.js';
import { runRecoveries } from './recovery.js';
import type { TerminalCore } from './terminal-core.js';
import { hostClockOffsetMs } from './terminal-time.js';

export interface ManagementOutcome {
  readonly approved: boolean;
  /** Field 39; null when the host did not answer. */
  readonly responseCode: string | null;
  readonly message: OperatorText;
  readonly stan: string;
}

export interface SignInOutcome extends ManagementOutcome {
  readonly batch: string;
  readonly checkValues: KeyCheckValues;
  /** Host time minus terminal time, set from fields 12/13. */
  readonly clockOffsetMs: number;
}

const NO_ANSWER: OperatorText = { zh: '主机无应答', en: 'No answer from the host' };
const UNREACHABLE: OperatorText = { zh: '连接主机失败', en: 'Host unreachable' };

function codeText(code: string): OperatorText {
  const info = responseCodeInfo(code);
  return { zh: info.zh, en: info.en };
}

/** Field 63 of sign-in and settlement: the operator number as an3 (`01` → `001`). */
export function operatorField(number: string): string {
  return number.padStart(3, '0');
}

/**
 * Sign-in (0800 / 60.3 `004`): new working keys from field 62, checked against their KCVs inside the
 * security module; the host's batch number adopted; the clock offset from fields 12/13. Pending
 * reversals follow at once, MAC'd under the new keys.
 */
export async function signIn(core: TerminalCore): Promise<SignInOutcome> {
  const operator = core.operator?.number ?? '01';
  if (!core.devices.security.hasMasterKey()) {
    throw terminalError(
      'TERMINAL_NOT_PROVISIONED',
      'no terminal master key is loaded (administrator: key load)',
      {},
    );
  }
  const stan = await core.allocateStan();
  const result = await core.online({
    ...core.envelope(),
    kind: 'sign-in',
    stan,
    batch: core.state.batch,
    keyLayout: '004',
    operator: operatorField(operator),
  });
  const base = {
    stan,
    batch: core.state.batch,
    checkValues: core.devices.security.checkValues(),
    clockOffsetMs: core.state.clockOffsetMs,
  };
  if (!result.answered) {
    return {
      ...base,
      approved: false,
      responseCode: null,
      message: result.failure === 'not-sent' ? UNREACHABLE : NO_ANSWER,
    };
  }
  const response = result.response;
  if (response.responseCode !== '00') {
    return {
      ...base,
      approved: false,
      responseCode: response.responseCode,
      message: codeText(response.responseCode),
    };
  }
  const field62 = response.kind === 'sign-in' ? response.workingKeys : undefined;
  if (field62 === undefined) {
    throw terminalError('TERMINAL_SIGN_IN_KEYS_INVALID', 'the approved sign-in response has no field 62', {});
  }
  let checkValues: KeyCheckValues;
  try {
    checkValues = await core.devices.security.installWorkingKeys('004', field62);
  } catch (error) {
    if (error instanceof TerminalError)
      await core.saveState({ signedIn: false, resignInReason: 'mac-error' });
    throw error;
  }
  const offset =
    response.localDate === undefined || response.localTime === undefined
      ? undefined
      : hostClockOffsetMs(
          core.devices.clock.nowMs(),
          core.profile.utcOffsetMinutes,
          response.localDate,
          response.localTime,
        );
  const clockOffsetMs = offset ?? core.state.clockOffsetMs;
  const batch = response.batch ?? core.state.batch;
  await core.saveState(
    { signedIn: true, batch, clockOffsetMs, signedInAt: core.now().iso, signedInOperator: operator },
    [],
    [],
    ['resignInReason'],
  );
  await runRecoveries(core);
  return {
    stan,
    batch,
    checkValues,
    clockOffsetMs,
    approved: true,
    responseCode: '00',
    message: codeText('00'),
  };
}

/** Sign-off (0820 / 60.3 `002`): the working keys are forgotten whatever the host answers. */
export async function signOff(core: TerminalCore): Promise<ManagementOutcome> {
  const stan = await core.allocateStan();
  const result = await core.online({ ...core.envelope(), kind: 'sign-off', stan, batch: core.state.batch });
  await core.devices.security.clearWorkingKeys();
  await core.saveState(
    { signedIn: false, resignInReason: 'signed-off' },
    [],
    [],
    ['signedInAt', 'signedInOperator'],
  );
  if (!result.answered) {
    return {
      stan,
      approved: false,
      responseCode: null,
      message: result.failure === 'not-sent' ? UNREACHABLE : NO_ANSWER,
    };
  }
  const code = result.response.responseCode;
  return { stan, approved: code === '00', responseCode: code, message: codeText(code) };
}

export interface EchoOutcome extends ManagementOutcome {
  readonly endpoint: string;
  /** Round trip of the 0820/0830 by the monotonic clock; null without an answer. */
  readonly roundTripMs: number | null;
}

/** Echo test (0820 / 60.3 `301`): is the host there, and how fast. */
export async function echo(core: TerminalCore): Promise<EchoOutcome> {
  const stan = await core.allocateStan();
  const result = await core.online({ ...core.envelope(), kind: 'echo', stan, batch: core.state.batch });
  const endpoint = core.channel.endpoint;
  if (!result.answered) {
    const message = result.failure === 'not-sent' ? UNREACHABLE : NO_ANSWER;
    return { stan, endpoint, approved: false, responseCode: null, message, roundTripMs: null };
  }
  const code = result.response.responseCode;
  return {
    stan,
    endpoint,
    approved: code === '00',
    responseCode: code,
    message: codeText(code),
    roundTripMs: result.exchange.roundTripMs,
  };
}

import type { OperatorText } from '../../engine/outcome.js';
import { TerminalError } from '../../errors.js';
import type { Operator } from '../../operators/operator-record.js';
import { terminalErrorText } from '../error-text.js';
import { FlowCancelled, type PromptSpec } from '../prompt.js';
import { bilingual, type UiText } from '../ui-text.js';
import { busy, showError, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import { askNewPassword } from './operator-flows.js';

const LOGIN = bilingual('操作员登录', 'Operator login');
const CHANGE = bilingual('修改默认密码', 'Change your password');
const LOCKED = bilingual('操作员已锁定', 'Operator locked');

/** Errors the operator fixes by typing again: shown on the login screen itself. */
const RETYPE_CODES: ReadonlySet<string> = new Set([
  'TERMINAL_PASSWORD_WRONG',
  'TERMINAL_OPERATOR_UNKNOWN',
  'TERMINAL_INVALID_INPUT',
]);

function loginBody(context: FlowContext): UiText[] {
  const status = context.terminal.status();
  return [
    status.merchantName,
    `TID ${status.tid}`,
    ...(status.locked ? [bilingual('终端已锁定，请登录解锁', 'Terminal locked: log in to unlock')] : []),
  ];
}

/** The prompt's value, or undefined when the operator pressed Cancel or Menu. */
async function typed(context: FlowContext, spec: PromptSpec): Promise<string | undefined> {
  const answer = await context.screens.ask(spec);
  return answer.type === 'value' ? answer.value : undefined;
}

async function askCredentials(
  context: FlowContext,
): Promise<{ number: string; password: string } | undefined> {
  const number = await typed(context, {
    kind: 'input',
    id: 'login.operator',
    title: LOGIN,
    body: loginBody(context),
    label: bilingual('操作员号', 'Operator no.'),
    input: 'digits',
    maxLength: 2,
    validate: (value) =>
      value.length === 2 ? undefined : bilingual('操作员号为2位', 'Operator numbers have 2 digits'),
  });
  if (number === undefined) return undefined;
  const password = await typed(context, {
    kind: 'input',
    id: 'login.password',
    title: LOGIN,
    body: [...loginBody(context), { zh: `操作员 ${number}`, en: `Operator ${number}` }],
    label: bilingual('密码', 'Password'),
    input: 'password',
    maxLength: 8,
  });
  return password === undefined ? undefined : { number, password };
}

/** Logs in, or says why not; undefined sends the operator back to the operator number. */
async function tryLogin(
  context: FlowContext,
  number: string,
  password: string,
): Promise<Operator | undefined> {
  busy(context, 'login.busy', LOGIN, [bilingual('验证中', 'Checking')]);
  try {
    return await context.terminal.login(number, password);
  } catch (error) {
    if (!(error instanceof TerminalError)) {
      await showError(context, error, LOGIN);
      return undefined;
    }
    const text: OperatorText = terminalErrorText(error, context.terminal.profile.utcOffsetMinutes);
    if (error.code === 'TERMINAL_OPERATOR_LOCKED') {
      await showMessage(context, {
        id: 'login.locked',
        title: LOCKED,
        body: [text],
        tone: 'alert',
        dropTypeAhead: true,
      });
    } else if (RETYPE_CODES.has(error.code)) {
      context.screens.notice(text, 'alert');
    } else {
      await showError(context, error, LOGIN);
    }
    return undefined;
  }
}

/** A default or reset password is replaced before anything else; false when the operator gave up. */
async function changeForced(context: FlowContext, operator: Operator, oldPassword: string): Promise<boolean> {
  context.screens.notice(
    bilingual('首次使用须修改密码', 'The password must be changed before first use'),
    'warning',
  );
  for (;;) {
    try {
      const next = await askNewPassword(context, 'login.change', CHANGE, operator.role);
      busy(context, 'login.change.busy', CHANGE, []);
      await context.terminal.changePassword(oldPassword, next);
      return true;
    } catch (error) {
      if (error instanceof FlowCancelled) return false;
      if (!(error instanceof TerminalError) || error.code !== 'TERMINAL_INVALID_INPUT') throw error;
      context.screens.notice(terminalErrorText(error, context.terminal.profile.utcOffsetMinutes), 'alert');
    }
  }
}

/**
 * The login screen: operator number, then the password (masked); a wrong one says how many tries are
 * left, the third locks the operator (the screen says until when); a default password is changed first.
 * Returns once an operator is logged in.
 */
export async function loginFlow(context: FlowContext): Promise<void> {
  for (;;) {
    const credentials = await askCredentials(context);
    if (credentials === undefined) continue;
    const operator = await tryLogin(context, credentials.number, credentials.password);
    if (operator === undefined) continue;
    if (operator.mustChangePassword && !(await changeForced(context, operator, credentials.password))) {
      context.terminal.logout();
      continue;
    }
    context.screens.notice(
      { zh: `操作员 ${operator.number} 已登录`, en: `Operator ${operator.number} logged in` },
      'ok',
    );
    return;
  }
}

import type { OperatorText } from '../../engine/outcome.js';
import type { OperatorStatus } from '../../operators/operator-record.js';
import { PASSWORD_LENGTHS } from '../../operators/password-rules.js';
import { roleOfNumber, type Role } from '../../operators/roles.js';
import { localDateTime } from '../error-text.js';
import { bilingual, type UiText } from '../ui-text.js';
import { askDigits, askInput, busy, confirm, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';

export const ROLE_NAMES: Readonly<Record<Role, OperatorText>> = {
  administrator: { zh: '系统管理员', en: 'administrator' },
  supervisor: { zh: '主管', en: 'supervisor' },
  cashier: { zh: '收银员', en: 'cashier' },
};

const OPERATORS = bilingual('操作员管理', 'Operators');
const LIST = bilingual('操作员列表', 'List operators');
const ADD = bilingual('增加收银员', 'Add cashier');
const REMOVE = bilingual('删除收银员', 'Delete cashier');
const CHANGE_OWN = bilingual('修改本人密码', 'Change own password');
const UNLOCK = bilingual('解锁操作员', 'Unlock operator');
const RESET = bilingual('重置密码', 'Reset password');
const OPERATOR_NUMBER = bilingual('操作员号', 'Operator no.');
const MISMATCH = bilingual('两次输入的密码不一致', 'The two passwords differ');

function passwordRule(role: Role): (value: string) => UiText | undefined {
  const { min, max } = PASSWORD_LENGTHS[role];
  const rule =
    min === max
      ? { zh: `${min}位数字`, en: `${min} digits` }
      : { zh: `${min}到${max}位数字`, en: `${min} to ${max} digits` };
  return (value) =>
    value.length >= min && value.length <= max
      ? undefined
      : { zh: `密码为${rule.zh}`, en: `The password is ${rule.en}` };
}

/** A new password for `role`, typed twice (the terminal checks the rest of the rules). */
export async function askNewPassword(
  context: FlowContext,
  prefix: string,
  title: OperatorText,
  role: Role,
): Promise<string> {
  const maxLength = PASSWORD_LENGTHS[role].max;
  for (;;) {
    const first = await askInput(context, {
      id: `${prefix}.new-password`,
      title,
      label: bilingual('新密码', 'New password'),
      input: 'password',
      maxLength,
      validate: passwordRule(role),
    });
    const second = await askInput(context, {
      id: `${prefix}.confirm-password`,
      title,
      label: bilingual('再次输入新密码', 'New password again'),
      input: 'password',
      maxLength,
    });
    if (first === second) return first;
    context.screens.notice(MISMATCH, 'alert');
  }
}

function askOperatorNumber(context: FlowContext, prefix: string, title: OperatorText): Promise<string> {
  return askDigits(context, { id: `${prefix}.number`, title, label: OPERATOR_NUMBER, length: 2 });
}

/** `01 收银员 已锁定至 …` / `01 cashier, locked until …`. */
export function operatorLine(operator: OperatorStatus, utcOffsetMinutes: number): OperatorText {
  const role = ROLE_NAMES[operator.role];
  const lock =
    operator.lockedUntil === null
      ? { zh: '', en: '' }
      : {
          zh: ` 已锁定至 ${localDateTime(operator.lockedUntil, utcOffsetMinutes)}`,
          en: `, locked until ${localDateTime(operator.lockedUntil, utcOffsetMinutes)}`,
        };
  const change = operator.mustChangePassword
    ? { zh: ' 需改密码', en: ', must change password' }
    : { zh: '', en: '' };
  return {
    zh: `${operator.number} ${role.zh}${lock.zh}${change.zh}`,
    en: `${operator.number} ${role.en}${lock.en}${change.en}`,
  };
}

async function listFlow(context: FlowContext): Promise<void> {
  const offset = context.terminal.profile.utcOffsetMinutes;
  const operators = await context.terminal.listOperators();
  await showMessage(context, {
    id: 'operators.list',
    title: LIST,
    body: operators.map((operator) => operatorLine(operator, offset)),
  });
}

async function done(context: FlowContext, title: OperatorText, text: OperatorText): Promise<void> {
  await showMessage(context, { id: 'operators.done', title, body: [text], tone: 'ok' });
}

async function addFlow(context: FlowContext): Promise<void> {
  const number = await askOperatorNumber(context, 'operators.add', ADD);
  const password = await askNewPassword(context, 'operators.add', ADD, 'cashier');
  busy(context, 'operators.add.busy', ADD, []);
  await context.terminal.addCashier(number, password);
  await done(context, ADD, {
    zh: `已增加收银员 ${number}（首次登录须改密码）`,
    en: `Cashier ${number} added (changes the password at first login)`,
  });
}

async function removeFlow(context: FlowContext): Promise<void> {
  const number = await askOperatorNumber(context, 'operators.remove', REMOVE);
  await confirm(context, 'operators.remove.confirm', REMOVE, [
    { zh: `删除收银员 ${number}？`, en: `Delete cashier ${number}?` },
  ]);
  await context.terminal.removeCashier(number);
  await done(context, REMOVE, { zh: `已删除收银员 ${number}`, en: `Cashier ${number} deleted` });
}

async function changeOwnFlow(context: FlowContext): Promise<void> {
  const role = context.terminal.operator?.role ?? 'cashier';
  const old = await askInput(context, {
    id: 'operators.change.old-password',
    title: CHANGE_OWN,
    label: bilingual('原密码', 'Current password'),
    input: 'password',
    maxLength: PASSWORD_LENGTHS[role].max,
  });
  const next = await askNewPassword(context, 'operators.change', CHANGE_OWN, role);
  busy(context, 'operators.change.busy', CHANGE_OWN, []);
  await context.terminal.changePassword(old, next);
  await done(context, CHANGE_OWN, bilingual('密码已修改', 'Password changed'));
}

async function unlockFlow(context: FlowContext): Promise<void> {
  const number = await askOperatorNumber(context, 'operators.unlock', UNLOCK);
  const status = await context.terminal.unlockOperator(number);
  await done(context, UNLOCK, {
    zh: `操作员 ${status.number} 已解锁`,
    en: `Operator ${status.number} unlocked`,
  });
}

async function resetFlow(context: FlowContext): Promise<void> {
  const number = await askOperatorNumber(context, 'operators.reset', RESET);
  const role = roleOfNumber(number) ?? 'cashier';
  const password = await askNewPassword(context, 'operators.reset', RESET, role);
  busy(context, 'operators.reset.busy', RESET, []);
  await context.terminal.resetPassword(number, password);
  await done(context, RESET, {
    zh: `操作员 ${number} 密码已重置`,
    en: `Password of operator ${number} reset`,
  });
}

/** Management → operators: list / add / delete / change own password / unlock / reset. */
export const OPERATORS_MENU: MenuDefinition = {
  id: 'menu.operators',
  title: OPERATORS,
  entries: [
    { label: LIST, run: listFlow },
    { label: ADD, run: addFlow },
    { label: REMOVE, run: removeFlow },
    { label: CHANGE_OWN, run: changeOwnFlow },
    { label: UNLOCK, run: unlockFlow },
    { label: RESET, run: resetFlow },
  ],
};

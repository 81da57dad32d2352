import type { OperatorText } from '../../engine/outcome.js';
import { describeError } from '../error-text.js';
import { AMOUNT_MAX_DIGITS } from '../input-editor.js';
import { FlowCancelled, type InputPrompt, type MessagePrompt, type PromptSpec } from '../prompt.js';
import type { StatusTone } from '../screen.js';
import { TEXTS } from '../ui-texts.js';
import { bilingual, type UiText } from '../ui-text.js';
import type { FlowContext } from './flow-context.js';

/** The prompt's value; Cancel (or Menu) ends the flow. */
export async function askValue(context: FlowContext, spec: PromptSpec): Promise<string> {
  const answer = await context.screens.ask(spec);
  if (answer.type === 'cancel') throw new FlowCancelled(answer.home);
  return answer.type === 'value' ? answer.value : '';
}

type InputOptions = Omit<InputPrompt, 'kind'>;

export function askInput(context: FlowContext, options: InputOptions): Promise<string> {
  return askValue(context, { kind: 'input', ...options });
}

function exactDigits(length: number): (value: string) => UiText | undefined {
  return (value) =>
    new RegExp(`^\\d{${length}}$`).test(value)
      ? undefined
      : bilingual(`请输入${length}位数字`, `Type ${length} digits`);
}

/** An amount as a POS takes it (digits shift in from the right), more than zero; minor units. */
export async function askAmount(context: FlowContext, id: string, title: OperatorText): Promise<number> {
  const digits = await askInput(context, {
    id,
    title,
    label: TEXTS.amount,
    input: 'amount',
    maxLength: AMOUNT_MAX_DIGITS,
    validate: (value) =>
      Number(value || '0') > 0 ? undefined : bilingual('金额须大于零', 'The amount must be more than zero'),
  });
  return Number(digits);
}

/** A voucher (STAN): up to 6 digits, zero-padded (`12` → `000012`). */
export async function askVoucher(context: FlowContext, id: string, title: OperatorText): Promise<string> {
  const digits = await askInput(context, {
    id,
    title,
    label: TEXTS.voucher,
    input: 'digits',
    maxLength: 6,
    validate: (value) => (value === '' ? bilingual('请输入凭证号', 'Type the voucher number') : undefined),
  });
  return digits.padStart(6, '0');
}

/** Exactly `length` digits (RRN 12, date MMDD 4, auth code 6, supervisor password 6). */
export function askDigits(
  context: FlowContext,
  options: { id: string; title: OperatorText; label: OperatorText; length: number; secret?: boolean },
): Promise<string> {
  return askInput(context, {
    id: options.id,
    title: options.title,
    label: options.label,
    input: options.secret === true ? 'password' : 'digits',
    maxLength: options.length,
    validate: exactDigits(options.length),
  });
}

export function askSupervisorPassword(
  context: FlowContext,
  id: string,
  title: OperatorText,
): Promise<string> {
  return askDigits(context, { id, title, label: TEXTS.supervisorPassword, length: 6, secret: true });
}

/** Enter goes on; Cancel ends the flow. */
export async function confirm(
  context: FlowContext,
  id: string,
  title: OperatorText,
  body: readonly UiText[],
): Promise<void> {
  await askValue(context, { kind: 'confirm', id, title, body: [...body, TEXTS.enterToConfirm] });
}

/** Shows information until Enter or Cancel. */
export async function showMessage(context: FlowContext, options: Omit<MessagePrompt, 'kind'>): Promise<void> {
  await context.screens.ask({ kind: 'message', ...options });
}

/** The error's text and code, until the operator has read it; keys typed ahead are dropped. */
export async function showError(
  context: FlowContext,
  error: unknown,
  title: OperatorText = TEXTS.error,
): Promise<void> {
  const utcOffsetMinutes = context.terminal.profile.utcOffsetMinutes;
  await showMessage(context, {
    id: 'error',
    title,
    body: describeError(error, utcOffsetMinutes),
    tone: 'alert',
    dropTypeAhead: true,
  });
}

/** The screen while the terminal works (usually online). */
export function busy(
  context: FlowContext,
  id: string,
  title: OperatorText,
  body: readonly UiText[] = [TEXTS.online],
): void {
  context.screens.busy({ id, title, body });
}

export function notice(context: FlowContext, text: OperatorText, tone: StatusTone = 'info'): void {
  context.screens.notice(text, tone);
}

import type { PreauthReferenceInput } from '../../engine/transactions.js';
import type { OperatorText } from '../../engine/outcome.js';
import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { askAmount, askInput, askDigits, askSupervisorPassword, askVoucher, busy, confirm } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';
import { showOutcome } from './outcome-screen.js';
import { recordLines } from './record-lines.js';
import { bilingual } from '../ui-text.js';

const PREAUTH = TRANSACTION_TITLES.preauth;
const CANCEL = TRANSACTION_TITLES['preauth-cancel'];
const COMPLETION = TRANSACTION_TITLES['preauth-completion'];
const COMPLETION_VOID = TRANSACTION_TITLES['preauth-completion-void'];

/** The pre-authorisation an operation refers to: its auth code, date and the amount. */
async function askPreauthReference(
  context: FlowContext,
  prefix: string,
  title: OperatorText,
): Promise<PreauthReferenceInput> {
  const authCode = await askInput(context, {
    id: `${prefix}.auth-code`,
    title,
    label: TEXTS.authCode,
    input: 'text',
    maxLength: 6,
    validate: (value) =>
      value.length === 6 ? undefined : bilingual('授权码为6位', 'The auth code has 6 characters'),
  });
  const date = await askDigits(context, {
    id: `${prefix}.date`,
    title,
    label: TEXTS.originalDate,
    length: 4,
  });
  const amountMinor = await askAmount(context, `${prefix}.amount`, title);
  return { authCode, date, amountMinor };
}

async function preauthFlow(context: FlowContext): Promise<void> {
  const amountMinor = await askAmount(context, 'preauth.amount', PREAUTH);
  busy(context, 'preauth.online', PREAUTH);
  await showOutcome(context, await context.terminal.preauth(amountMinor));
}

async function cancelFlow(context: FlowContext): Promise<void> {
  const supervisorPassword = await askSupervisorPassword(context, 'preauth-cancel.supervisor', CANCEL);
  const reference = await askPreauthReference(context, 'preauth-cancel', CANCEL);
  busy(context, 'preauth-cancel.online', CANCEL);
  await showOutcome(context, await context.terminal.preauthCancel({ ...reference, supervisorPassword }));
}

async function completionFlow(context: FlowContext): Promise<void> {
  const reference = await askPreauthReference(context, 'completion', COMPLETION);
  busy(context, 'completion.online', COMPLETION);
  await showOutcome(context, await context.terminal.completion(reference));
}

async function completionVoidFlow(context: FlowContext): Promise<void> {
  const password = await askSupervisorPassword(context, 'completion-void.supervisor', COMPLETION_VOID);
  const voucher = await askVoucher(context, 'completion-void.voucher', COMPLETION_VOID);
  await confirm(
    context,
    'completion-void.confirm',
    COMPLETION_VOID,
    recordLines(context.terminal.transaction(voucher)),
  );
  busy(context, 'completion-void.online', COMPLETION_VOID);
  await showOutcome(context, await context.terminal.completionVoid(voucher, password));
}

/** Menu 4: pre-auth / cancel / completion / completion void. */
export const PREAUTH_MENU: MenuDefinition = {
  id: 'menu.preauth',
  title: PREAUTH,
  entries: [
    { label: PREAUTH, run: preauthFlow },
    { label: CANCEL, run: cancelFlow },
    { label: COMPLETION, run: completionFlow },
    { label: COMPLETION_VOID, run: completionVoidFlow },
  ],
};

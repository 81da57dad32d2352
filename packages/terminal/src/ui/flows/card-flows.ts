import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { askAmount, askDigits, askSupervisorPassword, askVoucher, busy, confirm } from './ask.js';
import type { FlowContext } from './flow-context.js';
import { showOutcome } from './outcome-screen.js';
import { recordLines } from './record-lines.js';

const SALE = TRANSACTION_TITLES.sale;
const VOID = TRANSACTION_TITLES.void;
const REFUND = TRANSACTION_TITLES.refund;
const BALANCE = TRANSACTION_TITLES.balance;

/** Menu 1: amount → card → PIN → online → result and slips. */
export async function saleFlow(context: FlowContext): Promise<void> {
  const amountMinor = await askAmount(context, 'sale.amount', SALE);
  busy(context, 'sale.online', SALE);
  await showOutcome(context, await context.terminal.sale(amountMinor));
}

/** Menu 2: supervisor password → voucher → the original confirmed → card → PIN → online. */
export async function voidFlow(context: FlowContext): Promise<void> {
  const password = await askSupervisorPassword(context, 'void.supervisor', VOID);
  const voucher = await askVoucher(context, 'void.voucher', VOID);
  const original = context.terminal.transaction(voucher);
  await confirm(context, 'void.confirm', VOID, recordLines(original));
  busy(context, 'void.online', VOID);
  await showOutcome(context, await context.terminal.voidSale(voucher, password));
}

/** Menu 3: supervisor password → RRN → original date → amount (partial allowed) → card → online. */
export async function refundFlow(context: FlowContext): Promise<void> {
  const supervisorPassword = await askSupervisorPassword(context, 'refund.supervisor', REFUND);
  const rrn = await askDigits(context, { id: 'refund.rrn', title: REFUND, label: TEXTS.rrn, length: 12 });
  const date = await askDigits(context, {
    id: 'refund.date',
    title: REFUND,
    label: TEXTS.originalDate,
    length: 4,
  });
  const amountMinor = await askAmount(context, 'refund.amount', REFUND);
  busy(context, 'refund.online', REFUND);
  await showOutcome(context, await context.terminal.refund({ rrn, date, amountMinor, supervisorPassword }));
}

/** Menu 6: card → PIN → the balance. */
export async function balanceFlow(context: FlowContext): Promise<void> {
  busy(context, 'balance.online', BALANCE);
  await showOutcome(context, await context.terminal.balance());
}

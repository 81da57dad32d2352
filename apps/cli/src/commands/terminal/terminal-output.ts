import { currencyByNumeric, Money } from '@payterm/kernel';
import type { JournalRecord, Language, OperatorText, Slip, TransactionOutcome } from '@payterm/terminal';

export function slipText(slip: Slip | undefined): string | null {
  return slip === undefined ? null : slip.lines.join('\n');
}

export function formatAmount(amountMinor: number, currency: string): string {
  return Money.ofMinor(amountMinor, currencyByNumeric(currency) ?? currency).format();
}

/** A journal record for `--json`: masked PAN only; never the sealed PAN or chip data. */
export function recordJson(record: JournalRecord): Record<string, unknown> {
  return {
    type: record.type,
    status: record.status,
    voucher: record.stan,
    stan: record.stan,
    batch: record.batch,
    operator: record.operator,
    amount: formatAmount(record.amount.amountMinor, record.amount.currency),
    amountMinor: record.amount.amountMinor,
    currency: record.amount.currency,
    maskedPan: record.maskedPan,
    brand: record.brand,
    entry: record.entry,
    date: record.date,
    time: record.time,
    responseCode: record.responseCode ?? null,
    rrn: record.rrn ?? null,
    authCode: record.authCode ?? null,
    ...(record.original === undefined
      ? {}
      : {
          original: {
            batch: record.original.batch,
            voucher: record.original.stan,
            rrn: record.original.rrn ?? null,
            ...(record.original.voucher === undefined ? {} : { paymentVoucher: record.original.voucher }),
          },
        }),
    ...(record.voucher === undefined ? {} : { paymentVoucher: record.voucher }),
    ...(record.orderRrn === undefined ? {} : { orderRrn: record.orderRrn }),
    ...(record.voidedBy === undefined ? {} : { voided: true }),
    ...(record.refundedMinor === undefined ? {} : { refundedMinor: record.refundedMinor }),
    ...(record.balanceMinor === undefined
      ? {}
      : {
          balance: formatAmount(record.balanceMinor, record.amount.currency),
          balanceMinor: record.balanceMinor,
        }),
    ...(record.recovery === undefined ? {} : { recovery: record.recovery }),
  };
}

export function text(message: OperatorText, language: Language): string {
  return language === 'zh' ? `${message.zh} ${message.en}` : message.en;
}

/** The `--json` object of a card transaction (issue 5: approved, responseCode, message, and the financial facts). */
export function outcomeJson(outcome: TransactionOutcome, language: Language): Record<string, unknown> {
  return {
    approved: outcome.approved,
    outcome: outcome.outcome,
    responseCode: outcome.responseCode,
    message: text(outcome.message, language),
    messages: outcome.message,
    actionClass: outcome.actionClass,
    action: outcome.action,
    signedInAgain: outcome.signedInAgain,
    ...recordJson(outcome.record),
    slip: slipText(outcome.slips[0]),
    customerSlip: slipText(outcome.slips[1]),
  };
}

/** The human form: the slips as printed, then one result line. */
export function outcomeText(outcome: TransactionOutcome, language: Language): string {
  const record = outcome.record;
  const slips = outcome.slips.map((slip) => `${slip.lines.join('\n')}\n${'- '.repeat(16)}\n`).join('');
  const facts = [
    `voucher ${record.stan}`,
    `batch ${record.batch}`,
    record.rrn === undefined ? undefined : `RRN ${record.rrn}`,
    record.authCode === undefined ? undefined : `auth ${record.authCode}`,
    record.voucher === undefined ? undefined : `payment voucher ${record.voucher}`,
    `${formatAmount(record.amount.amountMinor, record.amount.currency)}`,
    record.maskedPan === '' ? undefined : record.maskedPan,
    record.balanceMinor === undefined
      ? undefined
      : `balance ${formatAmount(record.balanceMinor, record.amount.currency)}`,
  ].filter((fact) => fact !== undefined);
  const head = outcome.approved ? 'APPROVED' : 'NOT APPROVED';
  const code = outcome.responseCode === null ? '' : ` ${outcome.responseCode}`;
  return `${slips}${head}${code} — ${text(outcome.message, language)}\n${facts.join(' · ')}\n`;
}

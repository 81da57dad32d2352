import { maskPan } from '@payterm/kernel';
import { isQrType, type JournalRecord } from '../journal/journal-record.js';
import type { SlipCopy, Slip } from '../ports/printer.js';
import type { Language, TerminalProfile } from '../profile.js';
import { addMerchantHeader, addReprintMarker } from './merchant-header.js';
import { NOT_A_RECEIPT, statusNotice, type StatusNotice } from './record-status.js';
import { formatSlipAmount } from './slip-amount.js';
import { SlipBuilder } from './slip-builder.js';
import { formatMonthDay, formatRecordDateTime } from './slip-date.js';
import { FIELD_LABELS, fieldLabel, phrase, type Bilingual } from './slip-labels.js';
import { wrapToWidth } from './slip-text.js';
import {
  CARD_ENTRY_NAMES,
  showsNegativeAmount,
  SLIP_COPY_NAMES,
  TRANSACTION_TYPE_NAMES,
} from './transaction-names.js';

export interface TransactionSlipInput {
  readonly record: JournalRecord;
  readonly profile: TerminalProfile;
  readonly copy: SlipCopy;
  readonly reprint: boolean;
  readonly language: Language;
  /** Printed after the operator number when known (`01 王芳`). */
  readonly operatorName?: string;
}

const TITLE: Bilingual = { zh: '签购单', en: 'POS SALES SLIP' };
const BALANCE_TITLE: Bilingual = { zh: '余额查询单', en: 'BALANCE INQUIRY' };
const PIN_VERIFIED: Bilingual = { zh: '密码验证', en: 'PIN VERIFIED' };
const SIGNATURE: Bilingual = { zh: '持卡人签名', en: 'CARDHOLDER SIGNATURE' };
const SIGNED: Bilingual = { zh: '已签名', en: 'SIGNED' };
/** The cardholder's acknowledgement UnionPay slips print under the signature, one Chinese clause a line. */
const AGREEMENT_ZH = ['本人确认以上交易，', '同意将其记入本卡账户'];
const AGREEMENT_EN = 'I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES';

/**
 * The slip of one transaction for one copy. A record that did not go through (declined, reversed,
 * outcome unknown …) prints a boxed notice saying so under the title and no signature or
 * acknowledgement, so it cannot pass for a receipt.
 */
export function renderTransactionSlip(input: TransactionSlipInput): Slip {
  const { record, profile, copy, reprint, language } = input;
  const notice = statusNotice(record);
  const title = record.type === 'balance' ? BALANCE_TITLE : TITLE;
  const slip = new SlipBuilder()
    .center(phrase(title, language))
    .text(phrase(SLIP_COPY_NAMES[copy], language));
  if (reprint) addReprintMarker(slip, language);
  if (notice === undefined) slip.rule();
  else addNotice(slip, notice, language);
  const operator =
    input.operatorName === undefined ? record.operator : `${record.operator} ${input.operatorName}`;
  addMerchantHeader(slip, profile, language, operator);
  slip.rule();
  addCardAndReferences(slip, record, profile, language);
  slip.rule();
  addAmount(slip, record, language);
  if (notice === undefined) {
    slip.rule();
    addVerification(slip, record, language);
    // The card account clause does not fit a wallet payment (the customer confirmed in the wallet).
    if (copy === 'merchant' && record.type !== 'balance' && !isQrType(record.type))
      addAgreement(slip, language);
  }
  return { kind: 'transaction', lines: slip.build(), copy, reprint };
}

function addNotice(slip: SlipBuilder, notice: StatusNotice, language: Language): void {
  slip.rule('*').center(phrase(notice.headline, language));
  if (notice.detail !== undefined) slip.center(phrase(notice.detail, language));
  slip.center(phrase(NOT_A_RECEIPT, language)).rule('*');
}

function addCardAndReferences(
  slip: SlipBuilder,
  record: JournalRecord,
  profile: TerminalProfile,
  language: Language,
): void {
  const label = (text: Bilingual): string => fieldLabel(text, language);
  if (isQrType(record.type)) {
    // No card: the method, and the payment voucher a later QR void or refund names.
    slip.field(label(FIELD_LABELS.payMethod), phrase(CARD_ENTRY_NAMES.qr, language));
  } else {
    // Masked again: whatever the journal holds, no more than the first 6 and last 4 digits reach paper.
    slip
      .field(label(FIELD_LABELS.cardNo), maskPan(record.maskedPan))
      .field(label(FIELD_LABELS.cardBrand), record.brand)
      .field(label(FIELD_LABELS.entryMode), phrase(CARD_ENTRY_NAMES[record.entry], language));
  }
  slip
    .field(label(FIELD_LABELS.transType), phrase(TRANSACTION_TYPE_NAMES[record.type], language))
    .field(label(FIELD_LABELS.batchNo), record.batch)
    .field(label(FIELD_LABELS.voucherNo), record.stan);
  if (record.voucher !== undefined) slip.field(label(FIELD_LABELS.qrVoucher), record.voucher);
  if (record.authCode !== undefined) slip.field(label(FIELD_LABELS.authNo), record.authCode);
  if (record.rrn !== undefined) slip.field(label(FIELD_LABELS.referNo), record.rrn);
  slip.field(label(FIELD_LABELS.dateTime), formatRecordDateTime(record, profile.utcOffsetMinutes));
  const original = record.original;
  if (original === undefined) return;
  // A refund keyed from RRN and date has no original voucher; STANs start at 000001.
  if (/[1-9]/.test(original.stan)) slip.field(label(FIELD_LABELS.originalVoucherNo), original.stan);
  if (original.voucher !== undefined) slip.field(label(FIELD_LABELS.originalQrVoucher), original.voucher);
  if (original.rrn !== undefined) slip.field(label(FIELD_LABELS.originalReferNo), original.rrn);
  if (original.authCode !== undefined) slip.field(label(FIELD_LABELS.originalAuthNo), original.authCode);
  if (original.date !== undefined)
    slip.field(label(FIELD_LABELS.originalDate), formatMonthDay(original.date));
}

function addAmount(slip: SlipBuilder, record: JournalRecord, language: Language): void {
  const { currency } = record.amount;
  if (record.type === 'balance') {
    if (record.balanceMinor !== undefined) {
      const balance = formatSlipAmount(record.balanceMinor, currency, { currency: true });
      slip.field(fieldLabel(FIELD_LABELS.balance, language), balance);
    }
    return;
  }
  const amount = formatSlipAmount(record.amount.amountMinor, currency, {
    currency: true,
    negative: showsNegativeAmount(record.type),
  });
  slip.field(fieldLabel(FIELD_LABELS.amount, language), amount);
}

function addVerification(slip: SlipBuilder, record: JournalRecord, language: Language): void {
  if (record.pinVerified) {
    slip.text(phrase(PIN_VERIFIED, language));
    return;
  }
  // A balance inquiry moves no money, a QR payment was confirmed in the wallet: nothing to sign.
  if (record.type === 'balance' || isQrType(record.type)) return;
  slip.text(phrase(SIGNATURE, language));
  if (record.signature !== undefined) slip.text(`(${phrase(SIGNED, language)})`);
  else slip.blank(2).rule('_');
}

function addAgreement(slip: SlipBuilder, language: Language): void {
  slip.blank();
  if (language === 'zh') slip.lines(AGREEMENT_ZH.flatMap((clause) => wrapToWidth(clause)));
  slip.text(AGREEMENT_EN);
}

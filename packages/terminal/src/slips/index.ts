export { displayWidth, codePointWidth } from './display-width.js';
export {
  SLIP_COLUMNS,
  sanitizeSlipText,
  padEndToWidth,
  padStartToWidth,
  centerToWidth,
  truncateToWidth,
  spreadToWidth,
  firstThatFits,
  wrapToWidth,
} from './slip-text.js';
export { SlipBuilder } from './slip-builder.js';
export { countAmountRows } from './count-amount-rows.js';
export {
  FIELD_LABELS,
  REPRINT_MARKER,
  fieldLabel,
  phrase,
  phraseCandidates,
  type Bilingual,
} from './slip-labels.js';
export {
  TRANSACTION_TYPE_NAMES,
  CARD_ENTRY_NAMES,
  SLIP_COPY_NAMES,
  showsNegativeAmount,
} from './transaction-names.js';
export { formatSlipAmount, slipCurrencyCode, slipMoney } from './slip-amount.js';
export { formatSlipInstant, formatRecordDateTime, formatMonthDay } from './slip-date.js';
export { statusNotice, statusWord, NOT_A_RECEIPT, type StatusNotice } from './record-status.js';
export { addMerchantHeader, addReprintMarker } from './merchant-header.js';
export { renderTransactionSlip, type TransactionSlipInput } from './transaction-slip.js';
export { renderSettlementSlip, type SettlementSlipInput } from './settlement-slip.js';
export { renderDetailList, type DetailListInput } from './detail-list.js';
export { renderTotals, type TotalsSlipInput } from './totals-slip.js';
export { EAST_ASIAN_WIDE_RANGES } from './east-asian-wide-ranges.js';

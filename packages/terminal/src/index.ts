export { TerminalError, TERMINAL_ERROR_CODES, terminalError, type TerminalErrorCode } from './errors.js';
export {
  resolveProfile,
  requestHeader,
  PROFILE_DEFAULTS,
  type TerminalProfile,
  type ProfileInput,
  type Language,
} from './profile.js';
export type * from './ports/index.js';
export { DEMO_TERMINALS, DEMO_TMK_HEX, DEMO_TMK_KCV } from './demo-terminals.js';

export {
  PosTerminal,
  PARAMETER_RECHECK_MS,
  type OpenTerminalOptions,
  type ProfilePatch,
  type QrWaitOptions,
} from './engine/pos-terminal.js';
// Terminal management: the parameter download, the slot store, the boot loader and the upgrade engine.
export { profileWith, type ParameterOutcome } from './tms/parameter-download.js';
export * from './upgrade/index.js';
export {
  QR_ORDER_TTL_MS,
  type QrOrder,
  type QrOrderState,
  type QrOrderStatus,
} from './engine/qr-transactions.js';
export type { TerminalDevices } from './engine/terminal-devices.js';
export type { TransactionOutcome, OutcomeKind, OperatorText } from './engine/outcome.js';
export type { SignInOutcome, ManagementOutcome, EchoOutcome } from './engine/sign-in.js';
export type { SettlementOutcome } from './engine/settlement.js';
export type { Diagnostics } from './engine/diagnostics.js';
export type { TerminalStatus, PendingOutcome } from './engine/terminal-status.js';
export type { RecoveryReport } from './engine/recovery.js';
export type { Printed } from './engine/printing.js';
export type { RefundInput, PreauthReferenceInput } from './engine/transactions.js';
export type { ResignInReason, SettlementReason, TerminalState } from './engine/terminal-state.js';
export { localTime, type LocalTime } from './engine/terminal-time.js';

export type * from './journal/journal-record.js';
export type * from './journal/settlement-report.js';
export type { JournalQuery } from './journal/journal.js';
export { grossTotals } from './journal/gross-totals.js';
export { transactionTotals, type TransactionTotals } from './journal/transaction-totals.js';

export * from './operators/index.js';
export * from './security/index.js';
export * from './cards/index.js';
export * from './memory/index.js';
export {
  renderTransactionSlip,
  renderSettlementSlip,
  renderDetailList,
  renderTotals,
  displayWidth,
  type TransactionSlipInput,
  type SettlementSlipInput,
  type DetailListInput,
  type TotalsSlipInput,
} from './slips/index.js';

// The device UI: keypad state machine and Screen model (renderers live in the CLI and the web terminal).
export * from './ui/index.js';

// The firmware ⇄ application interface (docs/TMS.md §1): what a software package's module exports.
export * from './application/index.js';

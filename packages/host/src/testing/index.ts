export { TestTerminal, type TestTerminalConnectOptions } from './test-terminal.js';
export { TerminalCore, type TestTerminalOptions, type SendOptions } from './terminal-core.js';
export { TcpTerminalLink, type TerminalLink, type TcpTerminalLinkOptions } from './terminal-link.js';
export { type ReceivedMessage } from './pending-replies.js';
export {
  TerminalJournal,
  grossSettlementTotals,
  type JournalEntry,
  type JournalKind,
} from './terminal-journal.js';
export {
  reversalOf,
  cardData,
  SECURITY_CONTROL_PIN,
  ENTRY_MODE_KEYED,
  type RequestDraft,
  type TerminalExchange,
  type CardOptions,
  type AmountCardOptions,
  type RefundOptions,
  type OriginalRef,
  type PinBlockMaker,
} from './terminal-requests.js';
export { TerminalError, TERMINAL_ERROR_CODES, type TerminalErrorCode } from './terminal-error.js';

export { ISSUER_ERROR_CODES, IssuerError, type IssuerErrorCode } from './issuer-error.js';
export { amountTrigger, AMOUNT_TRIGGERS, type AmountTrigger } from './amount-trigger.js';
export { businessDay, businessMonthYymm, CHINA_UTC_OFFSET_MINUTES } from './business-day.js';
export type {
  Issuer,
  EntryMode,
  IssuerPinBlock,
  AuthorizeType,
  AuthorizeRequest,
  CompleteRequest,
  CancelHoldRequest,
  VoidRequest,
  RefundRequest,
  ReverseRequest,
  DeclineReason,
  Declined,
  Approved,
  IssuerDecision,
  ReverseDecision,
  AccountBalance,
} from './issuer-port.js';
export {
  NO_STATE_SINK,
  type AccountKind,
  type AccountStatus,
  type AccountBehaviour,
  type IssuerAccountRecord,
  type HoldStatus,
  type IssuerHoldRecord,
  type MovementKind,
  type MovementStatus,
  type IssuerMovementRecord,
  type IssuerStateSink,
} from './issuer-records.js';
export type { IssuerStateSnapshot } from './issuer-state.js';
export {
  DEFAULT_DECIMALIZATION_TABLE,
  formatPinVerificationValue,
  parsePinVerificationValue,
  type PinVerificationData,
  type PinVerificationKeys,
} from './pin-verification-value.js';
export { SimulatedIssuer, type SimulatedIssuerOptions } from './simulated-issuer.js';
export { TEST_CARDS, LOAD_TEST_CARD_PAN, type TestCard } from './test-cards.js';
export {
  testCardAccounts,
  TEST_PIN_VERIFICATION_KEYS_HEX,
  TEST_CARD_PVKI,
  type TestPinVerificationKeys,
  type TestCardSeed,
} from './test-card-accounts.js';
export {
  accountRecordFromRow,
  holdRecordFromRow,
  movementRecordFromRow,
  type IssuerMovementRow,
  type IssuerAccountRow,
  type IssuerHoldRow,
} from './account-record-row.js';
export {
  DEFAULT_MAX_CACHED_MOVEMENTS,
  DEFAULT_MOVEMENT_MIN_AGE_MS,
  type MovementCacheOptions,
} from './movement-cache.js';

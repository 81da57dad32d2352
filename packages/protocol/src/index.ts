export {
  ProtocolError,
  PROTOCOL_ERROR_CODES,
  type ProtocolErrorCode,
  type ProtocolErrorDetails,
} from './errors.js';

export {
  RESPONSE_ACTIONS,
  type ActionClass,
  type ResponseAction,
  type ResponseCodeInfo,
} from './response-codes/response-code-info.js';
export { RESPONSE_CODES } from './response-codes/response-code-table.js';
export { responseCodeInfo, isKnownResponseCode } from './response-codes/response-codes.js';
export { renderResponseCodesMarkdown } from './response-codes/render-markdown.js';

export type * from './messages/pos-request.js';
export { REVERSIBLE_KINDS, REVERSAL_REASONS } from './messages/pos-request.js';
export type * from './messages/pos-response.js';
export { posAmountToMoney, posAmountFromMoney } from './messages/pos-amount.js';
export { maskForLog, type MaskedValue } from './messages/mask-request.js';
export { decodePosRequest } from './messages/decode-request.js';
export { encodePosRequest, requestMti } from './messages/encode-request.js';
export { encodePosResponse } from './messages/encode-response.js';
export { decodePosResponse } from './messages/decode-response.js';
export {
  processingRequirement,
  withProcessingRequirement,
  swapTpdu,
  softwareVersionOfHeader,
  withSoftwareVersion,
  type ProcessingRequirement,
} from './messages/header.js';
export {
  parseSettlementTotals,
  formatSettlementTotals,
  SETTLEMENT_TOTALS_DIGITS,
  type SettlementTotals,
  type SettlementHalf,
  type SettlementResult,
} from './messages/settlement-totals.js';
export { MAX_MAGSTRIPE_UPLOAD_ENTRIES, type MagstripeUploadEntry } from './messages/batch-upload-entries.js';
export { responseMti } from './messages/transaction-table.js';
export { type TlvEntry } from './messages/ascii-tlv-field.js';
export { decodeField62Tlv, encodeField62Tlv, FIELD_62_MAX_BYTES } from './messages/field-62.js';
export {
  parameterDownloadEntries,
  readParameterDownload,
  parameterPage,
  PARAMETER_VERSION_PATTERN,
  type ParameterPage,
  type ParameterPageStatus,
  type TerminalParameters,
  type SoftwareOffer,
  type ParameterDownload,
} from './messages/tms-parameters.js';
export {
  SOFTWARE_STATUS_STATES,
  SOFTWARE_CHUNK_MAX_BYTES,
  type SoftwareStatusState,
  type SoftwareStatusReport,
  type SoftwareChunkSelector,
} from './messages/software-status.js';
export { SOFTWARE_VERSION_PATTERN, SHA256_HEX_PATTERN } from './messages/tms-values.js';
export {
  HOST_ADDRESS_RULE,
  isHostAddress,
  parseHostAddress,
  type HostAddress,
} from './messages/host-address.js';

export {
  macRequired,
  packWithMac,
  checkMac,
  MAC_LENGTH,
  type MacFunction,
  type MacVerifier,
} from './mac/mac-placement.js';

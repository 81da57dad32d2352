export {
  EMV_ERROR_CODES,
  EmvError,
  type EmvErrorCode,
  type EmvErrorDetails,
  type EmvPhase,
} from './errors.js';
export { bytesToHex, hexToBytes } from './hex.js';

export { decodeTlv, DEFAULT_MAX_TLV_DEPTH, type DecodeTlvOptions } from './tlv/ber-decode.js';
export { encodeTlv } from './tlv/ber-encode.js';
export { isConstructedTag, type TlvNode } from './tlv/tlv-node.js';

export { EMV_TAGS, emvTagInfo } from './tags/emv-tags.js';
export type { TagFormat, TagInfo, TagSensitivity, TagSource } from './tags/tag-info.js';
export { describeTlv, type DescribeTlvOptions } from './tags/describe-tlv.js';

export {
  buildDolData,
  fitToLength,
  parseDol,
  type BuildDolDataOptions,
  type DolEntry,
  type DolValues,
} from './dol/dol.js';

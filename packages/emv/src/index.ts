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
export { isWellFormedTlv } from './tlv/ber-check.js';
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

export { crc16CcittFalse, qrCrc } from './qr/crc16.js';
export { characterCount, isTemplateId, type QrObject, type QrObjectInput } from './qr/qr-object.js';
export { parseQrObjects } from './qr/qr-scan.js';
export { validateMpm } from './qr/mpm-validate.js';
export { parseMpm } from './qr/mpm-parse.js';
export { buildMpm, buildQrPayload, mpmObjects } from './qr/qr-build.js';
export {
  MPM_FIELD_IDS,
  type MerchantPresentedQr,
  type MpmTextField,
  type ParsedMerchantPresentedQr,
} from './qr/mpm-types.js';
export { maskSensitiveValue, printableText } from './tags/mask-value.js';

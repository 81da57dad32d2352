export type * from './spec/spec-types.js';
export { validateSpec, validateFieldSpec } from './spec/validate-spec.js';
export {
  Iso8583Error,
  ISO8583_ERROR_CODES,
  type Iso8583ErrorCode,
  type Iso8583ErrorDetails,
  type Iso8583Phase,
} from './errors.js';
export {
  MessageCodec,
  createCodec,
  type Iso8583Message,
  type UnpackOptions,
  type CodecOptions,
} from './codec/message-codec.js';
export { MessageLayout, type FieldSpan } from './codec/message-layout.js';
export type { FieldCodec, FieldValue } from './codec/field-codec.js';
export { BER_TLV_MAX_DEPTH, decodeBerTlv, encodeBerTlv, scanBerTlv } from './tlv/ber-tlv.js';
export { decodeAsciiTlv, encodeAsciiTlv } from './tlv/ascii-tlv.js';
export type { TlvNode, AsciiTlvNode } from './tlv/tlv-node.js';
export { bytesToHex, hexToBytes } from './encoding/hex.js';
export { cupPosSpec } from './specs/cup-pos.js';
export { iso87AsciiSpec } from './specs/iso87-ascii.js';
export { encodeFrame, readFrameLength, framePrefixSize } from './framing/frame-codec.js';
export { FrameDecoder, FrameDecoderError, type FrameDecoderOptions } from './framing/frame-decoder.js';
export { splitSubfields, joinSubfields, type SubfieldValue } from './codec/subfields.js';
export { describeMessage, type DescribeOptions } from './describe/describe.js';
export { displayFieldValue, maskText } from './describe/masking.js';
export { mtiMeaning } from './describe/mti-meaning.js';
export { messageToJson, messageFromJson, type MessageJson, type ToJsonOptions } from './json/message-json.js';
export { BUILT_IN_SPECS, builtInSpec } from './specs/registry.js';
export { toFieldArray } from './codec/field-array.js';

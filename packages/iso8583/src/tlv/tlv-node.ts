/**
 * One decoded BER-TLV data object. `children` is set for constructed BER tags (71, 72, 6F …). The
 * shape of @payterm/emv's TlvNode without its kept length field: decodeBerTlv normalises lengths,
 * encodeBerTlv writes minimal ones (the field value itself keeps the wire bytes).
 */
export interface TlvNode {
  readonly tag: string;
  readonly value: Uint8Array;
  readonly children?: readonly TlvNode[];
}

/** One decoded object of an ASCII TLV field (tag an + length n + value), e.g. CUP field 59. */
export interface AsciiTlvNode {
  readonly tag: string;
  readonly value: string;
}

/** One decoded TLV data object. `children` is set for constructed BER tags (71, 72, 6F …). */
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

/**
 * One BER-TLV data object. `tag` is upper-case hex (`9F26`); `children` is set on decoded
 * constructed objects (71, 72, 70 …) and, when present, is what gets encoded.
 */
export interface TlvNode {
  readonly tag: string;
  readonly value: Uint8Array;
  readonly children?: readonly TlvNode[];
  /**
   * The length field as it was read, set only when the input did not use the minimal form
   * (`81 05`, `82 00 05`): encoding reuses it so that decode → encode gives the same bytes.
   */
  readonly lengthBytes?: Uint8Array;
}

/** A constructed tag has bit 6 of its first byte set. */
export function isConstructedTag(tag: string): boolean {
  return (parseInt(tag.slice(0, 2), 16) & 0x20) !== 0;
}

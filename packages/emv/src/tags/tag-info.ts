/** Who supplies the data object (EMV Book 3 Annex A "Source"). */
export type TagSource = 'card' | 'terminal' | 'issuer';

/** EMV data element formats: binary, numeric (BCD, right-aligned), alphanumeric, alphanumeric special, compressed numeric (BCD, left-aligned, F-padded). */
export type TagFormat = 'b' | 'n' | 'an' | 'ans' | 'cn';

/** `track` values keep a masked PAN; `name` and `discretionary` (track discretionary data) are hidden whole. */
export type TagSensitivity = 'pan' | 'track' | 'name' | 'discretionary';

export interface TagInfo {
  readonly name: string;
  readonly source: TagSource;
  readonly format: TagFormat;
  /** Value length in bytes: fixed when min === max. */
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Digits for n / cn formats (e.g. 12 for 9F02), when the specification fixes them. */
  readonly digits?: number;
  readonly constructed?: boolean;
  readonly sensitive?: TagSensitivity;
}

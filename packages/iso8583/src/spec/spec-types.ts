/**
 * A message spec is plain data: JSON-serialisable, diffable, checked when loaded (validate-spec.ts)
 * and compiled into a codec (message-codec.ts). Every field is described by small parts: a charset,
 * an encoding, a length (fixed or prefixed) with its unit, padding, and optionally positional
 * sub-fields or TLV content.
 */

/**
 * What a field's value may contain.
 * - `n` digits · `x` hex digits 0-9A-F · `z` track data (digits and `=` separator)
 * - `a` letters and space · `an` letters, digits and space · `ns` digits and printable specials
 * - `ans` printable ASCII plus bytes 0x80–0xFF (so GBK text passes through unchanged)
 * - `x+n` `C`/`D` sign then digits (ISO 8583 amounts with a debit/credit indicator)
 * - `b` binary: the value is a Uint8Array
 */
export type Charset = 'n' | 'x' | 'z' | 'a' | 'an' | 'ns' | 'ans' | 'x+n' | 'b';

/**
 * How the value travels on the wire.
 * - `ascii` one byte per character (Latin-1) · `ebcdic` one byte per character, code page 037
 * - `bcd` two characters per byte (n: 0-9, x: 0-F, z: `=` as nibble D), odd lengths padded per `align`/`pad`
 * - `binary` raw bytes · `hex` bytes written as upper-case hex ASCII (two characters per byte)
 */
export type Encoding = 'ascii' | 'ebcdic' | 'bcd' | 'binary' | 'hex';

/**
 * What a length counts: `digits` (numeric characters of the value), `chars` (characters of the value;
 * for hex-encoded binary, hex characters on the wire) or `bytes` (bytes of the encoded data on the wire).
 */
export type LengthUnit = 'digits' | 'chars' | 'bytes';

/** A length prefix: LL / LLL / LLLL in ASCII, EBCDIC or BCD digits, or 1 / 2 binary bytes (big-endian). */
export type PrefixSpec =
  | { readonly encoding: 'ascii' | 'ebcdic' | 'bcd'; readonly digits: 1 | 2 | 3 | 4 }
  | { readonly encoding: 'binary'; readonly bytes: 1 | 2 };

export type LengthSpec =
  | { readonly kind: 'fixed'; readonly length: number }
  | { readonly kind: 'variable'; readonly prefix: PrefixSpec; readonly max: number };

/** What describe() and JSON output hide unless explicitly unmasked. */
export type Sensitivity = 'pan' | 'track' | 'pin-block' | 'icc' | 'secret';

/** A positional sub-field: consecutive fixed-length slices of the parent's value (60.1, 60.2 …). */
export interface SubfieldSpec {
  readonly id: string;
  readonly name: string;
  readonly length: number;
  readonly charset: Charset;
  /** Meanings of well-known values, for describe(). */
  readonly values?: Readonly<Record<string, string>>;
}

export interface TagSpec {
  readonly name: string;
  readonly sensitive?: Sensitivity;
}

/**
 * TLV content.
 * - `ber`: BER-TLV (EMV field 55); the value is binary.
 * - `ascii`: tag of `tagChars` characters + length of `lengthDigits` decimal digits + value (CUP field 59).
 */
export type TlvSpec =
  | { readonly format: 'ber'; readonly tags?: Readonly<Record<string, TagSpec>> }
  | {
      readonly format: 'ascii';
      readonly tagChars: number;
      readonly lengthDigits: number;
      readonly tags?: Readonly<Record<string, TagSpec>>;
    };

export interface FieldSpec {
  readonly name: string;
  readonly charset: Charset;
  readonly encoding: Encoding;
  readonly unit: LengthUnit;
  readonly length: LengthSpec;
  /**
   * bcd: which side the digits sit on when a pad nibble is needed (`left` = pad at the end).
   * Text: which side the value sits on when a fixed field is padded (`left` = pad at the end).
   */
  readonly align?: 'left' | 'right';
  /** bcd: the pad nibble `0` or `F` for odd lengths. Text fixed fields: the pad character for short values. */
  readonly pad?: string;
  readonly sensitive?: Sensitivity;
  readonly subfields?: readonly SubfieldSpec[];
  readonly tlv?: TlvSpec;
}

export interface NumberedFieldSpec extends FieldSpec {
  readonly number: number;
}

/** A fixed-length part before the MTI (TPDU, CUP message header …); its value is a string. */
export interface HeaderPartSpec extends FieldSpec {
  readonly id: string;
}

export type FramingSpec = { readonly lengthPrefix: LengthPrefixKind; readonly maxLength: number };

/** `binary-2`: 2-byte big-endian length (CUP). `ascii-4`: four ASCII digits. Both exclude themselves. */
export type LengthPrefixKind = 'binary-2' | 'ascii-4';

export interface MessageSpec {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly headers: readonly HeaderPartSpec[];
  readonly mti: { readonly encoding: 'ascii' | 'ebcdic' | 'bcd' };
  /** `maxBitmaps`: 1 primary only (bit 1 must be clear), 2 secondary, 3 tertiary (bit 65). */
  readonly bitmap: { readonly encoding: 'binary' | 'hex'; readonly maxBitmaps: 1 | 2 | 3 };
  readonly fields: readonly NumberedFieldSpec[];
  readonly framing?: FramingSpec;
}

import type { FieldSpec } from '../spec/spec-types.js';
import { scanAsciiTlv } from '../tlv/ascii-tlv.js';
import { scanBerTlv } from '../tlv/ber-tlv.js';
import { BinaryFieldCodec, HexFieldCodec } from './binary-field-codec.js';
import type { ContentCheck, FieldCodec } from './field-codec.js';
import { NibbleFieldCodec } from './nibble-field-codec.js';
import { TextFieldCodec } from './text-field-codec.js';

export interface FieldCompileOptions {
  /** Check TLV structure while packing and unpacking (default true); false defers it to decodeTlv. */
  readonly validateTlv?: boolean;
}

function tlvCheck(path: string, spec: FieldSpec): ContentCheck | undefined {
  const tlv = spec.tlv;
  if (tlv === undefined) return undefined;
  if (tlv.format === 'ber') {
    // Hex-encoded fields carry each value byte as two characters: error offsets must count those.
    const scale = spec.encoding === 'hex' ? 2 : 1;
    return (value, offset) => {
      if (value instanceof Uint8Array) scanBerTlv(value, 0, value.length, path, offset, scale);
    };
  }
  return (value, offset) => {
    if (typeof value === 'string') scanAsciiTlv(value, tlv, path, offset);
  };
}

/** Builds the codec for one (already validated) field spec. */
export function compileField(path: string, spec: FieldSpec, options: FieldCompileOptions = {}): FieldCodec {
  const check = options.validateTlv === false ? undefined : tlvCheck(path, spec);
  switch (spec.encoding) {
    case 'bcd':
      return new NibbleFieldCodec(path, spec, check);
    case 'ascii':
    case 'ebcdic':
      return new TextFieldCodec(path, spec, check);
    case 'binary':
      return new BinaryFieldCodec(path, spec, check);
    case 'hex':
      return new HexFieldCodec(path, spec, check);
  }
}

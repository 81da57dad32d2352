import { firstInvalidCharacter, describeCharset } from '../encoding/charsets.js';
import { iso8583Error } from '../errors.js';
import type { FieldSpec } from '../spec/spec-types.js';

export interface SubfieldValue {
  readonly id: string;
  /** `60.3` */
  readonly path: string;
  readonly name: string;
  readonly value: string;
  /** The meaning of a well-known value (from the spec), if any. */
  readonly meaning?: string;
}

/**
 * Splits a value into its positional sub-fields. A value may stop at any sub-field boundary (later
 * sub-fields are then absent) or inside one (the last is shorter); characters beyond the last
 * declared sub-field are returned as `rest` (newer dialects append digits to field 60).
 */
export function splitSubfields(
  spec: FieldSpec,
  path: string,
  value: string,
): { parts: SubfieldValue[]; rest: string } {
  const parts: SubfieldValue[] = [];
  let pos = 0;
  for (const subfield of spec.subfields ?? []) {
    if (pos >= value.length) break;
    const part = value.slice(pos, pos + subfield.length);
    const meaning = subfield.values?.[part];
    parts.push({
      id: subfield.id,
      path: `${path}.${subfield.id}`,
      name: subfield.name,
      value: part,
      ...(meaning === undefined ? {} : { meaning }),
    });
    pos += subfield.length;
  }
  return { parts, rest: value.slice(pos) };
}

/**
 * Joins sub-field values (by id) into the field value. Sub-fields must be given in a gap-free run
 * from the first, each with exactly its length and charset; `rest` may append trailing characters.
 */
export function joinSubfields(
  spec: FieldSpec,
  path: string,
  values: Readonly<Record<string, string>>,
): string {
  const subfields = spec.subfields ?? [];
  const known = new Set(subfields.map((subfield) => subfield.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id) && id !== 'rest') {
      throw iso8583Error('ISO8583_INVALID_VALUE', `sub-field ${path}.${id} is not defined`, {
        field: `${path}.${id}`,
        phase: 'data',
      });
    }
  }
  let joined = '';
  let missing: string | undefined;
  for (const subfield of subfields) {
    const subPath = `${path}.${subfield.id}`;
    const value = values[subfield.id];
    if (value === undefined) {
      missing ??= subPath;
      continue;
    }
    if (missing !== undefined) {
      throw iso8583Error('ISO8583_INVALID_VALUE', `${subPath} is given but ${missing} before it is missing`, {
        field: missing,
        phase: 'data',
      });
    }
    if (typeof value !== 'string' || value.length !== subfield.length) {
      throw iso8583Error('ISO8583_INVALID_VALUE', `${subPath} must be ${subfield.length} characters`, {
        field: subPath,
        phase: 'data',
        need: subfield.length,
        have: typeof value === 'string' ? value.length : -1,
      });
    }
    const bad = firstInvalidCharacter(subfield.charset as Exclude<FieldSpec['charset'], 'b'>, value);
    if (bad >= 0) {
      throw iso8583Error(
        'ISO8583_INVALID_CHARACTER',
        `character ${bad + 1} of ${subPath} is not allowed: it holds ${describeCharset(subfield.charset)}`,
        {
          field: subPath,
          phase: 'data',
        },
      );
    }
    joined += value;
  }
  const rest = values['rest'];
  if (rest !== undefined && missing !== undefined) {
    throw iso8583Error('ISO8583_INVALID_VALUE', `rest is given but ${missing} is missing`, {
      field: missing,
      phase: 'data',
    });
  }
  return joined + (rest ?? '');
}

import { iso8583Error } from '../errors.js';
import type { FieldValue } from './field-codec.js';
import { fieldNumberOfKey } from './field-number.js';

/**
 * Field values as a sparse array indexed by field number: the form unpack returns, and the form pack
 * walks fastest (a plain object is accepted too, but its keys have to be enumerated and parsed).
 * Throws ISO8583_UNKNOWN_FIELD for a key that is not a field number, rather than dropping it.
 */
export function toFieldArray(fields: Readonly<Record<number, FieldValue | undefined>>): FieldValue[] {
  if (Array.isArray(fields)) return fields as FieldValue[];
  const array: FieldValue[] = [];
  for (const key of Object.keys(fields)) {
    const number = fieldNumberOfKey(key);
    if (number === undefined) {
      throw iso8583Error('ISO8583_UNKNOWN_FIELD', `"${key}" is not a field number`, {
        field: key,
        phase: 'data',
      });
    }
    const value = fields[number];
    if (value !== undefined) array[number] = value;
  }
  return array;
}

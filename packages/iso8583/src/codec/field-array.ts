import type { FieldValue } from './field-codec.js';

/**
 * Field values as a sparse array indexed by field number: the form unpack returns, and the form pack
 * walks fastest (a plain object is accepted too, but its keys have to be enumerated and parsed).
 */
export function toFieldArray(fields: Readonly<Record<number, FieldValue | undefined>>): FieldValue[] {
  if (Array.isArray(fields)) return fields as FieldValue[];
  const keys = Object.keys(fields).map(Number);
  const array = new Array<FieldValue>(Math.max(0, ...keys.filter(Number.isInteger)) + 1);
  for (const key of Object.keys(fields)) {
    const value = fields[key as unknown as number];
    if (value !== undefined) (array as unknown as Record<string, FieldValue>)[key] = value;
  }
  return array;
}

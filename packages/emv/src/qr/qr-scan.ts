import { childPath, emvError } from '../errors.js';
import { isTemplateId, type QrObject } from './qr-object.js';

/** A parsed object with the character offset of its ID, for precise errors. */
export interface LocatedQrObject extends QrObject {
  readonly offset: number;
  readonly children?: readonly LocatedQrObject[];
}

const TWO_DIGITS = /^\d\d$/;

/**
 * Splits a payload (as code points) into ID n2 + length n2 + value objects, templates into their
 * sub-objects (one level: templates sit only at the top). IDs must be unique at each level.
 */
export function scanQrObjects(
  chars: readonly string[],
  start: number,
  end: number,
  parent: string,
): LocatedQrObject[] {
  const objects: LocatedQrObject[] = [];
  const seen = new Set<string>();
  let pos = start;
  while (pos < end) {
    const id = (chars[pos] ?? '') + (chars[pos + 1] ?? '');
    const path = childPath(parent, id);
    if (end - pos < 4) {
      const phase = end - pos < 2 ? 'tag' : 'length';
      throw emvError('EMV_QR_TRUNCATED', `data object ${path} is cut off`, {
        path: parent === '' ? null : parent,
        phase,
        offset: pos,
        need: 4,
        have: end - pos,
      });
    }
    if (!TWO_DIGITS.test(id)) {
      throw emvError('EMV_QR_INVALID_ID', `ID ${JSON.stringify(id)} is not two digits`, {
        path: parent === '' ? null : parent,
        phase: 'tag',
        offset: pos,
      });
    }
    const lengthText = (chars[pos + 2] as string) + (chars[pos + 3] as string);
    if (!TWO_DIGITS.test(lengthText)) {
      throw emvError('EMV_QR_INVALID_LENGTH', `length ${JSON.stringify(lengthText)} is not two digits`, {
        path,
        phase: 'length',
        offset: pos + 2,
      });
    }
    const valueStart = pos + 4;
    const valueEnd = valueStart + Number(lengthText);
    if (valueEnd > end) {
      throw emvError(
        'EMV_QR_TRUNCATED',
        `${path} announces ${lengthText} characters but ${end - valueStart} remain`,
        {
          path,
          phase: 'value',
          offset: valueStart,
          need: valueEnd - valueStart,
          have: end - valueStart,
        },
      );
    }
    if (seen.has(id)) {
      throw emvError('EMV_QR_DUPLICATE_OBJECT', `${path} occurs twice`, { path, phase: 'tag', offset: pos });
    }
    seen.add(id);
    const value = chars.slice(valueStart, valueEnd).join('');
    const children =
      parent === '' && isTemplateId(id) ? scanQrObjects(chars, valueStart, valueEnd, id) : undefined;
    objects.push({ id, value, offset: pos, ...(children === undefined ? {} : { children }) });
    pos = valueEnd;
  }
  return objects;
}

/**
 * Splits a payload into its data objects (templates into sub-objects) without checking any MPM rule:
 * no CRC, no mandatory objects. Throws EmvError on a cut-off object, a non-numeric ID or length, or
 * a duplicate ID.
 */
export function parseQrObjects(payload: string): QrObject[] {
  const chars = Array.from(payload);
  return scanQrObjects(chars, 0, chars.length, '').map(withoutOffsets);
}

export function withoutOffsets(object: LocatedQrObject): QrObject {
  const { id, value, children } = object;
  return children === undefined ? { id, value } : { id, value, children: children.map(withoutOffsets) };
}

import { concatBytes } from '@payterm/kernel';
import { EmvError, emvError } from '../errors.js';
import { EMV_TAGS } from '../tags/emv-tags.js';
import type { TagFormat, TagInfo } from '../tags/tag-info.js';
import { readBerTag } from '../tlv/ber-header.js';

/** One entry of a data object list (PDOL, CDOL1/2, DDOL, TDOL): a tag and the length wanted for it. */
export interface DolEntry {
  readonly tag: string;
  readonly length: number;
}

/**
 * Parses a DOL: BER tags each followed by a one-byte length (EMV Book 3 §5.4). Throws
 * EMV_DOL_INVALID naming the entry and byte offset when a tag or its length is cut off.
 */
export function parseDol(bytes: Uint8Array): DolEntry[] {
  const entries: DolEntry[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const tag = readDolTag(bytes, pos);
    if (tag.end >= bytes.length) {
      throw emvError('EMV_DOL_INVALID', `DOL entry ${tag.tag} has no length`, {
        path: tag.tag,
        phase: 'length',
        offset: tag.end,
        need: 1,
        have: 0,
      });
    }
    entries.push({ tag: tag.tag, length: bytes[tag.end] as number });
    pos = tag.end + 1;
  }
  return entries;
}

function readDolTag(bytes: Uint8Array, pos: number): { tag: string; end: number } {
  try {
    return readBerTag(bytes, pos, bytes.length, '');
  } catch (error) {
    if (!(error instanceof EmvError)) throw error;
    throw emvError('EMV_DOL_INVALID', `DOL tag is malformed: ${error.message}`, error.details);
  }
}

export type DolValues = ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;

export interface BuildDolDataOptions {
  /** Where formats come from (default EMV_TAGS); tags not in it are treated as binary. */
  readonly tags?: Readonly<Record<string, TagInfo>>;
}

/**
 * The concatenated data a DOL asks for (EMV Book 3 §5.4): each value fitted to its entry's length.
 * Absent values and constructed tags give zeros; a longer value loses its leftmost bytes when numeric
 * (n) and its rightmost bytes otherwise; a shorter one gets leading zeros when n, trailing FF when cn,
 * trailing zeros otherwise.
 */
export function buildDolData(
  dol: readonly DolEntry[],
  values: DolValues,
  options: BuildDolDataOptions = {},
): Uint8Array {
  const tags = options.tags ?? EMV_TAGS;
  const parts = dol.map((entry) => {
    const value = lookUp(values, entry.tag);
    const constructed = (parseInt(entry.tag.slice(0, 2), 16) & 0x20) !== 0;
    if (value === undefined || constructed) return new Uint8Array(entry.length);
    return fitToLength(value, entry.length, tags[entry.tag]?.format ?? 'b');
  });
  return concatBytes(...parts);
}

function lookUp(values: DolValues, tag: string): Uint8Array | undefined {
  return values instanceof Map ? values.get(tag) : (values as Readonly<Record<string, Uint8Array>>)[tag];
}

/** A value padded or truncated to `length` bytes by the rules of its format. */
export function fitToLength(value: Uint8Array, length: number, format: TagFormat): Uint8Array {
  if (value.length === length) return value.slice();
  const out = new Uint8Array(length);
  if (value.length > length) {
    out.set(format === 'n' ? value.subarray(value.length - length) : value.subarray(0, length));
    return out;
  }
  if (format === 'n') {
    out.set(value, length - value.length);
    return out;
  }
  if (format === 'cn') out.fill(0xff, value.length);
  out.set(value);
  return out;
}

import { iso8583Error } from '../errors.js';
import type { AsciiTlvNode } from './tlv-node.js';

export interface AsciiTlvLayout {
  readonly tagChars: number;
  readonly lengthDigits: number;
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Walks tag + decimal length + value objects of `text`, calling `visit` for each. Positions in errors
 * are `offsetBase` + character index (one byte per character in ASCII and EBCDIC fields).
 */
function walk(
  text: string,
  layout: AsciiTlvLayout,
  path: string,
  offsetBase: number,
  visit: (tag: string, valueStart: number, valueEnd: number) => void,
): void {
  const headerSize = layout.tagChars + layout.lengthDigits;
  let pos = 0;
  while (pos < text.length) {
    const tag = text.slice(pos, pos + layout.tagChars);
    const field = `${path}.${tag}`;
    if (pos + headerSize > text.length) {
      throw iso8583Error('ISO8583_INVALID_TLV', `object ${tag} is cut off before its length`, {
        field,
        phase: 'tag',
        offset: offsetBase + pos,
        need: headerSize,
        have: text.length - pos,
      });
    }
    const lengthStart = pos + layout.tagChars;
    if (!isDigits(text, lengthStart, lengthStart + layout.lengthDigits)) {
      throw iso8583Error(
        'ISO8583_INVALID_TLV',
        `object ${tag} has a length that is not ${layout.lengthDigits} digits`,
        {
          field,
          phase: 'length',
          offset: offsetBase + lengthStart,
        },
      );
    }
    const length = Number(text.slice(lengthStart, lengthStart + layout.lengthDigits));
    const valueStart = pos + headerSize;
    if (valueStart + length > text.length) {
      throw iso8583Error('ISO8583_INVALID_TLV', `object ${tag} announces ${length} characters`, {
        field,
        phase: 'data',
        offset: offsetBase + valueStart,
        need: length,
        have: text.length - valueStart,
      });
    }
    visit(tag, valueStart, valueStart + length);
    pos = valueStart + length;
  }
}

export function scanAsciiTlv(text: string, layout: AsciiTlvLayout, path: string, offsetBase: number): void {
  walk(text, layout, path, offsetBase, () => undefined);
}

export function decodeAsciiTlv(text: string, layout: AsciiTlvLayout, path = 'tlv'): AsciiTlvNode[] {
  const nodes: AsciiTlvNode[] = [];
  walk(text, layout, path, 0, (tag, valueStart, valueEnd) =>
    nodes.push({ tag, value: text.slice(valueStart, valueEnd) }),
  );
  return nodes;
}

export function encodeAsciiTlv(nodes: readonly AsciiTlvNode[], layout: AsciiTlvLayout, path = 'tlv'): string {
  const maxLength = 10 ** layout.lengthDigits - 1;
  return nodes
    .map(({ tag, value }) => {
      if (tag.length !== layout.tagChars) {
        throw iso8583Error('ISO8583_INVALID_TLV', `tag "${tag}" must be ${layout.tagChars} characters`, {
          field: `${path}.${tag}`,
          phase: 'tag',
          need: layout.tagChars,
          have: tag.length,
        });
      }
      if (value.length > maxLength) {
        throw iso8583Error('ISO8583_INVALID_TLV', `value of ${tag} is longer than ${maxLength} characters`, {
          field: `${path}.${tag}`,
          phase: 'data',
          need: maxLength,
          have: value.length,
        });
      }
      return tag + String(value.length).padStart(layout.lengthDigits, '0') + value;
    })
    .join('');
}

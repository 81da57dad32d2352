import {
  decodeTlv,
  EmvError,
  encodeTlv,
  isWellFormedTlv,
  type EmvPhase,
  type TlvNode as EmvTlvNode,
} from '@payterm/emv';
import { iso8583Error, type Iso8583Phase } from '../errors.js';
import type { TlvNode } from './tlv-node.js';

/**
 * BER-TLV itself lives in @payterm/emv; these are the ISO 8583 views over it, with the codec's error
 * contract (Iso8583Error ISO8583_INVALID_TLV, `field` = `<field path>.<tag path>`).
 *
 * Constructed objects may nest at most this many levels below the top of a field (EMV nests a few;
 * the bound keeps recursion, and hostile input, in check). The same limit is passed to emv on every
 * path, so the pack/unpack check, decodeBerTlv and describe()/JSON output accept the same input.
 */
export const BER_TLV_MAX_DEPTH = 32;

const PHASES: Readonly<Record<EmvPhase, Iso8583Phase>> = {
  tag: 'tag',
  length: 'length',
  value: 'data',
  crc: 'data',
  payload: 'data',
};

/** EmvError messages end with their own " (at 9F26, value, offset 7)"; ours gets the ISO 8583 location instead. */
const EMV_LOCATION = / \([^()]*\)$/;

/**
 * An emv BER-TLV error as ISO8583_INVALID_TLV: `field` prefixes the tag path with `path`; offsets
 * become `offsetBase + offset * scale` (scale 2 when the bytes travelled as hex characters).
 */
function fromEmvError(error: unknown, path: string, offsetBase: number, scale: number): unknown {
  if (!(error instanceof EmvError)) return error;
  const { path: tagPath, phase, offset, need, have } = error.details;
  return iso8583Error(
    'ISO8583_INVALID_TLV',
    error.message.replace(EMV_LOCATION, ''),
    {
      field: tagPath === null ? path : `${path}.${tagPath}`,
      phase: PHASES[phase],
      offset: offset < 0 ? -1 : offsetBase + offset * scale,
      need,
      have,
    },
    { cause: error },
  );
}

/**
 * Checks BER-TLV structure of bytes[start, end) (recursing into constructed tags); throws
 * ISO8583_INVALID_TLV naming the tag path (`55.71.86`) and offset of the first problem. Offsets are
 * `offsetBase + position * offsetScale`: pass 2 when the bytes were read from hex characters.
 * The hot path of pack and unpack: emv's allocation-free isWellFormedTlv; only when it says no does
 * emv's decoder run to say where.
 */
export function scanBerTlv(
  bytes: Uint8Array,
  start: number,
  end: number,
  path: string,
  offsetBase = 0,
  offsetScale = 1,
): void {
  if (isWellFormedTlv(bytes, start, end, BER_TLV_MAX_DEPTH)) return;
  try {
    decodeTlv(bytes.subarray(start, end), { maxDepth: BER_TLV_MAX_DEPTH });
  } catch (error) {
    throw fromEmvError(error, path, offsetBase + start * offsetScale, offsetScale);
  }
  // Both come from emv and apply the same rules; reaching this line means they drifted apart.
  throw iso8583Error('ISO8583_INVALID_TLV', 'BER-TLV content is malformed', {
    field: path,
    phase: 'tag',
    offset: offsetBase + start * offsetScale,
  });
}

/** Nodes as ISO 8583 shows them: tag, value, children; emv's kept non-minimal length fields dropped. */
function canonical(nodes: readonly EmvTlvNode[]): TlvNode[] {
  // Plain loops: one stack frame per nesting level, as deep as BER_TLV_MAX_DEPTH allows and beyond.
  const out: TlvNode[] = [];
  for (const node of nodes) {
    const children = node.children;
    out.push(
      children === undefined
        ? { tag: node.tag, value: node.value }
        : { tag: node.tag, value: node.value, children: canonical(children) },
    );
  }
  return out;
}

/** Whether a node carries a length field kept by emv's decoder (which encodeTlv would reuse). */
function hasKeptLengths(nodes: readonly EmvTlvNode[]): boolean {
  for (const node of nodes) {
    if (node.lengthBytes !== undefined) return true;
    if (node.children !== undefined && hasKeptLengths(node.children)) return true;
  }
  return false;
}

/**
 * Decodes BER-TLV into nodes in wire order (emv's decodeTlv); unknown tags are kept like any other.
 * Errors are ISO8583_INVALID_TLV with `field` = `<path>.<tag path>` and offsets into `bytes`.
 */
export function decodeBerTlv(bytes: Uint8Array, path = 'tlv'): TlvNode[] {
  try {
    return canonical(decodeTlv(bytes, { maxDepth: BER_TLV_MAX_DEPTH }));
  } catch (error) {
    throw fromEmvError(error, path, 0, 1);
  }
}

/**
 * Encodes nodes with minimal lengths (emv's encodeTlv); a constructed node is encoded from its
 * children when it has them. Tags that are not exactly one BER tag, and children on a primitive tag,
 * are ISO8583_INVALID_TLV in phase tag.
 */
export function encodeBerTlv(nodes: readonly TlvNode[], path = 'tlv'): Uint8Array {
  try {
    return encodeTlv(hasKeptLengths(nodes) ? canonical(nodes) : nodes);
  } catch (error) {
    throw fromEmvError(error, path, 0, 1);
  }
}

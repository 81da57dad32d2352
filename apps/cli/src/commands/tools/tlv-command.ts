import { Command } from 'commander';
import {
  bytesToHex,
  decodeTlv,
  EMV_TAGS,
  type TagInfo,
  type TagSensitivity,
  type TlvNode,
} from '@payterm/emv';
import { maskPan } from '@payterm/kernel';
import type { CliIo } from '../../cli-io.js';
import { hexArgument, printJson } from './tool-input.js';

/** One decoded object as printed: primitive objects carry `value` (hex), constructed ones `children`. */
interface TlvJson {
  tag: string;
  name: string | null;
  length: number;
  value?: string;
  /** The value as text, for an/ans tags whose bytes are all printable. */
  text?: string;
  masked?: true;
  children?: TlvJson[];
}

const hidden = (text: string): string => '*'.repeat(text.length);

/**
 * The same rule as describeTlv: PANs keep the first 6 and last 4 digits (and the F pad); track data
 * keeps the masked PAN and the separator; names and discretionary data are hidden whole.
 */
function maskValue(kind: TagSensitivity, shown: string): string {
  if (kind === 'pan') {
    const digits = shown.replace(/F+$/, '');
    return maskPan(digits) + shown.slice(digits.length);
  }
  if (kind !== 'track') return hidden(shown);
  const lead = /^%?B/.exec(shown)?.[0] ?? '';
  const body = shown.slice(lead.length);
  const separator = body.search(/[D=^]/);
  if (separator < 0) return lead + hidden(body);
  return lead + maskPan(body.slice(0, separator)) + body[separator] + hidden(body.slice(separator + 1));
}

function printable(value: Uint8Array): string | undefined {
  for (const byte of value) if (byte < 0x20 || byte > 0x7e) return undefined;
  return String.fromCharCode(...value);
}

function nodeJson(node: TlvNode, unmask: boolean): TlvJson {
  const info: TagInfo | undefined = EMV_TAGS[node.tag];
  const head = { tag: node.tag, name: info?.name ?? null, length: node.value.length };
  if (node.children !== undefined)
    return { ...head, children: node.children.map((child) => nodeJson(child, unmask)) };
  const hex = bytesToHex(node.value);
  const text = info?.format === 'an' || info?.format === 'ans' ? printable(node.value) : undefined;
  if (unmask || info?.sensitive === undefined)
    return { ...head, value: hex, ...(text === undefined ? {} : { text }) };
  const masked = {
    value: maskValue(info.sensitive, hex),
    ...(text === undefined ? {} : { text: maskValue(info.sensitive, text) }),
  };
  return { ...head, ...masked, masked: true };
}

export function tlvCommand(io: CliIo): Command {
  const command = new Command('tlv').description('EMV BER-TLV tools');
  command
    .command('decode')
    .description('hex BER-TLV → JSON tree with EMV tag names (PAN, track data, name masked unless --unmask)')
    .argument('<hex>', 'the TLV bytes as hex (whitespace allowed), or - to read standard input')
    .option('--unmask', 'show PAN, track data and cardholder name in clear')
    .action(async (hex: string, options: { unmask?: boolean }) => {
      const nodes = decodeTlv(await hexArgument(hex, io));
      printJson(
        io,
        nodes.map((node) => nodeJson(node, options.unmask === true)),
      );
    });
  return command;
}

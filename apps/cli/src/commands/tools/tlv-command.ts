import { Command } from 'commander';
import {
  bytesToHex,
  decodeTlv,
  EMV_TAGS,
  maskSensitiveValue,
  printableText,
  type TagInfo,
  type TlvNode,
} from '@payterm/emv';
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

function nodeJson(node: TlvNode, unmask: boolean): TlvJson {
  const info: TagInfo | undefined = EMV_TAGS[node.tag];
  const head = { tag: node.tag, name: info?.name ?? null, length: node.value.length };
  if (node.children !== undefined)
    return { ...head, children: node.children.map((child) => nodeJson(child, unmask)) };
  const hex = bytesToHex(node.value);
  const text = info?.format === 'an' || info?.format === 'ans' ? printableText(node.value) : undefined;
  if (unmask || info?.sensitive === undefined)
    return { ...head, value: hex, ...(text === undefined ? {} : { text }) };
  const masked = {
    value: maskSensitiveValue(info.sensitive, hex),
    ...(text === undefined ? {} : { text: maskSensitiveValue(info.sensitive, text) }),
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

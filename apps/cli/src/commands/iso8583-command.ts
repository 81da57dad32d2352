import { Command, Option } from 'commander';
import {
  BUILT_IN_SPECS,
  builtInSpec,
  bytesToHex,
  createCodec,
  describeMessage,
  encodeFrame,
  messageFromJson,
  messageToJson,
  type Iso8583Message,
  type MessageCodec,
} from '@payterm/iso8583';
import type { CliIo } from '../cli-io.js';
import { CliError } from '../cli-error.js';
import { parseHexInput, readArgumentOrStdin, readFileOrStdin, unframe } from './input.js';

interface CodecOptions {
  spec: string;
  frame?: boolean;
  unmask?: boolean;
}

function codecFor(specId: string): MessageCodec {
  const spec = builtInSpec(specId);
  if (spec === undefined) {
    throw new CliError(
      'CLI_UNKNOWN_SPEC',
      `unknown spec "${specId}"; built-in specs: ${Object.keys(BUILT_IN_SPECS).join(', ')}`,
      {
        spec: specId,
      },
    );
  }
  return createCodec(spec);
}

async function unpackInput(input: string, options: CodecOptions, io: CliIo) {
  const codec = codecFor(options.spec);
  const bytes = parseHexInput(await readArgumentOrStdin(input, io));
  const message = codec.unpack(options.frame === true ? unframe(bytes, codec.spec) : bytes);
  return { codec, message };
}

const specOption = (): Option =>
  new Option('-s, --spec <id>', 'message spec').choices(Object.keys(BUILT_IN_SPECS)).default('cup-pos');
const frameOption = (): Option => new Option('-f, --frame', "the bytes carry the spec's frame length prefix");
const unmaskOption = (): Option =>
  new Option('--unmask', 'show PAN, track, PIN block and sensitive ICC data in clear');

type Render = (codec: MessageCodec, message: Iso8583Message, unmask: boolean) => string;

/** A command that reads one hex message (argument or stdin), unpacks it and prints `render` of it. */
function addUnpackingCommand(
  parent: Command,
  name: string,
  description: string,
  io: CliIo,
  render: Render,
): void {
  parent
    .command(name)
    .description(description)
    .argument('<hex>', 'the message as hex (whitespace allowed), or - to read standard input')
    .addOption(specOption())
    .addOption(frameOption())
    .addOption(unmaskOption())
    .action(async (hex: string, options: CodecOptions) => {
      const { codec, message } = await unpackInput(hex, options, io);
      io.writeOut(`${render(codec, message, options.unmask === true)}\n`);
    });
}

export function iso8583Command(io: CliIo): Command {
  const command = new Command('iso8583').description('decode, encode and describe ISO 8583 messages');

  addUnpackingCommand(
    command,
    'decode',
    'hex message → JSON (sensitive fields masked unless --unmask)',
    io,
    (codec, message, unmask) => JSON.stringify(messageToJson(codec, message, { unmask }), null, 2),
  );

  command
    .command('encode')
    .description('JSON message → hex (the JSON that `decode --unmask` prints, or written by hand)')
    .argument('<file>', 'a JSON file, or - to read standard input')
    .addOption(specOption())
    .addOption(new Option('-f, --frame', "prepend the spec's frame length prefix"))
    .action(async (file: string, options: CodecOptions) => {
      const codec = codecFor(options.spec);
      const text = await readFileOrStdin(file, io);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CliError('CLI_INVALID_JSON', `the input is not JSON: ${(error as Error).message}`);
      }
      const bytes = codec.pack(messageFromJson(codec, json));
      const framing = codec.spec.framing?.lengthPrefix ?? 'binary-2';
      io.writeOut(`${bytesToHex(options.frame === true ? encodeFrame(bytes, framing) : bytes)}\n`);
    });

  addUnpackingCommand(
    command,
    'describe',
    'hex message → readable dump with field names, sub-fields and TLV objects',
    io,
    (codec, message, unmask) => describeMessage(codec, message, { unmask }),
  );

  command
    .command('spec')
    .description('print a built-in spec as JSON (specs are data)')
    .argument('[id]', 'spec id; without it, list the built-in specs')
    .action((id: string | undefined) => {
      if (id === undefined) {
        for (const spec of Object.values(BUILT_IN_SPECS)) io.writeOut(`${spec.id.padEnd(14)}${spec.name}\n`);
        return;
      }
      io.writeOut(`${JSON.stringify(codecFor(id).spec, null, 2)}\n`);
    });

  return command;
}

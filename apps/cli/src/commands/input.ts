import { FrameDecoder, hexToBytes, type MessageSpec } from '@payterm/iso8583';
import type { CliIo } from '../cli-io.js';
import { CliError } from '../cli-error.js';

/** Reads the argument itself, or standard input when it is `-`. */
export async function readArgumentOrStdin(argument: string, io: CliIo): Promise<string> {
  return argument === '-' ? io.readStdin() : argument;
}

/** Reads a file, or standard input when the path is `-`. */
export async function readFileOrStdin(path: string, io: CliIo): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    return await io.readTextFile(path);
  } catch (error) {
    throw new CliError('CLI_INPUT_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/** Hex digits with any whitespace in between (as dumps are usually written). */
export function parseHexInput(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const bad = compact.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    throw new CliError('CLI_INVALID_HEX', `character ${bad + 1} ("${compact[bad]}") is not a hex digit`, {
      position: bad + 1,
    });
  }
  const bytes = hexToBytes(compact);
  if (bytes === undefined)
    throw new CliError('CLI_INVALID_HEX', `odd number of hex digits (${compact.length})`, {
      digits: compact.length,
    });
  return bytes;
}

/** Strips the spec's frame length prefix, insisting on exactly one complete frame. */
export function unframe(bytes: Uint8Array, spec: MessageSpec): Uint8Array {
  const framing = spec.framing ?? { lengthPrefix: 'binary-2', maxLength: 0xffff };
  const decoder = new FrameDecoder(framing);
  const frames = decoder.push(bytes);
  if (frames.length !== 1 || decoder.buffered !== 0) {
    const leftover = decoder.buffered;
    throw new CliError(
      'CLI_INVALID_FRAME',
      `expected one complete ${framing.lengthPrefix} frame, found ${frames.length} complete and ${leftover} bytes of an incomplete one`,
      { frames: frames.length, incompleteBytes: leftover },
    );
  }
  return frames[0] as Uint8Array;
}

import { Option } from 'commander';
import { createCipher, type BlockCipher, type CipherAlgorithm } from '@payterm/crypto';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { parseHexInput, readArgumentOrStdin } from '../input.js';

/** Prints one JSON document on standard output. */
export function printJson(io: CliIo, value: unknown): void {
  io.writeOut(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Key bytes from a hex option. Unlike parseHexInput, the error names the option and a position or
 * digit count only, never a character: the text is key material.
 */
export function parseKeyHex(text: string, option: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const bad = compact.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    throw new CliError('CLI_INVALID_HEX', `${option}: character ${bad + 1} is not a hex digit`, {
      option,
      position: bad + 1,
    });
  }
  if (compact.length % 2 !== 0) {
    throw new CliError('CLI_INVALID_HEX', `${option}: odd number of hex digits (${compact.length})`, {
      option,
      digits: compact.length,
    });
  }
  return Uint8Array.from(compact.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A keyed cipher from a hex option; a wrong length is the crypto package's CRYPTO_INVALID_KEY_LENGTH. */
export function cipherFromOption(algorithm: CipherAlgorithm, keyHex: string, option: string): BlockCipher {
  const key = parseKeyHex(keyHex, option);
  try {
    return createCipher(algorithm, key);
  } finally {
    key.fill(0);
  }
}

/** Hex data from the argument, or standard input for `-`. */
export async function hexArgument(argument: string, io: CliIo): Promise<Uint8Array> {
  return parseHexInput(await readArgumentOrStdin(argument, io));
}

/** An option whose value must be one of `choices`. */
export const choiceOption = (flags: string, description: string, choices: readonly string[]): Option =>
  new Option(flags, description).choices(choices);

/** Rejects an option combination commander cannot express (for example --padding with CMAC). */
export function invalidOption(option: string, message: string): CliError {
  return new CliError('CLI_INVALID_OPTION', message, { option });
}

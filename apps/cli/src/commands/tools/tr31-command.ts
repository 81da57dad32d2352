import { Command, Option } from 'commander';
import {
  bytesToHex,
  createCipher,
  keyCheckValue,
  parseTr31Header,
  unwrapTr31KeyBlock,
  wrapTr31KeyBlock,
  type CipherAlgorithm,
  type Tr31OptionalBlock,
  type Tr31Version,
} from '@payterm/crypto';
import { systemRandom } from '@payterm/kernel';
import type { CliIo } from '../../cli-io.js';
import { readArgumentOrStdin } from '../input.js';
import { invalidOption, parseKeyHex, printJson } from './tool-input.js';

/** The check value of a key a header names (T: TDES, A: AES, D: DES); null for other algorithms. */
function checkValueOf(algorithm: string, key: Uint8Array): string | null {
  const cipher: CipherAlgorithm | undefined =
    algorithm === 'T' ? 'tdes' : algorithm === 'A' ? 'aes' : algorithm === 'D' ? 'des' : undefined;
  if (cipher === undefined) return null;
  try {
    return bytesToHex(keyCheckValue(createCipher(cipher, key)));
  } catch {
    return null;
  }
}

/** `ID=DATA`, repeatable. */
function collectOptionalBlock(text: string, previous: Tr31OptionalBlock[]): Tr31OptionalBlock[] {
  const separator = text.indexOf('=');
  if (separator < 0)
    throw invalidOption(
      '--optional-block',
      '--optional-block takes ID=DATA (for example KS=00604B120F9292800000)',
    );
  return [...previous, { id: text.slice(0, separator), data: text.slice(separator + 1) }];
}

function decodeCommand(io: CliIo): Command {
  return new Command('unwrap')
    .alias('decode')
    .description(
      'TR-31 key block → header, and with --kbpk the key’s length and check value (the key itself only ' +
        'with --show-key, a deliberate operator action)',
    )
    .argument('<block>', 'the key block text, or - to read standard input')
    .option('--kbpk <hex>', 'the key block protection key: verify the MAC and decrypt')
    .option('--show-key', 'print the unwrapped key in clear')
    .action(async (argument: string, options: { kbpk?: string; showKey?: boolean }) => {
      const block = (await readArgumentOrStdin(argument, io)).trim();
      if (options.kbpk === undefined) {
        if (options.showKey === true) throw invalidOption('--show-key', '--show-key needs --kbpk');
        printJson(io, { header: parseTr31Header(block), verified: false });
        return;
      }
      const kbpk = parseKeyHex(options.kbpk, '--kbpk');
      try {
        const { header, key } = unwrapTr31KeyBlock(kbpk, block);
        printJson(io, {
          header,
          verified: true,
          keyLength: key.length,
          kcv: checkValueOf(header.algorithm, key),
          key: options.showKey === true ? bytesToHex(key) : '*'.repeat(2 * key.length),
        });
        key.fill(0);
      } finally {
        kbpk.fill(0);
      }
    });
}

interface EncodeOptions {
  kbpk: string;
  key: string;
  blockVersion: Tr31Version;
  usage: string;
  algorithm: string;
  mode: string;
  exportability: string;
  keyVersion: string;
  optionalBlock: Tr31OptionalBlock[];
  maskLength?: string;
}

function encodeCommand(io: CliIo): Command {
  return new Command('wrap')
    .alias('encode')
    .description('key → TR-31 key block (version B: TDES KBPK; D: AES KBPK), with the key’s check value')
    .requiredOption('--kbpk <hex>', 'the key block protection key')
    .requiredOption('--key <hex>', 'the key to wrap')
    .addOption(
      new Option('--block-version <v>', 'key block version').choices(['B', 'D']).makeOptionMandatory(),
    )
    .requiredOption('--usage <xx>', 'key usage: P0 PIN encryption, B0 BDK, K0 KEK, M3 X9.19 MAC, D0 data …')
    .requiredOption('--algorithm <x>', 'algorithm of the wrapped key: T TDES, A AES, D DES')
    .requiredOption(
      '--mode <x>',
      'mode of use: E encrypt, D decrypt, B both, G generate, V verify, X derive, N none',
    )
    .option('--exportability <x>', 'E exportable, N non-exportable, S sensitive', 'E')
    .option('--key-version <xx>', 'key version number', '00')
    .option(
      '--optional-block <ID=DATA>',
      'an optional block (repeatable), e.g. KS=<IKSN>',
      collectOptionalBlock,
      [],
    )
    .option('--mask-length <bytes>', 'pad the key data as for a key of this length, to hide the real one')
    .action((options: EncodeOptions) => {
      let maskedKeyLength: number | undefined;
      if (options.maskLength !== undefined) {
        if (!/^\d+$/.test(options.maskLength))
          throw invalidOption('--mask-length', '--mask-length must be a number of bytes');
        maskedKeyLength = Number(options.maskLength);
      }
      const kbpk = parseKeyHex(options.kbpk, '--kbpk');
      const key = parseKeyHex(options.key, '--key');
      try {
        const keyBlock = wrapTr31KeyBlock({
          version: options.blockVersion,
          kbpk,
          key,
          random: systemRandom,
          header: {
            keyUsage: options.usage,
            algorithm: options.algorithm,
            modeOfUse: options.mode,
            keyVersionNumber: options.keyVersion,
            exportability: options.exportability,
            optionalBlocks: options.optionalBlock,
          },
          ...(maskedKeyLength === undefined ? {} : { maskedKeyLength }),
        });
        printJson(io, { keyBlock, kcv: checkValueOf(options.algorithm, key) });
      } finally {
        kbpk.fill(0);
        key.fill(0);
      }
    });
}

export function tr31Command(io: CliIo): Command {
  return new Command('tr31')
    .description(
      'TR-31 / ANSI X9.143 key blocks, versions B and D: unwrap (verify, decode) and wrap (encode)',
    )
    .addCommand(decodeCommand(io))
    .addCommand(encodeCommand(io));
}

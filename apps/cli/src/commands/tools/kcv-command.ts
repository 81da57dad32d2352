import { Command, Option } from 'commander';
import { bytesToHex, keyCheckValue, type CipherAlgorithm, type KcvMethod } from '@payterm/crypto';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { cipherFromOption, printJson } from './tool-input.js';

interface KcvCommandOptions {
  alg: CipherAlgorithm;
  length?: string;
  method?: KcvMethod;
}

function parseLength(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new CliError('CLI_INVALID_OPTION', `--length must be a number of bytes`, { option: '--length' });
  return Number(text);
}

export function kcvCommand(io: CliIo): Command {
  return new Command('kcv')
    .description('key check value of a key (encrypt zeros for DES/TDES, CMAC for AES, 3 bytes by default)')
    .argument('<key>', 'the key as hex')
    .addOption(
      new Option('--alg <alg>', 'the key’s cipher').choices(['des', 'tdes', 'aes']).makeOptionMandatory(),
    )
    .option('--length <n>', 'bytes of the check value (2 up to one block; CUP sign-on uses 4)')
    .addOption(
      new Option('--method <method>', 'override the default method').choices(['encrypt-zeros', 'cmac']),
    )
    .action((keyHex: string, options: KcvCommandOptions) => {
      const length = parseLength(options.length);
      const cipher = cipherFromOption(options.alg, keyHex, 'key');
      const method = options.method ?? (options.alg === 'aes' ? 'cmac' : 'encrypt-zeros');
      const kcv = keyCheckValue(cipher, { method, ...(length === undefined ? {} : { length }) });
      printJson(io, { algorithm: options.alg, method, kcv: bytesToHex(kcv) });
    });
}

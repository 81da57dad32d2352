import { Command, Option } from 'commander';
import {
  buildClearPinBlock,
  bytesToHex,
  decodeClearPinBlock,
  decryptPinBlock,
  encryptPinBlock,
  translatePinBlock,
  type BlockCipher,
  type CipherAlgorithm,
  type PinBlockFormat,
} from '@payterm/crypto';
import { systemRandom, type Secret } from '@payterm/kernel';
import type { CliIo } from '../../cli-io.js';
import { cipherFromOption, hexArgument, invalidOption, printJson } from './tool-input.js';

const FORMATS = ['0', '1', '3', '4'];
const PIN_ALGORITHMS = ['tdes', 'aes'];

interface KeyOptions {
  format: string;
  pan?: string;
  key?: string;
  alg?: string;
}

const formatOption = (flags = '--format <n>'): Option =>
  new Option(flags, 'ISO 9564-1 PIN block format').choices(FORMATS).makeOptionMandatory();
const panOption = (): Option => new Option('--pan <digits>', 'the PAN (formats 0, 3 and 4)');
const algOption = (flags = '--alg <alg>'): Option =>
  new Option(flags, 'cipher of the key (default: aes for format 4, tdes otherwise)').choices(PIN_ALGORITHMS);

/** The cipher of a PIN key: tdes unless the format is 4 (AES), or as --alg says. */
function pinCipher(
  format: PinBlockFormat,
  keyHex: string,
  alg: string | undefined,
  option: string,
): BlockCipher {
  const algorithm = (alg ?? (format === 4 ? 'aes' : 'tdes')) as CipherAlgorithm;
  return cipherFromOption(algorithm, keyHex, option);
}

/** Format 4 exists only encrypted (its PIN field is enciphered before the PAN field is added). */
function clearFormat(format: PinBlockFormat): 0 | 1 | 3 {
  if (format === 4) throw invalidOption('--key', 'format 4 needs --key (an AES key): it has no clear block');
  return format;
}

function checkAlgWithoutKey(options: KeyOptions): void {
  if (options.key === undefined && options.alg !== undefined)
    throw invalidOption('--alg', '--alg needs --key');
}

function encodeCommand(io: CliIo): Command {
  return new Command('encode')
    .description('PIN + PAN → PIN block, clear or encrypted under --key (the PIN is never printed)')
    .addOption(formatOption())
    .requiredOption('--pin <digits>', 'the PIN, 4 to 12 digits')
    .addOption(panOption())
    .option('--key <hex>', 'encrypt under this key (TDES for formats 0, 1, 3; AES for 4)')
    .addOption(algOption())
    .action((options: KeyOptions & { pin: string }) => {
      checkAlgWithoutKey(options);
      const format = Number(options.format) as PinBlockFormat;
      const pan = options.pan === undefined ? {} : { pan: options.pan };
      if (options.key === undefined) {
        const block = buildClearPinBlock(clearFormat(format), options.pin, options.pan, systemRandom);
        printJson(io, { format, encrypted: false, block: bytesToHex(block) });
        block.fill(0);
        return;
      }
      const cipher = pinCipher(format, options.key, options.alg, '--key');
      const block = encryptPinBlock(cipher, { format, pin: options.pin, random: systemRandom, ...pan });
      printJson(io, { format, encrypted: true, algorithm: cipher.algorithm, block: bytesToHex(block) });
    });
}

function decodeCommand(io: CliIo): Command {
  return new Command('decode')
    .description(
      'PIN block → PIN, decrypting under --key first. The PIN is masked unless --show-pin: printing it ' +
        'is a deliberate operator action, so keep such output off shared terminals and logs',
    )
    .argument('<block>', 'the PIN block as hex, or - to read standard input')
    .addOption(formatOption())
    .addOption(panOption())
    .option('--key <hex>', 'the key the block is encrypted under (without it, the block is clear)')
    .addOption(algOption())
    .option('--show-pin', 'print the PIN in clear')
    .action(async (blockHex: string, options: KeyOptions & { showPin?: boolean }) => {
      checkAlgWithoutKey(options);
      const format = Number(options.format) as PinBlockFormat;
      const block = await hexArgument(blockHex, io);
      const pan = options.pan === undefined ? {} : { pan: options.pan };
      let pin: Secret<string>;
      if (options.key === undefined) {
        pin = decodeClearPinBlock(clearFormat(format), block, options.pan);
      } else {
        pin = decryptPinBlock(pinCipher(format, options.key, options.alg, '--key'), block, {
          format,
          ...pan,
        });
      }
      const digits = pin.reveal();
      printJson(io, {
        format,
        pinLength: digits.length,
        pin: options.showPin === true ? digits : '*'.repeat(digits.length),
      });
    });
}

interface TranslateOptions {
  fromKey: string;
  toKey: string;
  fromFormat: string;
  toFormat: string;
  fromAlg?: string;
  toAlg?: string;
  pan?: string;
}

function translateCommand(io: CliIo): Command {
  return new Command('translate')
    .description('re-encrypt a PIN block under another key and/or format (0/3/4 → 1 is refused)')
    .argument('<block>', 'the encrypted PIN block as hex, or - to read standard input')
    .requiredOption('--from-key <hex>', 'the key the block is encrypted under (TPK, PEK …)')
    .requiredOption('--to-key <hex>', 'the key to encrypt under (ZPK …)')
    .addOption(formatOption('--from-format <n>'))
    .addOption(formatOption('--to-format <n>'))
    .addOption(algOption('--from-alg <alg>'))
    .addOption(algOption('--to-alg <alg>'))
    .addOption(panOption())
    .action(async (blockHex: string, options: TranslateOptions) => {
      const fromFormat = Number(options.fromFormat) as PinBlockFormat;
      const toFormat = Number(options.toFormat) as PinBlockFormat;
      const block = await hexArgument(blockHex, io);
      const from = pinCipher(fromFormat, options.fromKey, options.fromAlg, '--from-key');
      const to = pinCipher(toFormat, options.toKey, options.toAlg, '--to-key');
      const translated = translatePinBlock(block, {
        from: { cipher: from, format: fromFormat },
        to: { cipher: to, format: toFormat },
        random: systemRandom,
        ...(options.pan === undefined ? {} : { pan: options.pan }),
      });
      printJson(io, { format: toFormat, algorithm: to.algorithm, block: bytesToHex(translated) });
    });
}

export function pinblockCommand(io: CliIo): Command {
  return new Command('pinblock')
    .description('ISO 9564-1 PIN blocks (formats 0, 1, 3, 4): encode, decode, translate')
    .addCommand(encodeCommand(io))
    .addCommand(decodeCommand(io))
    .addCommand(translateCommand(io));
}

import { Command, Option } from 'commander';
import {
  bytesToHex,
  createCbcMac,
  createCipher,
  createCmac,
  createCupEcbMac,
  createRetailMac,
  type Mac,
  type MacPadding,
} from '@payterm/crypto';
import type { CliIo } from '../../cli-io.js';
import { hexArgument, invalidOption, parseKeyHex, printJson } from './tool-input.js';

const MAC_ALGORITHMS = ['pos-ecb', 'x919', 'iso9797-1', 'tdes-cmac', 'aes-cmac'] as const;
type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];

const DESCRIPTIONS: Record<MacAlgorithm, string> = {
  'pos-ecb': 'CUP POS ECB MAC (8- or 16-byte MAK; 8 ASCII-hex bytes)',
  x919: 'ANSI X9.19 retail MAC, ISO 9797-1 algorithm 3 (16-byte key)',
  'iso9797-1': 'ISO 9797-1 algorithm 1 CBC-MAC (8-byte key: DES, 16 or 24: TDES)',
  'tdes-cmac': 'CMAC over TDES (16 or 24-byte key)',
  'aes-cmac': 'CMAC over AES (16, 24 or 32-byte key)',
};

interface MacOptions {
  alg: MacAlgorithm;
  key: string;
  padding?: string;
}

function createMac(alg: MacAlgorithm, key: Uint8Array, padding: MacPadding | undefined): Mac {
  const withPadding = padding === undefined ? {} : { padding };
  switch (alg) {
    case 'pos-ecb':
      return createCupEcbMac(createCipher, key);
    case 'x919':
      return createRetailMac(createCipher, key, withPadding);
    case 'iso9797-1':
      return createCbcMac(createCipher(key.length === 8 ? 'des' : 'tdes', key), withPadding);
    case 'tdes-cmac':
      return createCmac(createCipher('tdes', key));
    case 'aes-cmac':
      return createCmac(createCipher('aes', key));
  }
}

export function macCommand(io: CliIo): Command {
  return new Command('mac')
    .description(
      `MAC of hex data: ${MAC_ALGORITHMS.map((alg) => `${alg} = ${DESCRIPTIONS[alg]}`).join('; ')}`,
    )
    .argument('<data>', 'the data as hex (whitespace allowed), or - to read standard input')
    .addOption(new Option('--alg <alg>', 'MAC algorithm').choices(MAC_ALGORITHMS).makeOptionMandatory())
    .requiredOption('--key <hex>', 'the MAC key')
    .addOption(
      new Option(
        '--padding <method>',
        'ISO 9797-1 padding method for x919 and iso9797-1 (default 1)',
      ).choices(['1', '2']),
    )
    .action(async (dataHex: string, options: MacOptions) => {
      if (options.padding !== undefined && options.alg !== 'x919' && options.alg !== 'iso9797-1')
        throw invalidOption('--padding', `--padding applies to x919 and iso9797-1, not ${options.alg}`);
      const data = await hexArgument(dataHex, io);
      const key = parseKeyHex(options.key, '--key');
      let mac: Uint8Array;
      try {
        const padding = options.padding === undefined ? undefined : (Number(options.padding) as MacPadding);
        mac = createMac(options.alg, key, padding).compute(data);
      } finally {
        key.fill(0);
      }
      const text = options.alg === 'pos-ecb' ? { text: String.fromCharCode(...mac) } : {};
      printJson(io, { algorithm: options.alg, mac: bytesToHex(mac), ...text });
    });
}
